import { randomUUID } from 'node:crypto';
import { Database, type TenantActor } from '@warbler/api/core';
import { actorFor, closeOwnerClient, newMember, newTenant, newUser, ownerClient, testConfig } from '../testing';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditLog } from './audit-log';
import { auditEventHash, GENESIS_HASH } from './chain/audit-hash';
import { eventsOldestFirst } from './chain/events-oldest-first';
import { hashedFieldsOf } from './chain/hashed-fields';
import { verifyChain } from './chain/verify-chain';

describe('AuditLog (hash-chained, append-only, per tenant)', () => {
  const db = new Database(testConfig());
  const audit = new AuditLog();
  const verifier = new AuditChainVerifier(db);

  afterAll(async () => {
    await db.onModuleDestroy();
    await closeOwnerClient();
  });

  async function ownerOfNewTenant(): Promise<TenantActor> {
    const tenant = await newTenant();
    return actorFor(await newMember(tenant.id, 'OWNER'));
  }

  function recordOne(actor: TenantActor, action = 'member.role_changed') {
    return db.forTenant(actor).transaction((tx) =>
      audit.record(tx, actor, {
        action,
        targetType: 'Member',
        targetId: actor.membershipId,
        before: { role: 'MEMBER', seatAssigned: false },
        after: { role: 'ADMIN', seatAssigned: false },
      }),
    );
  }

  /** As the schema owner, with triggers off for this transaction only: an attacker with the keys. */
  function tamper(sql: (tx: ReturnType<typeof ownerClient>) => Promise<unknown>) {
    return ownerClient().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await sql(tx as unknown as ReturnType<typeof ownerClient>);
    });
  }

  it('chains each event to the one before and stores only what changed', async () => {
    const actor = await ownerOfNewTenant();
    const first = await recordOne(actor);
    const second = await recordOne(actor, 'member.seat_assigned');
    expect(first.seq).toBe(1n);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.seq).toBe(2n);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(auditEventHash(hashedFieldsOf(second)));
    expect(first.changes).toEqual({ role: { before: 'MEMBER', after: 'ADMIN' } });
    expect(first).toMatchObject({
      actorUserId: actor.userId,
      actorEmail: actor.email,
      requestId: actor.requestId,
      ip: actor.ip,
    });
    expect(await verifier.verify(actor)).toEqual({
      valid: true,
      eventsChecked: 2,
      firstBrokenSeq: null,
      headHash: second.hash,
    });
  });

  it('records the impersonating staff member alongside the user acted as', async () => {
    const support = await newUser({ staffRole: 'SUPPORT' });
    const actor = { ...(await ownerOfNewTenant()), impersonatorUserId: support.id };
    const event = await recordOne(actor);
    expect(event.impersonatorUserId).toBe(actor.impersonatorUserId);
    expect((await verifier.verify(actor)).valid).toBe(true);
  });

  it('verifies a chain longer than one page', async () => {
    const actor = await ownerOfNewTenant();
    for (let i = 0; i < 3; i += 1) await recordOne(actor);
    const result = await verifyChain(eventsOldestFirst(db.forTenant(actor), 2));
    expect(result).toMatchObject({ valid: true, eventsChecked: 3 });
  });

  it('reports the seq of an event altered behind its back', async () => {
    const actor = await ownerOfNewTenant();
    for (let i = 0; i < 4; i += 1) await recordOne(actor);
    await tamper(
      (tx) => tx.$executeRaw`
      UPDATE audit_events SET changes = '{"role":{"before":"MEMBER","after":"OWNER"}}' WHERE tenant_id = ${actor.tenantId}::uuid AND seq = 3`,
    );
    expect(await verifier.verify(actor)).toMatchObject({ valid: false, eventsChecked: 4, firstBrokenSeq: '3' });
  });

  it('reports a forged event even when its own hash is right', async () => {
    const actor = await ownerOfNewTenant();
    const first = await recordOne(actor);
    const forged = {
      ...hashedFieldsOf(first),
      seq: '2',
      id: randomUUID(),
      action: 'member.removed',
      prevHash: 'f'.repeat(64),
    };
    await ownerClient().auditEvent.create({
      data: {
        ...forged,
        seq: 2n,
        occurredAt: new Date(forged.occurredAt),
        changes: {},
        hash: auditEventHash({ ...forged, changes: {} }),
      },
    });
    expect(await verifier.verify(actor)).toMatchObject({ valid: false, eventsChecked: 2, firstBrokenSeq: '2' });
  });

  it('reports the first missing seq when an event was deleted', async () => {
    const actor = await ownerOfNewTenant();
    for (let i = 0; i < 3; i += 1) await recordOne(actor);
    await tamper(
      (tx) => tx.$executeRaw`DELETE FROM audit_events WHERE tenant_id = ${actor.tenantId}::uuid AND seq = 2`,
    );
    expect(await verifier.verify(actor)).toMatchObject({ valid: false, eventsChecked: 2, firstBrokenSeq: '2' });
  });

  it('refuses UPDATE and DELETE to the API role, whatever the statement', async () => {
    const actor = await ownerOfNewTenant();
    await recordOne(actor);
    await expect(
      db.forTenant(actor).transaction((tx) => tx.$executeRaw`UPDATE audit_events SET action = 'rewritten'`),
    ).rejects.toThrow(/permission denied/);
    await expect(db.forTenant(actor).transaction((tx) => tx.$executeRaw`DELETE FROM audit_events`)).rejects.toThrow(
      /permission denied/,
    );
    expect((await verifier.verify(actor)).valid).toBe(true);
  });

  it('keeps tenants apart: one never reads, verifies or writes into the other’s log', async () => {
    const a = await ownerOfNewTenant();
    const b = await ownerOfNewTenant();
    await recordOne(a);
    await recordOne(b);
    await recordOne(b);
    expect(await db.forTenant(a).auditEvent.findMany()).toEqual([expect.objectContaining({ tenantId: a.tenantId })]);
    expect(await verifier.verify(a)).toMatchObject({ valid: true, eventsChecked: 1 });
    expect(await verifier.verify(b)).toMatchObject({ valid: true, eventsChecked: 2 });
    await expect(
      db.forTenant(a).transaction((tx) => audit.record(tx, b, { action: 'x.y', targetType: 'X' })),
    ).rejects.toThrow(/row-level security/);
  });

  it('numbers concurrent events without gaps and keeps the chain valid', async () => {
    const actor = await ownerOfNewTenant();
    await Promise.all(Array.from({ length: 25 }, () => recordOne(actor)));
    const seqs = (await db.forTenant(actor).auditEvent.findMany({ orderBy: { seq: 'asc' } })).map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => BigInt(i + 1)));
    expect(await verifier.verify(actor)).toMatchObject({ valid: true, eventsChecked: 25 });
  });

  it('leaves no event behind when the transaction that recorded it fails', async () => {
    const actor = await ownerOfNewTenant();
    await expect(
      db.forTenant(actor).transaction(async (tx) => {
        await audit.record(tx, actor, { action: 'member.removed', targetType: 'Member', before: { role: 'ADMIN' } });
        throw new Error('the change failed after it was audited');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.forTenant(actor).auditEvent.count()).toBe(0);
    expect(await verifier.verify(actor)).toEqual({
      valid: true,
      eventsChecked: 0,
      firstBrokenSeq: null,
      headHash: null,
    });
  });
});
