import { Injectable } from '@nestjs/common';
import { type Actor, Database } from '@warbler/api/core';
import type { AuditEventConnection } from './graphql/audit-event-connection.model';
import { toAuditEvent } from './graphql/audit-event.model';
import type { AuditEventsArgs } from './graphql/audit-events.args';

/** The audit log as the console reads it: newest first, a page at a time. */
@Injectable()
export class AuditEventsQuery {
  constructor(private readonly db: Database) {}

  async page(actor: Actor, { first, after, filter }: AuditEventsArgs): Promise<AuditEventConnection> {
    const rows = await this.db.forTenant(actor).auditEvent.findMany({
      where: {
        seq: after ? { lt: BigInt(after) } : undefined,
        action: filter?.action ?? undefined,
        actorUserId: filter?.actorUserId ?? undefined,
        targetType: filter?.targetType ?? undefined,
        occurredAt: { gte: filter?.from ?? undefined, lt: filter?.to ?? undefined },
      },
      orderBy: { seq: 'desc' },
      // One more than asked tells whether another page exists without counting.
      take: first + 1,
    });
    const edges = rows.slice(0, first).map((row) => ({ cursor: row.seq.toString(), node: toAuditEvent(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
