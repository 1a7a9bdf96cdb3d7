import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type PlatformAuditEventModel,
  PlatformDatabase,
  type Prisma,
  type PrismaClient,
} from '@warbler/api/core';

/** Who acted on the platform: a signed-in staff member (or a job, with no user). */
export type PlatformAuditActor = Pick<Actor, 'userId' | 'email' | 'staffRole' | 'requestId' | 'ip'>;

export interface PlatformAuditEntry {
  /** `<target>.<what happened>`, e.g. `export.usage_downloaded`, `staff.role_changed`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** What an auditor needs to understand the action: a filter, a row count, a role before and after. */
  details?: Record<string, unknown>;
}

/** The platform client or one of its transactions: record inside the transaction that makes the change. */
export type PlatformAuditWriter = Pick<PrismaClient, 'platformAuditEvent'>;

export interface PlatformAuditQuery {
  action?: string;
  actorUserId?: string;
  since?: Date;
  /** At most 500, newest first. */
  limit?: number;
}

/**
 * The append-only log of staff actions that belong to no tenant (platform_audit_events). The
 * table refuses UPDATE and DELETE for everyone; only warbler_platform may insert and read it.
 *
 * ```ts
 * await platformAudit.record(actor, { action: 'staff.role_changed', targetType: 'user', targetId: id,
 *   details: { from: 'SUPPORT', to: 'FINANCE' } }, tx);
 * ```
 */
@Injectable()
export class PlatformAuditLog {
  constructor(private readonly platform: PlatformDatabase) {}

  /** Appends one event; pass `writer` (a platform transaction) so the event commits with the change. */
  async record(
    actor: PlatformAuditActor,
    entry: PlatformAuditEntry,
    writer: PlatformAuditWriter = this.platform.client,
  ): Promise<PlatformAuditEventModel> {
    return writer.platformAuditEvent.create({
      data: {
        id: randomUUID(),
        actorUserId: actor.userId,
        actorEmail: actor.email,
        actorStaffRole: actor.staffRole,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        details: (entry.details ?? {}) as Prisma.InputJsonObject,
        requestId: actor.requestId,
        ip: actor.ip,
      },
    });
  }

  /** Newest first. */
  list(query: PlatformAuditQuery = {}): Promise<PlatformAuditEventModel[]> {
    return this.platform.client.platformAuditEvent.findMany({
      where: {
        action: query.action,
        actorUserId: query.actorUserId,
        occurredAt: query.since ? { gte: query.since } : undefined,
      },
      orderBy: { seq: 'desc' },
      take: Math.min(Math.max(query.limit ?? 100, 1), 500),
    });
  }
}
