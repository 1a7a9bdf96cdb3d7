import { randomUUID } from 'node:crypto';
import { Database } from './database';
import { actorFor, closeOwnerClient, newMember, newTenant, ownerClient, testConfig } from '../../testing';

describe('tenant-bound client (row-level security)', () => {
  const db = new Database(testConfig());
  let tenantA: { id: string };
  let tenantB: { id: string };
  let ownerA: Awaited<ReturnType<typeof newMember>>;

  beforeAll(async () => {
    tenantA = await newTenant();
    tenantB = await newTenant();
    ownerA = await newMember(tenantA.id, 'OWNER');
    await newMember(tenantA.id, 'MEMBER');
    await newMember(tenantB.id, 'OWNER');
    await newMember(tenantB.id, 'MEMBER');
  });

  afterAll(async () => {
    await db.onModuleDestroy();
    await closeOwnerClient();
  });

  it('sees only its own tenant in a query with no WHERE', async () => {
    const rows = await db.forTenant({ tenantId: tenantA.id }).membership.findMany();
    expect(rows.length).toBe(2);
    expect(new Set(rows.map((row) => row.tenantId))).toEqual(new Set([tenantA.id]));
  });

  it('sees only its own tenant inside an explicit transaction', async () => {
    const rows = await db.forTenant({ tenantId: tenantB.id }).transaction((tx) => tx.membership.findMany());
    expect(rows.map((row) => row.tenantId)).toEqual([tenantB.id, tenantB.id]);
  });

  it('cannot update or insert rows of another tenant', async () => {
    const memberOfB = await ownerClient().membership.findFirstOrThrow({ where: { tenantId: tenantB.id } });
    const updated = await db
      .forTenant({ tenantId: tenantA.id })
      .membership.updateMany({ where: { id: memberOfB.id }, data: { role: 'ADMIN' } });
    expect(updated.count).toBe(0);
    await expect(
      db.forTenant({ tenantId: tenantA.id }).membership.create({
        data: { tenantId: tenantB.id, id: randomUUID(), userId: ownerA.user.id, role: 'OWNER' },
      }),
    ).rejects.toThrow();
    const unchanged = await ownerClient().membership.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenantB.id, id: memberOfB.id } },
    });
    expect(unchanged.role).toBe(memberOfB.role);
  });

  it('sees no tenant rows without a tenant, and refuses a missing tenant', async () => {
    expect(await db.identity.membership.findMany({ where: { tenantId: tenantA.id } })).toEqual([]);
    expect(() => db.forTenant({ tenantId: null })).toThrow(/tenant/i);
    expect(() => db.forTenant({ tenantId: 'not-a-uuid' })).toThrow(/tenant/i);
  });

  it('rolls back every write of a unit of work when it fails', async () => {
    const client = db.forTenant(actorFor(ownerA));
    await expect(
      client.transaction(async (tx) => {
        await tx.membership.update({
          where: { tenantId_id: { tenantId: tenantA.id, id: ownerA.membership.id } },
          data: { seatAssigned: true },
        });
        await tx.tenant.update({ where: { id: tenantA.id }, data: { name: 'renamed' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const membership = await ownerClient().membership.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenantA.id, id: ownerA.membership.id } },
    });
    const tenant = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantA.id } });
    expect(membership.seatAssigned).toBe(false);
    expect(tenant.name).not.toBe('renamed');
  });

  it('does not leak the tenant setting to the next use of a pooled connection', async () => {
    await db.forTenant({ tenantId: tenantA.id }).membership.findMany();
    const [row] = await db.identity.$queryRaw<{ tenant: string | null }[]>`
      SELECT NULLIF(current_setting('app.tenant_id', true), '') AS tenant`;
    expect(row.tenant).toBeNull();
  });

  it('lets a user see their own memberships across tenants, and nothing else', async () => {
    const other = await newTenant();
    await ownerClient().membership.create({
      data: { tenantId: other.id, id: randomUUID(), userId: ownerA.user.id, role: 'MEMBER' },
    });
    const rows = await db.forUser(ownerA.user.id).transaction((tx) => tx.membership.findMany());
    expect(new Set(rows.map((row) => row.tenantId))).toEqual(new Set([tenantA.id, other.id]));
    expect(rows.every((row) => row.userId === ownerA.user.id)).toBe(true);
    const tenants = await db.forUser(ownerA.user.id).transaction((tx) => tx.tenant.findMany());
    expect(new Set(tenants.map((tenant) => tenant.id))).toEqual(new Set([tenantA.id, other.id]));
  });
});
