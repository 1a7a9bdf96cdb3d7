const TERMS = `tenantId tenantName currency minimumCommitmentMinor maxSpendingCapMinor spendingCapRequired
  spendingAlertMinor spendingCapMinor`;
const SPENDING = `currency periodStart periodEnd spentMinor alertMinor alertSent capMinor maxCapMinor capRequired
  minimumCommitmentMinor`;

/** Commitments and spending caps as the console sends them. */
export const CommitmentOps = {
  financeTenantBillingTerms: `query($tenantId: ID!) { financeTenantBillingTerms(tenantId: $tenantId) { ${TERMS} } }`,
  setTenantMinimumCommitment: `mutation($tenantId: ID!, $amountMinor: String) {
    setTenantMinimumCommitment(tenantId: $tenantId, amountMinor: $amountMinor) { ${TERMS} } }`,
  setTenantSpendingLimits: `mutation($tenantId: ID!, $maxSpendingCapMinor: String, $spendingCapRequired: Boolean!) {
    setTenantSpendingLimits(tenantId: $tenantId, maxSpendingCapMinor: $maxSpendingCapMinor,
      spendingCapRequired: $spendingCapRequired) { ${TERMS} } }`,
  spending: `query { spending { ${SPENDING} } }`,
  setSpendingControls: `mutation($alertMinor: String, $capMinor: String) {
    setSpendingControls(alertMinor: $alertMinor, capMinor: $capMinor) { ${SPENDING} } }`,
} as const;

export interface BillingTermsView {
  tenantId: string;
  tenantName: string;
  currency: string;
  minimumCommitmentMinor: string | null;
  maxSpendingCapMinor: string | null;
  spendingCapRequired: boolean;
  spendingAlertMinor: string | null;
  spendingCapMinor: string | null;
}

export interface SpendingView {
  currency: string;
  periodStart: string;
  periodEnd: string;
  spentMinor: string;
  alertMinor: string | null;
  alertSent: boolean;
  capMinor: string | null;
  maxCapMinor: string | null;
  capRequired: boolean;
  minimumCommitmentMinor: string | null;
}
