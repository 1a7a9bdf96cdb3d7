/** The operator console's GraphQL operations, as the console sends them. */
const TENANT_FIELDS = `id name slug status suspendedAt suspensionReason suspendedForNonPayment ownerEmail stripeCustomerId
  planId planCode planName planVersion pastDueSince overQuota seatsUsed seatsPaid createdAt`;

export const OperatorOps = {
  operatorTenants: `query ($first: Int, $after: String, $search: String, $filter: OperatorTenantFilter) {
    operatorTenants(first: $first, after: $after, search: $search, filter: $filter) {
      edges { cursor node { ${TENANT_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  operatorTenant: `query ($id: ID!) {
    operatorTenant(id: $id) {
      tenant { ${TENANT_FIELDS} }
      ownerEmails
      subscription { planCode planName planVersion currency interval currentPeriodStart currentPeriodEnd pastDueSince
        seatsPaid seatsUsed maxSeats includedSeats cancelAtPeriodEnd }
      usage { metricCode metricName unit used limit enforcement overQuota }
      invoices { id number status totalMinor amountDueMinor currency periodStart }
      auditEvents { id occurredAt actorEmail action targetType targetId changes }
      supportSessions { id staffEmail viewedAsEmail reason ticketReference mode status expiresAt endedAt }
    }
  }`,
  suspendTenant: `mutation ($input: TenantStandingInput!) { suspendTenant(input: $input) { ${TENANT_FIELDS} } }`,
  reactivateTenant: `mutation ($input: TenantStandingInput!) { reactivateTenant(input: $input) { ${TENANT_FIELDS} } }`,
  staffAccounts: `query { staffAccounts { id email displayName staffRole mfaEnrolled } }`,
  grantStaffRole: `mutation ($input: GrantStaffRoleInput!) { grantStaffRole(input: $input) { id email staffRole } }`,
  revokeStaffRole: `mutation ($userId: ID!) { revokeStaffRole(userId: $userId) { id email staffRole } }`,
} as const;
