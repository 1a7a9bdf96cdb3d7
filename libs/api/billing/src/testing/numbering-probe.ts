import { ownerClient } from '@warbler/api/core/testing';

/**
 * The numbers issued in a year and the sequence's next value, read in one statement so that both
 * come from the same snapshot even while other tests finalize. Gapless means: the sequences issued
 * are exactly 1 … next − 1.
 */
export async function numberingOfYear(year: number): Promise<{ issued: number[]; next: number }> {
  const [row] = await ownerClient().$queryRaw<{ issued: string[] | null; next: bigint | null }[]>`
    SELECT (SELECT array_agg(number ORDER BY number) FROM invoices WHERE number LIKE ${`WB-${year}-%`}) AS issued,
           (SELECT next_value FROM invoice_number_sequences WHERE year = ${year}) AS next`;
  return {
    issued: (row.issued ?? []).map((number) => Number(number.split('-')[2])).sort((a, b) => a - b),
    next: Number(row.next ?? 1n),
  };
}
