const GRANT = `id tenantId kind currency amountMinor remainingMinor reason expiresAt status grantedByRole createdAt
  expiredAt revokedAt revokeReason`;
const CREDITS = `tenantId tenantName balances { currency availableMinor nextExpiryAt nextExpiryMinor } grants { ${GRANT} }`;
const LEDGER = `edges { cursor node { id grantId grantReason kind currency amountMinor balanceAfterMinor invoiceId
  invoiceNumber occurredAt } } pageInfo { hasNextPage endCursor }`;

/** The prepaid credit operations as the console sends them. */
export const CreditOps = {
  credits: `query { credits { ${CREDITS} } }`,
  creditLedger: `query($first: Int, $after: String) { creditLedger(first: $first, after: $after) { ${LEDGER} } }`,
  financeTenantCredits: `query($tenantId: ID!) { financeTenantCredits(tenantId: $tenantId) { ${CREDITS} } }`,
  financeCreditLedger: `query($tenantId: ID!, $first: Int, $after: String) {
    financeCreditLedger(tenantId: $tenantId, first: $first, after: $after) { ${LEDGER} } }`,
  grantCredits: `mutation($input: GrantCreditsInput!, $idempotencyKey: String!) {
    grantCredits(input: $input, idempotencyKey: $idempotencyKey) { ${GRANT} } }`,
  revokeCreditGrant: `mutation($tenantId: ID!, $grantId: ID!, $reason: String!) {
    revokeCreditGrant(tenantId: $tenantId, grantId: $grantId, reason: $reason) { ${GRANT} } }`,
} as const;

export interface CreditGrantView {
  id: string;
  tenantId: string;
  kind: 'PAID' | 'PROMOTIONAL';
  currency: string;
  amountMinor: string;
  remainingMinor: string;
  reason: string;
  expiresAt: string | null;
  status: 'ACTIVE' | 'USED_UP' | 'EXPIRED' | 'REVOKED';
  grantedByRole: string;
  createdAt: string;
  expiredAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface TenantCreditsView {
  tenantId: string;
  tenantName: string;
  balances: { currency: string; availableMinor: string; nextExpiryAt: string | null; nextExpiryMinor: string | null }[];
  grants: CreditGrantView[];
}

export interface CreditLedgerView {
  edges: {
    cursor: string;
    node: {
      id: string;
      grantId: string;
      grantReason: string;
      kind: 'GRANTED' | 'APPLIED' | 'RESTORED' | 'EXPIRED' | 'REVOKED';
      currency: string;
      amountMinor: string;
      balanceAfterMinor: string;
      invoiceId: string | null;
      invoiceNumber: string | null;
      occurredAt: string;
    };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
