import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { bearerFor } from '@warbler/api/access/testing';
import { newApiKey } from '@warbler/api/api-keys/testing';
import { AuditLog } from '@warbler/api/audit';
import { draftInvoiceWith } from '@warbler/api/billing/testing';
import { closeOwnerClient, newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { graphql } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

/**
 * No N+1: each list the console reads costs the same number of SQL statements for 1 item as for
 * 100. Statements are counted where every one of them passes, in node-postgres's Client#query, which
 * Prisma's driver adapter, the export streams and the raw pools all go through; the app runs in this
 * process with its jobs off, so only the request being measured talks to the database.
 */
const LIST_SIZE = 100;

let counting = false;
let statements = 0;
const clientQuery = pg.Client.prototype.query;
type ClientQuery = (this: pg.Client, ...args: unknown[]) => unknown;

function countStatements(): void {
  (pg.Client.prototype as unknown as { query: ClientQuery }).query = function (this: pg.Client, ...args: unknown[]) {
    if (counting) statements += 1;
    return (clientQuery as unknown as ClientQuery).apply(this, args);
  };
}

function stopCountingStatements(): void {
  pg.Client.prototype.query = clientQuery;
}

describe('SQL statements per GraphQL operation do not grow with the list', () => {
  let started: StartedApp;
  let small: { tenantId: string; owner: Record<string, string> };
  let large: { tenantId: string; owner: Record<string, string> };
  let finance: Record<string, string>;
  let platformAdmin: Record<string, string>;
  const tenantMarker = `nplusone${randomUUID().replaceAll('-', '').slice(0, 10)}`;

  /** The statements one operation ran, after checking it answered without errors. */
  async function statementsOf(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    statements = 0;
    counting = true;
    const answer = await graphql(started.url, query, variables, headers);
    counting = false;
    expect(answer.errors).toBeUndefined();
    // Zero would mean the count missed the database altogether, and every comparison would hold.
    expect(statements).toBeGreaterThan(0);
    return { statements, data: answer.data as Record<string, unknown> };
  }

  async function tenantWithOwner() {
    const tenant = await newTenant({ seatLimit: LIST_SIZE + 10 });
    const member = await newMember(tenant.id, 'OWNER');
    return {
      tenantId: tenant.id,
      ownerUser: member.user,
      owner: { authorization: `Bearer ${await bearerFor(member.user)}`, 'x-tenant-id': tenant.id },
    };
  }

  /** Audit events as the app writes them (hash chain included), in one transaction of the tenant's. */
  async function auditEvents(tenantId: string, actor: { id: string; email: string }, count: number) {
    const audit = new AuditLog();
    await ownerClient().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      for (let index = 0; index < count; index++) {
        await audit.record(
          tx,
          {
            userId: actor.id,
            email: actor.email,
            impersonatorUserId: null,
            requestId: 'statement-counts',
            ip: null,
            tenantId,
          },
          { action: 'member.invited', targetType: 'Member', targetId: randomUUID(), after: { index } },
        );
      }
    });
  }

  /** One item of each list for the small tenant, LIST_SIZE for the large one. */
  async function fill(tenant: { tenantId: string; ownerUser: { id: string; email: string } }, count: number) {
    for (let index = 1; index < count; index++) await newMember(tenant.tenantId, 'MEMBER');
    for (let index = 0; index < count; index++) {
      await newApiKey(tenant.tenantId, { createdByUserId: tenant.ownerUser.id });
      await draftInvoiceWith(tenant.tenantId, {
        lines: [
          { description: 'Base fee', amountMinor: 4_900n },
          { description: 'Seats', amountMinor: 1_600n, quantity: '2', unitPrice: '8' },
        ],
      });
    }
    await auditEvents(tenant.tenantId, tenant.ownerUser, count);
  }

  beforeAll(async () => {
    started = await startApp();
    const smallTenant = await tenantWithOwner();
    const largeTenant = await tenantWithOwner();
    await fill(smallTenant, 1);
    await fill(largeTenant, LIST_SIZE);
    small = smallTenant;
    large = largeTenant;
    finance = { authorization: `Bearer ${await bearerFor(await newUser({ staffRole: 'FINANCE' }))}` };
    platformAdmin = { authorization: `Bearer ${await bearerFor(await newUser({ staffRole: 'PLATFORM_ADMIN' }))}` };
    for (let index = 0; index < LIST_SIZE; index++) {
      const tenant = await newTenant({ name: `${tenantMarker} ${index}` });
      await newMember(tenant.id, 'OWNER');
    }
    countStatements();
  }, 180_000);

  afterAll(async () => {
    stopCountingStatements();
    await started.close();
    await closeOwnerClient();
  });

  /** The same operation over the small and the large tenant: equal statements, and the lists really differ. */
  async function sameForOneAndMany(
    query: string,
    listOf: (data: Record<string, unknown>) => unknown[],
    variables: (tenantId: string) => Record<string, unknown>,
    headers: (tenant: typeof small) => Record<string, string>,
  ) {
    const one = await statementsOf(query, variables(small.tenantId), headers(small));
    const many = await statementsOf(query, variables(large.tenantId), headers(large));
    expect(listOf(one.data)).toHaveLength(1);
    expect(listOf(many.data)).toHaveLength(LIST_SIZE);
    expect(many.statements).toBe(one.statements);
  }

  const edges = (field: string) => (data: Record<string, unknown>) => (data[field] as { edges: unknown[] }).edges;

  it('members with their users', async () => {
    await sameForOneAndMany(
      '{ members { id role seatAssigned joinedAt user { id email displayName } } }',
      (data) => data['members'] as unknown[],
      () => ({}),
      (tenant) => tenant.owner,
    );
  });

  it('API keys with who created them', async () => {
    await sameForOneAndMany(
      '{ apiKeys { id name prefix scopes status createdByEmail lastUsedAt expiresAt } }',
      (data) => data['apiKeys'] as unknown[],
      () => ({}),
      (tenant) => tenant.owner,
    );
  });

  it('the audit log, a page of events', async () => {
    await sameForOneAndMany(
      'query Audit($first: Int) { auditEvents(first: $first) { edges { node { id seq action actorEmail changes } } } }',
      edges('auditEvents'),
      () => ({ first: LIST_SIZE }),
      (tenant) => tenant.owner,
    );
  });

  it("finance's invoice desk: invoices with their lines, payments, credit notes and credits", async () => {
    await sameForOneAndMany(
      `query Desk($tenantId: ID, $first: Int) {
         financeInvoices(tenantId: $tenantId, first: $first) {
           edges { node { id status totalMinor tenantName
             lines { id kind description amountMinor explain }
             payments { id amountMinor } creditNotes { id number } credits { grantId appliedMinor } } }
         }
       }`,
      edges('financeInvoices'),
      (tenantId) => ({ tenantId, first: LIST_SIZE }),
      () => finance,
    );
  });

  it('the operator console: a page of 1 and of 100 tenants with plan, owner, seats and standing', async () => {
    const query = `query Tenants($first: Int, $search: String) {
      operatorTenants(first: $first, search: $search) {
        edges { node { id name slug status planCode planName planVersion ownerEmail seatsUsed seatsPaid overQuota pastDueSince } }
      }
    }`;
    const one = await statementsOf(query, { first: 1, search: tenantMarker }, platformAdmin);
    const many = await statementsOf(query, { first: LIST_SIZE, search: tenantMarker }, platformAdmin);
    expect(edges('operatorTenants')(one.data)).toHaveLength(1);
    expect(edges('operatorTenants')(many.data)).toHaveLength(LIST_SIZE);
    expect(many.statements).toBe(one.statements);
  });
});
