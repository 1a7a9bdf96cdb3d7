import { randomUUID } from 'node:crypto';
import type { AccessPolicy } from '@warbler/api/access';
import { bearerFor } from '@warbler/api/access/testing';
import { closeOwnerClient, newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { graphql } from './support/http';
import { mutationOperation, mutationPolicies, type Route, routePolicies, schemaMutations } from './support/schema-walk';
import { startApp, type StartedApp } from './support/started-app';

/** The one change a support session may make in any mode. */
const SESSION_EXIT = 'endSupportSession';

const START = `mutation($input: StartSupportSessionInput!) { startSupportSession(input: $input) { id status mode } }`;

/**
 * Support impersonation over the real app: a READ_ONLY session is tried against every mutation of
 * the schema and every REST route that changes something, each found from the app itself and matched
 * to the access policy its handler declares; everything that acts as a signed-in person is refused
 * with SUPPORT_READ_ONLY and the tenant is left exactly as it was, with every request in the log.
 */
describe('support impersonation', () => {
  let started: StartedApp;
  let tenantId: string;
  let owner: { id: string; email: string };
  let support: { id: string; email: string };
  let supportAuth: string;
  let policies: Map<string, AccessPolicy>;
  let routes: Route[];

  const startSession = async (input: Record<string, unknown>, authorization = supportAuth) =>
    graphql<{ startSupportSession: { id: string; status: string; mode: string } }>(
      started.url,
      START,
      { input: { tenantId, reason: 'Ticket about invoices', ticketReference: 'SUP-42', ...input } },
      { authorization },
    );
  /** Sessions a test opened: the engineer has one open session per tenant, so each test ends its own. */
  const opened: string[] = [];
  const openSession = async (input: Record<string, unknown>) => {
    const answer = await startSession(input);
    if (!answer.data) throw new Error(`startSupportSession answered ${JSON.stringify(answer.errors)}`);
    opened.push(answer.data.startSupportSession.id);
    return answer.data.startSupportSession;
  };

  afterEach(async () => {
    for (const id of opened.splice(0)) {
      await graphql(
        started.url,
        'mutation($id: ID!, $tenantId: ID) { endSupportSession(id: $id, tenantId: $tenantId) { status } }',
        { id, tenantId },
        { authorization: supportAuth },
      );
    }
  });
  const sessionHeaders = (id: string) => ({
    authorization: supportAuth,
    'x-tenant-id': tenantId,
    'x-support-session': id,
  });

  beforeAll(async () => {
    started = await startApp();
    const tenant = await newTenant({ name: 'Impersonated Chat' });
    tenantId = tenant.id;
    owner = (await newMember(tenant.id, 'OWNER')).user;
    await newMember(tenant.id, 'MEMBER');
    const staff = await newUser({ staffRole: 'SUPPORT' });
    support = staff;
    supportAuth = `Bearer ${await bearerFor(staff)}`;

    policies = mutationPolicies(started);
    routes = routePolicies(started);
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  const mutations = () => schemaMutations(started);
  /** Handlers that act as a signed-in person, the only ones a support session reaches. */
  const asPerson = (policy: AccessPolicy | undefined) => policy?.kind === 'ability' || policy?.kind === 'signed-in';

  const tenantState = async () => ({
    members: await ownerClient().membership.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    invitations: await ownerClient().invitation.count({ where: { tenantId } }),
    apiKeys: await ownerClient().apiKey.count({ where: { tenantId } }),
    audit: await ownerClient().auditEvent.count({ where: { tenantId } }),
    subscription: await ownerClient().subscription.findUnique({ where: { tenantId } }),
    tenant: await ownerClient().tenant.findUnique({ where: { id: tenantId } }),
    ownerAccount: await ownerClient().user.findUnique({ where: { id: owner.id } }),
    ownerSessions: await ownerClient().session.count({ where: { userId: owner.id } }),
  });

  it('finds the policy of every mutation and route', () => {
    expect(mutations().length).toBeGreaterThan(20);
    expect(mutations().filter((field) => !policies.get(field.name))).toEqual([]);
    expect(routes.filter((route) => !route.policy)).toEqual([]);
    expect(routes.filter((route) => route.method !== 'GET').length).toBeGreaterThan(3);
  });

  it('a READ_ONLY session is refused every mutation with SUPPORT_READ_ONLY, and nothing changes', async () => {
    const session = await openSession({});
    expect(session).toMatchObject({ status: 'ACTIVE', mode: 'READ_ONLY' });
    const before = await tenantState();
    const outcomes: Record<string, string> = {};
    const tried = mutations().filter((field) => asPerson(policies.get(field.name)) && field.name !== SESSION_EXIT);
    for (const field of tried) {
      const { query, variables } = mutationOperation(field);
      const answer = await graphql(started.url, query, variables, sessionHeaders(session.id));
      const error = answer.errors?.[0];
      outcomes[field.name] = error ? `${error.extensions?.code}:${error.extensions?.reason}` : 'OK';
    }
    expect(Object.keys(outcomes).length).toBeGreaterThan(20);
    expect(Object.entries(outcomes).filter(([, outcome]) => outcome !== 'FORBIDDEN:SUPPORT_READ_ONLY')).toEqual([]);
    expect(await tenantState()).toEqual(before);

    const log = await ownerClient().supportSessionRequest.findMany({
      where: { tenantId, supportSessionId: session.id },
    });
    expect(log).toHaveLength(tried.length);
    expect(log.every((entry) => entry.isChange && entry.outcome === 'FORBIDDEN:SUPPORT_READ_ONLY')).toBe(true);
  });

  it('a READ_ONLY session is refused every REST route that changes something', async () => {
    const session = await openSession({});
    const before = await tenantState();
    // Every REST route a person reaches is a read today (documents, exports); any route added
    // that changes something is tried here. The guard's refusal of a REST change is shown on a
    // probe route in libs/api/support's spec.
    const changing = routes.filter((route) => route.method !== 'GET' && asPerson(route.policy));
    expect(routes.filter((route) => asPerson(route.policy)).length).toBeGreaterThan(3);
    const outcomes: Record<string, string> = {};
    for (const route of changing) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      const response = await fetch(`${started.url}${path}`, {
        method: route.method,
        headers: { ...sessionHeaders(session.id), 'content-type': 'application/json', 'x-requested-with': 'warbler' },
        body: JSON.stringify({}),
      });
      const body = (await response.json().catch(() => ({}))) as { code?: string; reason?: string };
      outcomes[`${route.method} ${route.path}`] = `${response.status}:${body.code}:${body.reason}`;
    }
    expect(Object.entries(outcomes).filter(([, outcome]) => outcome !== '403:FORBIDDEN:SUPPORT_READ_ONLY')).toEqual([]);
    expect(await tenantState()).toEqual(before);
  });

  it('reads work, and ending the session is the one change it makes', async () => {
    const session = await openSession({});
    const read = await graphql<{ currentTenant: { name: string } }>(
      started.url,
      '{ currentTenant { name } }',
      {},
      sessionHeaders(session.id),
    );
    expect(read.data?.currentTenant.name).toBe('Impersonated Chat');
    const ended = await graphql<{ endSupportSession: { status: string; endedHow: string } }>(
      started.url,
      'mutation($id: ID!) { endSupportSession(id: $id) { status endedHow } }',
      { id: session.id },
      sessionHeaders(session.id),
    );
    expect(ended.data?.endSupportSession).toEqual({ status: 'ENDED', endedHow: 'ENDED_BY_STAFF' });
    const after = await graphql(started.url, '{ currentTenant { name } }', {}, sessionHeaders(session.id));
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPPORT_SESSION_ENDED' });
  });

  it('shows only the tenant in view, not the other tenants of the member it views as', async () => {
    const elsewhere = await newTenant({ name: 'Owner’s Other Chat' });
    await ownerClient().membership.create({
      data: { tenantId: elsewhere.id, userId: owner.id, role: 'OWNER', status: 'ACTIVE' },
    });
    const session = await openSession({});
    const me = await graphql<{ me: { memberships: { tenant: { name: string } }[] } }>(
      started.url,
      '{ me { memberships { tenant { name } } } }',
      {},
      sessionHeaders(session.id),
    );
    expect(me.data?.me.memberships.map((membership) => membership.tenant.name)).toEqual(['Impersonated Chat']);
    const own = await graphql<{ me: { memberships: { tenant: { name: string } }[] } }>(
      started.url,
      '{ me { memberships { tenant { name } } } }',
      {},
      { authorization: `Bearer ${await bearerFor(owner)}` },
    );
    expect(own.data?.me.memberships.map((membership) => membership.tenant.name).sort()).toEqual([
      'Impersonated Chat',
      'Owner’s Other Chat',
    ]);
  });

  it('a change in a WRITE session carries both identities into the tenant’s audit log', async () => {
    const ownerAuth = { authorization: `Bearer ${await bearerFor(owner)}`, 'x-tenant-id': tenantId };
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const grant = await graphql(
      started.url,
      'mutation($until: DateTime!) { grantSupportWrite(until: $until) { writeGrantUntil } }',
      { until },
      ownerAuth,
    );
    expect(grant.errors).toBeUndefined();
    const session = await openSession({ mode: 'WRITE' });
    expect(session).toMatchObject({ status: 'ACTIVE', mode: 'WRITE' });

    const created = await graphql<{ createApiKey: { apiKey: { id: string } } }>(
      started.url,
      'mutation { createApiKey(input: { name: "Made by support", scopes: [QUOTA_READ] }) { apiKey { id } } }',
      {},
      sessionHeaders(session.id),
    );
    expect(created.errors).toBeUndefined();
    const keyId = created.data?.createApiKey.apiKey.id;
    expect(keyId).toEqual(expect.any(String));
    const event = await ownerClient().auditEvent.findFirstOrThrow({
      where: { tenantId, action: 'api_key.created', targetId: keyId },
    });
    expect(event).toMatchObject({ actorUserId: owner.id, actorEmail: owner.email, impersonatorUserId: support.id });

    const listed = await graphql<{ supportSessions: unknown[] }>(
      started.url,
      '{ supportSessions { id staffEmail reason status } }',
      {},
      ownerAuth,
    );
    expect(listed.data?.supportSessions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: session.id, staffEmail: support.email, reason: 'Ticket about invoices' }),
      ]),
    );
  });

  it('support cannot view the tenant as a staff account', async () => {
    const staffOwner = await newMember(tenantId, 'OWNER');
    await ownerClient().user.update({ where: { id: staffOwner.user.id }, data: { staffRole: 'PLATFORM_ADMIN' } });
    const answer = await startSession({ viewAsUserId: staffOwner.user.id });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPPORT_CANNOT_VIEW_STAFF' });
  });

  it.each(['FINANCE', 'PLATFORM_ADMIN'] as const)('%s cannot impersonate', async (staffRole) => {
    const staff = await newUser({ staffRole });
    const answer = await startSession({}, `Bearer ${await bearerFor(staff)}`);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ownerClient().supportSession.count({ where: { tenantId, staffUserId: staff.id } })).toBe(0);
  });

  it('a session on one tenant gives nothing on another', async () => {
    const session = await openSession({});
    const other = await newTenant({ name: 'Other Chat' });
    await newMember(other.id, 'OWNER');
    const answer = await graphql(
      started.url,
      '{ currentTenant { name } }',
      {},
      {
        ...sessionHeaders(session.id),
        'x-tenant-id': other.id,
      },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPPORT_SESSION_UNKNOWN' });
  });
});
