import { AuditModule } from '@warbler/api/audit';
import { WebhooksModule } from '@warbler/api/webhooks';
import { subscribedEndpoint, webhookEventsOf } from '@warbler/api/webhooks/testing';
import {
  closeOwnerClient,
  dataOf,
  graphql,
  graphqlWith,
  inSession,
  staffMember,
  startTestApp,
  SupportOps,
  type SupportSessionView,
  supportTenant,
  type TestApp,
} from '../testing';
import { SupportModule } from './support.module';

/** support_session.started and .ended for the tenant's webhooks, and what support sees of them. */
describe('support sessions and the tenant’s webhooks', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, SupportModule, WebhooksModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function openSession(mode: 'READ_ONLY' | 'WRITE' = 'READ_ONLY') {
    const tenant = await supportTenant();
    const support = await staffMember('SUPPORT');
    const input = { tenantId: tenant.tenantId, reason: 'Customer asked', ticketReference: 'T-1', mode };
    return { tenant, support, input };
  }

  it('announces a session when it starts and when it ends', async () => {
    const { tenant, support, input } = await openSession();
    await subscribedEndpoint(tenant.tenantId, ['support_session.started', 'support_session.ended']);

    const session = dataOf(
      await graphql<{ startSupportSession: SupportSessionView }>(app, support.caller, SupportOps.startSupportSession, {
        input,
      }),
    ).startSupportSession;
    dataOf(await graphql(app, tenant.OWNER.caller, SupportOps.endSupportSession, { id: session.id }));

    expect(await webhookEventsOf(tenant.tenantId)).toEqual([
      {
        type: 'support_session.started',
        data: {
          support_session_id: session.id,
          mode: 'READ_ONLY',
          reason: 'Customer asked',
          ticket_reference: 'T-1',
          started_at: session.startedAt,
          expires_at: session.expiresAt,
        },
        deliveries: 1,
      },
      {
        type: 'support_session.ended',
        data: { support_session_id: session.id, ended_at: expect.any(String), ended_how: 'ENDED_BY_TENANT' },
        deliveries: 1,
      },
    ]);
  });

  it('announces a WRITE session waiting for approval only when it is approved', async () => {
    const { tenant, support, input } = await openSession('WRITE');
    await subscribedEndpoint(tenant.tenantId, ['support_session.started']);
    const pending = dataOf(
      await graphql<{ startSupportSession: SupportSessionView }>(app, support.caller, SupportOps.startSupportSession, {
        input,
      }),
    ).startSupportSession;
    expect(await webhookEventsOf(tenant.tenantId)).toEqual([]);

    const admin = await staffMember('PLATFORM_ADMIN');
    dataOf(
      await graphql(app, admin.caller, SupportOps.approveSupportSession, { id: pending.id, tenantId: tenant.tenantId }),
    );
    expect((await webhookEventsOf(tenant.tenantId)).map((event) => event.type)).toEqual(['support_session.started']);
  });

  it('lets support in a read-only session see the webhooks as the viewed member does, and change nothing', async () => {
    const { tenant, support, input } = await openSession();
    const endpoint = await subscribedEndpoint(tenant.tenantId, ['invoice.paid']);
    const session = dataOf(
      await graphql<{ startSupportSession: SupportSessionView }>(app, support.caller, SupportOps.startSupportSession, {
        input,
      }),
    ).startSupportSession;
    const headers = inSession(support, tenant.tenantId, session.id);

    const listed = await graphqlWith<{ webhookEndpoints: { id: string }[] }>(
      app.url,
      headers,
      '{ webhookEndpoints { id } }',
    );
    expect(listed.data?.webhookEndpoints).toEqual([{ id: endpoint.id }]);
    const deleted = await graphqlWith(
      app.url,
      headers,
      'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }',
      {
        id: endpoint.id,
      },
    );
    expect(deleted.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPPORT_READ_ONLY' });
  });
});
