import { creditNoteNumber, dueDate, invoiceNumber } from './invoice-numbers';

describe('invoice numbers', () => {
  it('pads the sequence to six digits after the year of issue', () => {
    expect(invoiceNumber(2026, 1n)).toBe('WB-2026-000001');
    expect(invoiceNumber(2026, 123n)).toBe('WB-2026-000123');
    expect(invoiceNumber(2027, 999_999n)).toBe('WB-2027-999999');
  });

  it('grows past six digits instead of cutting the sequence', () => {
    expect(invoiceNumber(2026, 1_000_000n)).toBe('WB-2026-1000000');
  });

  it('refuses what the sequence table never hands out', () => {
    expect(() => invoiceNumber(2026, 0n)).toThrow(RangeError);
    expect(() => invoiceNumber(26, 1n)).toThrow(RangeError);
  });

  it('numbers credit notes CN-<year>-<sequence> the same way', () => {
    expect(creditNoteNumber(2026, 42n)).toBe('CN-2026-000042');
    expect(creditNoteNumber(2026, 1_000_000n)).toBe('CN-2026-1000000');
    expect(() => creditNoteNumber(2026, 0n)).toThrow(RangeError);
  });

  it('falls due fourteen days after issue, to the millisecond', () => {
    expect(dueDate(new Date('2026-12-25T09:30:00.123Z'))).toEqual(new Date('2027-01-08T09:30:00.123Z'));
  });
});
