import type { Prisma } from '@warbler/api/core';

/** A credit note with its lines in order. */
export const CREDIT_NOTE_INCLUDE = {
  lines: { orderBy: { position: 'asc' } },
} as const satisfies Prisma.CreditNoteInclude;

export type CreditNoteRow = Prisma.CreditNoteGetPayload<{ include: typeof CREDIT_NOTE_INCLUDE }>;

/**
 * What every read of an invoice loads: its lines in order, its payments and credit notes, the prepaid
 * credit movements that paid it (and gave back on void), and whose it is.
 */
export const INVOICE_INCLUDE = {
  tenant: { select: { name: true } },
  lines: { include: { metric: { select: { code: true } } }, orderBy: { position: 'asc' } },
  payments: { orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] },
  creditNotes: { include: CREDIT_NOTE_INCLUDE, orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }] },
  creditMovements: {
    include: { grant: { select: { kind: true, reason: true, expiresAt: true } } },
    orderBy: { seq: 'asc' },
  },
} as const satisfies Prisma.InvoiceInclude;

export type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof INVOICE_INCLUDE }>;

/** Newest period first; the id breaks ties so that pages never skip or repeat an invoice. */
export const INVOICE_ORDER = [
  { periodStart: 'desc' },
  { id: 'desc' },
] as const satisfies Prisma.InvoiceOrderByWithRelationInput[];
