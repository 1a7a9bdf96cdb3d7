import { randomUUID } from 'node:crypto';
import { bearerFor, signedInStaffAs, signedInTenantMember } from '@warbler/api/access/testing';
import { billedPlan, draftInvoice } from '@warbler/api/billing/testing';
import { newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import type { StaffRole, TenantRole } from '@warbler/api/core';
import { graphql } from '../support/http';
import { type CallerName, STAFF_ROLES, TENANT_ROLES } from './declarations';

/** Objects of one tenant that operations aim at by id. */
export interface TenantObjects {
  tenant: string;
  /** A MEMBER holding a seat who is none of the callers, so changing or removing it locks nobody out. */
  member: string;
  /** Another such member, for the operation that removes one: the others keep theirs to aim at. */
  removableMember: string;
  invoice: string;
  apiKey: string;
  webhookEndpoint: string;
  /** Another endpoint, for the operation that deletes one, which takes its deliveries with it. */
  deletableWebhookEndpoint: string;
  webhookDelivery: string;
  invitation: string;
  /** Another engineer's open READ_ONLY session on the tenant, never one a caller works in. */
  supportSession: string;
  creditGrant: string;
  discount: string;
  notification: string;
  /** A sign-in of the tenant's first owner, who is none of the callers. */
  session: string;
}

/** Platform objects that are nobody's tenant's. */
export interface PlatformObjects {
  plan: string;
  planVersion: string;
  otherPlanVersion: string;
  draftPlanVersion: string;
  metric: string;
  coupon: string;
  couponCode: string;
  exportJob: string;
  /** A staff member who is none of the callers, whose role may be taken away. */
  staffUser: string;
  /** The e-mail of a user with no staff role, who may be given one. */
  staffCandidateEmail: string;
}

export type ObjectKind = keyof TenantObjects | keyof PlatformObjects;

const PLATFORM_KINDS = new Set<ObjectKind>([
  'plan',
  'planVersion',
  'otherPlanVersion',
  'draftPlanVersion',
  'metric',
  'coupon',
  'couponCode',
  'exportJob',
  'staffUser',
  'staffCandidateEmail',
]);

export const isPlatformKind = (kind: ObjectKind) => PLATFORM_KINDS.has(kind);

export interface MatrixCaller {
  name: CallerName;
  /** Null for the anonymous caller. */
  headers: Record<string, string> | null;
  /** Whose objects its operations aim at. */
  aimsAt: TenantObjects;
}

/**
 * The world the matrix runs in, made through the API where the API makes things:
 * `home` holds the tenant callers, `other` is the tenant they must never reach, `operated` is
 * what staff work on, and `impersonated` is where two support engineers sit in a READ_ONLY and
 * a WRITE session (each on a tenant of its own would not change what is tested).
 */
export interface MatrixWorld {
  home: TenantObjects;
  other: TenantObjects;
  operated: TenantObjects;
  impersonated: TenantObjects;
  platform: PlatformObjects;
  callers: MatrixCaller[];
  /** Strings that only the other tenant's data contains: finding one in an answer is a leak. */
  otherTenantMarkers: string[];
}

type Headers = Record<string, string>;

const bearer = (token: string, tenantId?: string): Headers => ({
  authorization: `Bearer ${token}`,
  ...(tenantId && { 'x-tenant-id': tenantId }),
});

async function call<T>(url: string, headers: Headers, query: string, variables: Record<string, unknown> = {}) {
  const answer = await graphql<T>(url, query, variables, headers);
  if (answer.errors?.length || !answer.data) {
    throw new Error(`access matrix fixture: ${query.slice(0, 60)} answered ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}

async function signedStaff(role: StaffRole): Promise<Headers> {
  return bearer((await signedInStaffAs(role)).caller.token);
}

const sessionIdOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

async function openSession(url: string, tenantId: string, mode: 'READ_ONLY' | 'WRITE') {
  const engineer = await signedStaff('SUPPORT');
  const { startSupportSession } = await call<{ startSupportSession: { id: string; status: string } }>(
    url,
    engineer,
    'mutation($input: StartSupportSessionInput!) { startSupportSession(input: $input) { id status } }',
    { input: { tenantId, mode, reason: 'Access matrix fixture', ticketReference: 'MATRIX-1' } },
  );
  if (startSupportSession.status !== 'ACTIVE') throw new Error(`support session is ${startSupportSession.status}`);
  return { engineer, sessionId: startSupportSession.id };
}

/** One tenant with one object of each kind, made by its first owner and by the finance desk. */
async function tenantWithObjects(
  url: string,
  name: string,
  desk: { finance: Headers; couponCode: string },
): Promise<{ objects: TenantObjects; owner: Headers; markers: string[] }> {
  const tenant = await newTenant({ name });
  const first = await newMember(tenant.id, 'OWNER');
  const ownerToken = await bearerFor(first.user);
  const owner = bearer(ownerToken, tenant.id);
  const member = await newMember(tenant.id, 'MEMBER', { seatAssigned: true });
  const removable = await newMember(tenant.id, 'MEMBER', { seatAssigned: true });

  const { createApiKey } = await call<{ createApiKey: { apiKey: { id: string } } }>(
    url,
    owner,
    'mutation { createApiKey(input: { name: "Matrix key", scopes: [QUOTA_READ] }) { apiKey { id } } }',
  );
  const newEndpoint = async (path: string) => {
    const { createWebhookEndpoint } = await call<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      url,
      owner,
      'mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [INVOICE_PAID] }) { endpoint { id } } }',
      { url: `https://hooks.example.com/${tenant.slug}/${path}` },
    );
    return createWebhookEndpoint.endpoint.id;
  };
  const endpoint = await newEndpoint('kept');
  const { sendTestWebhook } = await call<{ sendTestWebhook: { id: string } }>(
    url,
    owner,
    'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
    { id: endpoint },
  );
  const { inviteMember } = await call<{ inviteMember: { invitation: { id: string } } }>(
    url,
    owner,
    'mutation($email: String!) { inviteMember(input: { email: $email, role: MEMBER }) { invitation { id } } }',
    { email: `invited-${tenant.slug}@example.test` },
  );

  const draft = await draftInvoice(tenant.id);
  await call(url, desk.finance, 'mutation($id: ID!) { finalizeInvoice(id: $id) { id } }', { id: draft.id });
  const { grantCredits } = await call<{ grantCredits: { id: string } }>(
    url,
    desk.finance,
    `mutation($key: String!, $tenantId: ID!) { grantCredits(idempotencyKey: $key, input: {
      tenantId: $tenantId, amountMinor: "1000", currency: "USD", kind: PROMOTIONAL, reason: "Matrix credit" }) { id } }`,
    { key: randomUUID(), tenantId: tenant.id },
  );
  const { applyCoupon } = await call<{ applyCoupon: { id: string } }>(
    url,
    desk.finance,
    'mutation($code: String!, $tenantId: ID!) { applyCoupon(code: $code, tenantId: $tenantId) { id } }',
    { code: desk.couponCode, tenantId: tenant.id },
  );
  const notification = await ownerClient().notification.create({
    data: {
      tenantId: tenant.id,
      kind: 'matrix',
      title: 'Matrix notice',
      body: 'For the access matrix',
      dedupeKey: 'm',
    },
  });
  const { sessionId: supportSession } = await openSession(url, tenant.id, 'READ_ONLY');

  const objects: TenantObjects = {
    tenant: tenant.id,
    member: member.membership.id,
    removableMember: removable.membership.id,
    invoice: draft.id,
    apiKey: createApiKey.apiKey.id,
    webhookEndpoint: endpoint,
    deletableWebhookEndpoint: await newEndpoint('deletable'),
    webhookDelivery: sendTestWebhook.id,
    invitation: inviteMember.invitation.id,
    supportSession,
    creditGrant: grantCredits.id,
    discount: applyCoupon.id,
    notification: notification.id,
    session: sessionIdOf(ownerToken),
  };
  const invoiceNumber = (await ownerClient().invoice.findFirstOrThrow({ where: { id: draft.id } })).number;
  const markers = [
    ...Object.values(objects),
    tenant.name,
    tenant.slug,
    first.user.email,
    member.user.email,
    removable.user.email,
    first.membership.id,
    String(invoiceNumber),
  ];
  return { objects, owner, markers };
}

export async function buildMatrixWorld(url: string): Promise<MatrixWorld> {
  const finance = await signedStaff('FINANCE');
  const couponCode = `MATRIX${randomUUID().slice(0, 8).toUpperCase()}`;
  const { createCoupon } = await call<{ createCoupon: { id: string } }>(
    url,
    finance,
    `mutation($code: String!) { createCoupon(input: { code: $code, name: "Matrix coupon", kind: PERCENTAGE,
      percentOff: "10", duration: FOREVER }) { id } }`,
    { code: couponCode },
  );
  const desk = { finance, couponCode };

  const suffix = randomUUID().slice(0, 6);
  const home = await tenantWithObjects(url, `Home Chat ${suffix}`, desk);
  const other = await tenantWithObjects(url, `Elsewhere Chat ${suffix}`, desk);
  const operated = await tenantWithObjects(url, `Operated Chat ${suffix}`, desk);
  const impersonated = await tenantWithObjects(url, `Impersonated Chat ${suffix}`, desk);

  const catalog = await billedPlan({ charges: [{ name: 'Matrix messages', model: 'PER_UNIT', unitPrice: '0.01' }] });
  const target = await billedPlan();
  const version = await ownerClient().planVersion.findUniqueOrThrow({ where: { id: catalog.planVersionId } });
  const draftVersion = await ownerClient().planVersion.create({
    data: { planId: version.planId, version: 2, status: 'DRAFT', currency: 'USD', interval: 'MONTH', maxSeats: 10 },
  });
  const { createExportJob } = await call<{ createExportJob: { id: string } }>(
    url,
    finance,
    `mutation($key: String!, $from: DateTime!, $to: DateTime!) { createExportJob(input: { kind: INVOICES,
      format: CSV, idempotencyKey: $key, invoices: { from: $from, to: $to } }) { id } }`,
    { key: randomUUID(), from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() },
  );

  const platform: PlatformObjects = {
    plan: version.planId,
    planVersion: catalog.planVersionId,
    otherPlanVersion: target.planVersionId,
    draftPlanVersion: draftVersion.id,
    metric: catalog.metricIds[0],
    coupon: createCoupon.id,
    couponCode,
    exportJob: createExportJob.id,
    staffUser: (await newUser({ staffRole: 'FINANCE' })).id,
    staffCandidateEmail: (await newUser()).email,
  };

  await call(
    url,
    impersonated.owner,
    'mutation($until: DateTime!) { grantSupportWrite(until: $until) { __typename } }',
    {
      until: new Date(Date.now() + 86_400_000).toISOString(),
    },
  );
  const inSession = async (mode: 'READ_ONLY' | 'WRITE'): Promise<Headers> => {
    const { engineer, sessionId } = await openSession(url, impersonated.objects.tenant, mode);
    return { ...engineer, 'x-tenant-id': impersonated.objects.tenant, 'x-support-session': sessionId };
  };

  const callers: MatrixCaller[] = [{ name: 'ANONYMOUS', headers: null, aimsAt: home.objects }];
  callers.push({ name: 'NO_TENANT', headers: bearer(await bearerFor(await newUser())), aimsAt: home.objects });
  for (const role of TENANT_ROLES) {
    const { caller } = await signedInTenantMember(home.objects.tenant, role as TenantRole);
    const headers = bearer(caller.token, home.objects.tenant);
    callers.push({ name: role, headers, aimsAt: home.objects });
    callers.push({ name: `${role}@other`, headers, aimsAt: other.objects });
    if (role === 'OWNER') {
      const elsewhere = bearer(caller.token, other.objects.tenant);
      callers.push({ name: 'OWNER@other-header', headers: elsewhere, aimsAt: other.objects });
    }
  }
  for (const role of STAFF_ROLES) {
    callers.push({ name: role, headers: await signedStaff(role), aimsAt: operated.objects });
  }
  callers.push({ name: 'SUPPORT:READ_ONLY', headers: await inSession('READ_ONLY'), aimsAt: impersonated.objects });
  callers.push({ name: 'SUPPORT:WRITE', headers: await inSession('WRITE'), aimsAt: impersonated.objects });

  return {
    home: home.objects,
    other: other.objects,
    operated: operated.objects,
    impersonated: impersonated.objects,
    platform,
    callers,
    otherTenantMarkers: other.markers,
  };
}

/** Every row the other tenant owns, and its people's accounts and sign-ins, as one comparable text. */
export async function tenantFootprint(tenantId: string): Promise<Record<string, string>> {
  const tables = await ownerClient().$queryRaw<{ table: string }[]>`
    SELECT c.relname AS table FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attname = 'tenant_id' AND n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`;
  const footprint: Record<string, string> = {};
  for (const { table } of tables) {
    const [row] = await ownerClient().$queryRawUnsafe<{ digest: string | null }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table}" t WHERE tenant_id = $1::uuid`,
      tenantId,
    );
    footprint[table] = row.digest ?? 'empty';
  }
  const [people] = await ownerClient().$queryRaw<{ tenant: string; users: string | null; sessions: string | null }[]>`
    SELECT (SELECT t::text FROM tenants t WHERE t.id = ${tenantId}::uuid) AS tenant,
           (SELECT md5(string_agg(u::text, '|' ORDER BY u.id)) FROM users u
              JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = ${tenantId}::uuid) AS users,
           (SELECT md5(string_agg(s.id::text || coalesce(s.revoked_at::text, ''), '|' ORDER BY s.id)) FROM sessions s
              JOIN memberships m ON m.user_id = s.user_id WHERE m.tenant_id = ${tenantId}::uuid) AS sessions`;
  return { ...footprint, tenants: people.tenant, users: people.users ?? 'none', sessions: people.sessions ?? 'none' };
}
