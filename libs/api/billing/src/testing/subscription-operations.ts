const VERSION = 'id planId version currency interval baseFeeMinor seatUnitPrice includedSeats maxSeats trialDays';
const SUBSCRIPTION = `id planName planCode status currentPeriodStart currentPeriodEnd billingAnchorAt trialEndsAt
  seatQuantity seatsInUse cancelAtPeriodEnd cancelRequestedAt pastDueSince planVersion { ${VERSION} }
  scheduledPlan { id code name isDefault } scheduledPlanVersion { ${VERSION} }`;
const LINE = 'kind description metricCode tierIndex quantity unitPrice amountMinor periodStart periodEnd explain';
const UPCOMING = `periodStart periodEnd currency planVersionId taxRatePercent lines { ${LINE} }
  subtotalMinor taxMinor totalMinor estimatedAt`;
const PREVIEW = `timing effectiveAt currency planVersion { ${VERSION} } seatQuantity trialEndsAt lines { ${LINE} }
  subtotalMinor taxMinor totalMinor nextInvoice { ${UPCOMING} } firstPeriodFixedFees { ${UPCOMING} }`;
const MOVE_PREVIEW = `edges { cursor node { tenantId tenantName currency targetCurrency seatQuantity seatsInUse
  lastPeriodStart lastPeriodEnd currentAmountMinor targetAmountMinor differenceMinor } } pageInfo { hasNextPage endCursor }`;

/** The subscription operations as the console sends them. */
export const SubscriptionOps = {
  currentSubscription: `{ currentSubscription { ${SUBSCRIPTION} } }`,
  availablePlans: `{ availablePlans { current plan { id code name description isDefault } version { ${VERSION} } } }`,
  upcomingInvoice: `{ upcomingInvoice { ${UPCOMING} } }`,
  previewSubscriptionChange: `query($input: SubscriptionChangeInput!) {
    previewSubscriptionChange(input: $input) { ${PREVIEW} } }`,
  changeSubscription: `mutation($input: SubscriptionChangeInput!, $idempotencyKey: String!) {
    changeSubscription(input: $input, idempotencyKey: $idempotencyKey) { ${SUBSCRIPTION} } }`,
  cancelSubscription: `mutation($atPeriodEnd: Boolean!, $idempotencyKey: String!) {
    cancelSubscription(atPeriodEnd: $atPeriodEnd, idempotencyKey: $idempotencyKey) { ${SUBSCRIPTION} } }`,
  resumeSubscription: `mutation { resumeSubscription { ${SUBSCRIPTION} } }`,
  previewPlanVersionMove: `query($from: ID!, $to: ID!, $first: Int, $after: String) {
    previewPlanVersionMove(fromPlanVersionId: $from, toPlanVersionId: $to, first: $first, after: $after) { ${MOVE_PREVIEW} } }`,
  movePlanVersionSubscriptions: `mutation($from: ID!, $to: ID!, $timing: ChangeTiming!, $tenantIds: [ID!]) {
    movePlanVersionSubscriptions(fromPlanVersionId: $from, toPlanVersionId: $to, timing: $timing, tenantIds: $tenantIds) {
      movedCount skipped { tenantId tenantName reason message } } }`,
} as const;

export interface EstimatedLineView {
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

export interface UpcomingInvoiceView {
  periodStart: string;
  periodEnd: string;
  currency: string;
  planVersionId: string;
  taxRatePercent: string | null;
  lines: EstimatedLineView[];
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
  estimatedAt: string;
}

export interface ChangePreviewView {
  timing: 'NOW' | 'PERIOD_END';
  effectiveAt: string;
  currency: string;
  planVersion: { id: string };
  seatQuantity: number;
  trialEndsAt: string | null;
  lines: EstimatedLineView[];
  subtotalMinor: string;
  taxMinor: string;
  totalMinor: string;
  nextInvoice: UpcomingInvoiceView;
  firstPeriodFixedFees: UpcomingInvoiceView;
}

export interface SubscriptionView {
  id: string;
  planName: string;
  planCode: string;
  status: 'TRIALING' | 'ACTIVE' | 'PAST_DUE';
  currentPeriodStart: string;
  currentPeriodEnd: string;
  billingAnchorAt: string;
  trialEndsAt: string | null;
  seatQuantity: number;
  seatsInUse: number;
  cancelAtPeriodEnd: boolean;
  cancelRequestedAt: string | null;
  pastDueSince: string | null;
  planVersion: { id: string };
  scheduledPlan: { id: string; code: string; isDefault: boolean } | null;
  scheduledPlanVersion: { id: string } | null;
}
