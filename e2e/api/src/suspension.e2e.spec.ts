import { randomUUID } from 'node:crypto';
import type { AccessPolicy } from '@warbler/api/access';
import { bearerFor } from '@warbler/api/access/testing';
import { newApiKey } from '@warbler/api/api-keys/testing';
import { closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import type { SubjectName } from '@warbler/shared/permissions';
import { graphql, postJson } from './support/http';
import { mutationOperation, mutationPolicies, schemaMutations } from './support/schema-walk';
import { startApp, type StartedApp } from './support/started-app';

/** What a suspended tenant's people may still change: their own account, and the card that pays. */
const OPEN_WHILE_SUSPENDED: SubjectName[] = ['Profile', 'Session', 'PaymentMethod'];

/**
 * Suspension over the whole API: every mutation of the schema, found from the schema itself and
 * matched to the access policy its resolver declares, is tried by the owner of a tenant suspended
 * for non-payment. Those that act in the tenant are refused with TENANT_SUSPENDED and change nothing;
 * the person's own account and the payment method stay open; reads and nothing else keep working.
 */
describe('a tenant suspended for non-payment', () => {
  let started: StartedApp;
  let tenantId: string;
  let headers: Record<string, string>;
  /** A second owner, whose own account the open mutations may touch. */
  let otherOwner: Record<string, string>;
  let policies: Map<string, AccessPolicy>;

  beforeAll(async () => {
    started = await startApp();
    const tenant = await newTenant({ name: 'Suspended Chat' });
    tenantId = tenant.id;
    const owner = await newMember(tenant.id, 'OWNER');
    await newMember(tenant.id, 'MEMBER');
    const second = await newMember(tenant.id, 'OWNER');
    otherOwner = { authorization: `Bearer ${await bearerFor(second.user)}`, 'x-tenant-id': tenant.id };
    headers = { authorization: `Bearer ${await bearerFor(owner.user)}`, 'x-tenant-id': tenant.id };
    await ownerClient().tenant.update({
      where: { id: tenant.id },
      data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'PAYMENT_OVERDUE' },
    });

    policies = mutationPolicies(started);
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  const mutations = () => schemaMutations(started);

  /** Whether the mutation acts in the tenant, by the policy its resolver declares. */
  const actsInTenant = (name: string) => {
    const policy = policies.get(name);
    if (!policy) throw new Error(`mutation ${name} has no access policy`);
    return policy.kind === 'ability' && !OPEN_WHILE_SUSPENDED.includes(policy.subject);
  };

  const tenantState = async () => ({
    members: await ownerClient().membership.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    invitations: await ownerClient().invitation.count({ where: { tenantId } }),
    apiKeys: await ownerClient().apiKey.count({ where: { tenantId } }),
    audit: await ownerClient().auditEvent.count({ where: { tenantId } }),
    subscription: await ownerClient().subscription.findUnique({ where: { tenantId } }),
    tenant: await ownerClient().tenant.findUnique({ where: { id: tenantId } }),
  });

  it('finds the policy of every mutation in the schema', () => {
    const names = mutations().map((field) => field.name);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !policies.get(name))).toEqual([]);
  });

  it('refuses every mutation that acts in the tenant with TENANT_SUSPENDED, and it changes nothing', async () => {
    const before = await tenantState();
    const outcomes: Record<string, string> = {};
    for (const field of mutations().filter((candidate) => actsInTenant(candidate.name))) {
      const { query, variables } = mutationOperation(field);
      const answer = await graphql(started.url, query, variables, headers);
      const error = answer.errors?.[0];
      outcomes[field.name] = error ? `${error.extensions?.code}:${error.extensions?.reason}` : 'OK';
      if (error?.extensions?.reason === 'TENANT_SUSPENDED') {
        expect(error.message).toMatch(
          /^Suspended Chat is suspended since \d{4}-\d{2}-\d{2} because an invoice is overdue/,
        );
      }
    }
    expect(Object.keys(outcomes).length).toBeGreaterThan(15);
    expect(Object.entries(outcomes).filter(([, outcome]) => outcome !== 'FORBIDDEN:TENANT_SUSPENDED')).toEqual([]);
    expect(await tenantState()).toEqual(before);
  });

  it('keeps open what lets the tenant pay, and the person’s own account', async () => {
    const open = mutations().filter((field) => !actsInTenant(field.name));
    const payment = open.filter(
      (field) =>
        policies.get(field.name)?.kind === 'ability' &&
        (policies.get(field.name) as { subject: string }).subject === 'PaymentMethod',
    );
    expect(payment.map((field) => field.name).sort()).toEqual([
      'createBillingPortalSession',
      'createPaymentMethodCheckout',
    ]);
    for (const field of open) {
      const { query, variables } = mutationOperation(field);
      const answer = await graphql(started.url, query, variables, otherOwner);
      expect([field.name, answer.errors?.[0]?.extensions?.reason]).not.toEqual([field.name, 'TENANT_SUSPENDED']);
    }
    const checkout = await graphql(
      started.url,
      'mutation($url: String!) { createPaymentMethodCheckout(returnUrl: $url) { url } }',
      { url: 'http://localhost:3000/billing' },
      headers,
    );
    // This app runs the local provider: the operation is reached, and says Stripe is off.
    expect(checkout.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROVIDER_NOT_CONFIGURED' });
  });

  it('keeps reads working', async () => {
    const read = await graphql<{ currentSubscription: { id: string }; members: unknown }>(
      started.url,
      '{ currentSubscription { id } invoices { edges { cursor } } }',
      {},
      headers,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.currentSubscription.id).toEqual(expect.any(String));
  });

  it('refuses usage reports from its software with TENANT_SUSPENDED', async () => {
    const { key } = await newApiKey(tenantId);
    const answer = await postJson(
      started.url,
      '/v1/usage/events',
      {
        events: [
          { metric: 'messages', quantity: 1, timestamp: new Date().toISOString(), idempotency_key: randomUUID() },
        ],
      },
      { authorization: `Bearer ${key}` },
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'FORBIDDEN', reason: 'TENANT_SUSPENDED' });
  });
});
