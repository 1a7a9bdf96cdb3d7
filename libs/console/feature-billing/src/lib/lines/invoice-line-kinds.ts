import type { InvoiceLineKind } from '@warbler/console/data-access';

export const LINE_KIND_LABELS: Record<InvoiceLineKind, string> = {
  BASE_FEE: 'Base fee',
  SEATS: 'Seats',
  USAGE: 'Usage',
  PRORATION_CHARGE: 'Proration',
  PRORATION_CREDIT: 'Proration credit',
  DISCOUNT: 'Discount',
  MINIMUM_COMMITMENT: 'Minimum commitment',
};
