import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor, AuditEventModel, Prisma, TenantTx } from '@warbler/api/core';
import { auditEventHash, GENESIS_HASH, type AuditHashedFields } from './chain/audit-hash';
import { changesBetween, type AuditState } from './changes/audit-changes';

/** Who acted, in which tenant. A TenantActor is one; so is a user joining a tenant. */
export type AuditActor = Pick<Actor, 'userId' | 'email' | 'impersonatorUserId' | 'requestId' | 'ip'> & {
  tenantId: string;
};

export interface AuditEntry {
  /** `<target>.<what happened>`, e.g. `member.role_changed`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The record before the change; omit for a creation. */
  before?: AuditState | null;
  /** The record after the change; omit for a deletion. */
  after?: AuditState | null;
}

/**
 * First key of the two-key advisory lock, keeping audit chain locks apart from any other;
 * the second is a hash of the tenant id, whose rare collisions only make two tenants'
 * writers take turns, never mix their chains.
 */
const AUDIT_CHAIN_LOCK = 0x41554454;

/**
 * Appends to a tenant's hash-chained audit log inside the caller's transaction, so the
 * change and its event commit together or not at all.
 */
@Injectable()
export class AuditLog {
  /**
   * Takes the tenant's chain lock until the transaction ends, so concurrent writers append
   * one after another without gaps or forks. Record last in a unit of work: the lock then
   * serialises only the commit, not the work. The transaction must be READ COMMITTED (the
   * default), so the read after the lock sees the event its predecessor committed.
   */
  async record(tx: TenantTx, actor: AuditActor, entry: AuditEntry): Promise<AuditEventModel> {
    const { tenantId } = actor;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, hashtext(${tenantId}))`;
    const last = await tx.auditEvent.findFirst({
      where: { tenantId },
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    const seq = (last?.seq ?? 0n) + 1n;
    const occurredAt = new Date();
    const fields: AuditHashedFields = {
      tenantId,
      seq: seq.toString(),
      id: randomUUID(),
      occurredAt: occurredAt.toISOString(),
      actorUserId: actor.userId,
      actorEmail: actor.email,
      impersonatorUserId: actor.impersonatorUserId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      changes: changesBetween(entry.before, entry.after),
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    return tx.auditEvent.create({
      data: {
        ...fields,
        seq,
        occurredAt,
        changes: fields.changes as Prisma.InputJsonValue,
        hash: auditEventHash(fields),
      },
    });
  }
}
