const LINE =
  'id position kind description metricCode tierIndex quantity unitPrice amountMinor periodStart periodEnd explain';
const CREDIT_NOTE = `id tenantId invoiceId number currency reason memo settlement subtotalMinor taxMinor totalMinor
  issuedAt lines { id position invoiceLineId description amountMinor }`;
const INVOICE = `id tenantId tenantName number status currency periodStart periodEnd planVersionId subtotalMinor taxMinor
  totalMinor taxRatePercent amountPaidMinor amountCreditedMinor creditsAppliedMinor amountDueMinor issuedAt dueAt paidAt
  voidedAt voidReason createdAt lines { ${LINE} } payments { id amountMinor method reference recordedAt }
  creditNotes { ${CREDIT_NOTE} } credits { grantId grantKind grantReason grantExpiresAt appliedMinor restoredMinor }`;
const TAX_RATE = 'tenantId tenantName taxRatePercent';
const PAGE = `edges { cursor node { ${INVOICE} } } pageInfo { hasNextPage endCursor }`;

/** The invoice operations as the console sends them. */
export const BillingOps = {
  invoices: `query($first: Int, $after: String) { invoices(first: $first, after: $after) { ${PAGE} } }`,
  invoice: `query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`,
  financeInvoices: `query($status: InvoiceStatus, $tenantId: ID, $first: Int, $after: String) {
    financeInvoices(status: $status, tenantId: $tenantId, first: $first, after: $after) { ${PAGE} } }`,
  finalizeInvoice: `mutation($id: ID!) { finalizeInvoice(id: $id) { ${INVOICE} } }`,
  voidInvoice: `mutation($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { ${INVOICE} } }`,
  recordInvoicePayment: `mutation($id: ID!, $amountMinor: String!, $method: PaymentMethod!, $reference: String) {
    recordInvoicePayment(id: $id, amountMinor: $amountMinor, method: $method, reference: $reference) { ${INVOICE} } }`,
  issueCreditNote: `mutation($input: IssueCreditNoteInput!, $idempotencyKey: String!) {
    issueCreditNote(input: $input, idempotencyKey: $idempotencyKey) { ${CREDIT_NOTE} } }`,
  setTenantTaxRate: `mutation($tenantId: ID!, $taxRatePercent: String) {
    setTenantTaxRate(tenantId: $tenantId, taxRatePercent: $taxRatePercent) { ${TAX_RATE} } }`,
  financeTenantTaxRate: `query($tenantId: ID!) { financeTenantTaxRate(tenantId: $tenantId) { ${TAX_RATE} } }`,
  tenantTaxRate: `query { tenantTaxRate { ${TAX_RATE} } }`,
} as const;

export interface CreditNoteView {
  id: string;
  tenantId: string;
  invoiceId: string;
  number: string;
  currency: string;
  reason: string;
  memo: string | null;
  settlement: 'AMOUNT_DUE' | 'REFUND';
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
  issuedAt: string;
  lines: { id: string; position: number; invoiceLineId: string | null; description: string; amountMinor: string }[];
}

export interface TenantTaxRateView {
  tenantId: string;
  tenantName: string;
  taxRatePercent: string | null;
}

export interface InvoiceLineView {
  id: string;
  position: number;
  kind: string;
  description: string;
  metricCode: string | null;
  tierIndex: number | null;
  quantity: string;
  unitPrice: string;
  amountMinor: string;
  periodStart: string;
  periodEnd: string;
  explain: Record<string, unknown>;
}

export interface InvoiceView {
  id: string;
  tenantId: string;
  tenantName: string;
  number: string | null;
  status: 'DRAFT' | 'OPEN' | 'PAID' | 'VOID';
  currency: string;
  periodStart: string;
  periodEnd: string;
  planVersionId: string;
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
  taxRatePercent: string | null;
  amountPaidMinor: string;
  amountCreditedMinor: string;
  creditsAppliedMinor: string;
  amountDueMinor: string;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
  lines: InvoiceLineView[];
  payments: { id: string; amountMinor: string; method: string; reference: string | null; recordedAt: string }[];
  creditNotes: CreditNoteView[];
  credits: {
    grantId: string;
    grantKind: 'PAID' | 'PROMOTIONAL';
    grantReason: string;
    grantExpiresAt: string | null;
    appliedMinor: string;
    restoredMinor: string;
  }[];
}

export interface InvoicePageView {
  edges: { cursor: string; node: InvoiceView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
