/** Who issues the invoices: printed at the top of every invoice and credit note. */
export interface InvoiceIssuer {
  name: string;
  addressLines: string[];
}

export const INVOICE_ISSUER = Symbol('INVOICE_ISSUER');

const MAX_LENGTH = 500;

/**
 * INVOICE_ISSUER_NAME (default "Warbler") and INVOICE_ISSUER_ADDRESS (lines separated by "\n",
 * typed as a backslash and an n or as real newlines; default none), read once at start-up.
 */
export function loadInvoiceIssuer(env: NodeJS.ProcessEnv = process.env): InvoiceIssuer {
  const name = env['INVOICE_ISSUER_NAME']?.trim() || 'Warbler';
  const address = env['INVOICE_ISSUER_ADDRESS'] ?? '';
  if (name.length > MAX_LENGTH || address.length > MAX_LENGTH) {
    throw new Error(`INVOICE_ISSUER_NAME and INVOICE_ISSUER_ADDRESS must be at most ${MAX_LENGTH} characters`);
  }
  const addressLines = address
    .split(/\\n|\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return { name, addressLines };
}
