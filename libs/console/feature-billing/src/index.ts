export { billingRoutes } from './lib/billing.routes';
export { invoicesRoutes } from './lib/invoices/invoices.routes';
export { InvoiceDocument } from './lib/invoice-document/invoice-document';
export { InvoiceFileActions } from './lib/invoice-document/invoice-file-actions';
export { InvoiceStatusChip } from './lib/invoice-document/invoice-status-chip';
export { CREDIT_NOTE_REASON_LABELS } from './lib/invoice-document/credit-notes-list';
export { PAYMENT_METHOD_LABELS } from './lib/invoice-document/invoice-payments';
export { cursorPages, type CursorPages, type Page } from './lib/cursor-pages';
export {
  formatDecimal,
  formatMoney,
  formatPrice,
  parseMajorAmount,
  toMajorText,
  type MajorAmountProblem,
} from './lib/money';
export { MoneyLines, type MoneyLine } from './lib/lines/money-lines';
export { MoneyTotals, type TotalRow } from './lib/lines/money-totals';
export { newIdempotencyKey } from './lib/plan/plan-terms';
export { CreditLedgerTable, type CreditLedgerRow } from './lib/credits/credit-ledger-table';
export {
  CREDIT_KIND_LABELS,
  CREDIT_MOVEMENT_LABELS,
  CREDIT_STATUS_LABELS,
  CREDIT_STATUS_TONES,
} from './lib/credits/credit-labels';
export { discountAmount, discountDuration, type DiscountTermsView } from './lib/discounts/discount-terms';
