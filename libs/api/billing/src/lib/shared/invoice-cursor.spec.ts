import { afterCursor, decodeInvoiceCursor, encodeInvoiceCursor } from './invoice-cursor';

describe('invoice cursors', () => {
  const cursor = { periodStart: new Date('2026-04-01T00:00:00.000Z'), id: '019ab000-0000-7000-8000-0000000000aa' };

  it('decodes what it encoded', () => {
    expect(decodeInvoiceCursor(encodeInvoiceCursor(cursor))).toEqual(cursor);
  });

  it('pages to older periods, and within a period to smaller ids', () => {
    expect(afterCursor(encodeInvoiceCursor(cursor))).toEqual({
      OR: [{ periodStart: { lt: cursor.periodStart } }, { periodStart: cursor.periodStart, id: { lt: cursor.id } }],
    });
    expect(afterCursor(null)).toEqual({});
  });

  it.each([
    ['not base64 of anything', '!!!'],
    ['a bare id', Buffer.from(cursor.id).toString('base64url')],
    ['a bad date', Buffer.from(`yesterday|${cursor.id}`).toString('base64url')],
    ['extra parts', Buffer.from(`2026-04-01T00:00:00.000Z|${cursor.id}|x`).toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT', (_case, after) => {
    expect(() => decodeInvoiceCursor(after)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' }),
    );
  });
});
