/** The catalog operations as the console sends them. */
const METRIC = 'id code name description unit aggregation property archivedAt';
const VERSION = `id planId version status currency interval baseFeeMinor seatUnitPrice includedSeats maxSeats trialDays publishedAt
  charges { id metric { id code } model unitPrice packageSize includedUnits tiers { fromUnits upTo unitPrice flatFee } }
  quotas { id metric { id code } periodLimit enforcement }`;
const STAFF_VERSION = `${VERSION} subscriberCount`;
const PLAN = `id code name description isDefault archivedAt versions { ${STAFF_VERSION} }
  latestPublished { id version } draft { id version }`;

export const CatalogOps = {
  billableMetrics: `query($includeArchived: Boolean) { billableMetrics(includeArchived: $includeArchived) { ${METRIC} } }`,
  plans: `query($includeArchived: Boolean) { plans(includeArchived: $includeArchived) { ${PLAN} } }`,
  plan: `query($id: ID!) { plan(id: $id) { ${PLAN} } }`,
  currentSubscription: `{ currentSubscription { id planName planCode currentPeriodStart currentPeriodEnd trialEndsAt planVersion { ${VERSION} } } }`,
  currentSubscriptionWithCount: `{ currentSubscription { id planVersion { id subscriberCount } } }`,
  createBillableMetric: `mutation($input: CreateBillableMetricInput!) { createBillableMetric(input: $input) { ${METRIC} } }`,
  updateBillableMetric: `mutation($id: ID!, $input: UpdateBillableMetricInput!) { updateBillableMetric(id: $id, input: $input) { ${METRIC} } }`,
  archiveBillableMetric: `mutation($id: ID!) { archiveBillableMetric(id: $id) { ${METRIC} } }`,
  createPlan: `mutation($input: CreatePlanInput!) { createPlan(input: $input) { ${PLAN} } }`,
  updatePlan: `mutation($id: ID!, $input: UpdatePlanInput!) { updatePlan(id: $id, input: $input) { ${PLAN} } }`,
  setDefaultPlan: `mutation($id: ID!) { setDefaultPlan(id: $id) { id isDefault } }`,
  archivePlan: `mutation($id: ID!) { archivePlan(id: $id) { id archivedAt } }`,
  createPlanDraft: `mutation($planId: ID!) { createPlanDraft(planId: $planId) { ${STAFF_VERSION} } }`,
  updatePlanDraft: `mutation($versionId: ID!, $terms: PlanVersionInput!) { updatePlanDraft(versionId: $versionId, terms: $terms) { ${STAFF_VERSION} } }`,
  publishPlanVersion: `mutation($versionId: ID!) { publishPlanVersion(versionId: $versionId) { ${STAFF_VERSION} } }`,
  discardPlanDraft: `mutation($versionId: ID!) { discardPlanDraft(versionId: $versionId) }`,
} as const;
