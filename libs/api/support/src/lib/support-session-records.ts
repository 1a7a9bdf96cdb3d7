import type { AuditActor, AuditState } from '@warbler/api/audit';
import type { Actor, Prisma, SupportSessionEnd, TenantTx } from '@warbler/api/core';
import type { SupportSessionModel } from './graphql/support-session.model';

/** Every column of a session a reader sees, its tenant's name and the size of its request log. */
export const SESSION_SELECT = {
  tenantId: true,
  id: true,
  staffUserId: true,
  staffSessionId: true,
  viewedAsUserId: true,
  viewedAsMembershipId: true,
  reason: true,
  ticketReference: true,
  mode: true,
  status: true,
  durationMinutes: true,
  requestedAt: true,
  startedAt: true,
  expiresAt: true,
  writeGrantUntil: true,
  approvedByUserId: true,
  approvedAt: true,
  endedAt: true,
  endedHow: true,
  endedByUserId: true,
  tenant: { select: { name: true } },
  viewedAs: { select: { role: true } },
  _count: { select: { requests: true } },
} satisfies Prisma.SupportSessionSelect;

export type StoredSession = Prisma.SupportSessionGetPayload<{ select: typeof SESSION_SELECT }>;

/** Users by id, to show e-mails; identity tables belong to no tenant. */
type UserReader = Pick<TenantTx, 'user'>;

export async function emailsOf(db: UserReader, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}

export async function toModels(db: UserReader, sessions: StoredSession[]): Promise<SupportSessionModel[]> {
  const emails = await emailsOf(
    db,
    sessions.flatMap((s) => [s.staffUserId, s.viewedAsUserId, s.approvedByUserId, s.endedByUserId]),
  );
  const email = (id: string | null) => (id === null ? null : (emails.get(id) ?? null));
  return sessions.map((s) => ({
    id: s.id,
    tenantId: s.tenantId,
    tenantName: s.tenant.name,
    staffEmail: email(s.staffUserId),
    viewedAsEmail: email(s.viewedAsUserId),
    viewedAsRole: s.viewedAs.role,
    reason: s.reason,
    ticketReference: s.ticketReference,
    mode: s.mode,
    status: s.status,
    durationMinutes: s.durationMinutes,
    requestedAt: s.requestedAt,
    startedAt: s.startedAt,
    expiresAt: s.expiresAt,
    writeGrantUntil: s.writeGrantUntil,
    approvedByEmail: email(s.approvedByUserId),
    approvedAt: s.approvedAt,
    endedAt: s.endedAt,
    endedHow: s.endedHow,
    endedByEmail: email(s.endedByUserId),
    requestCount: s._count.requests,
  }));
}

/** What the tenant's audit log keeps of a session: who, as whom, why, how long, and its state. */
export function sessionState(s: StoredSession, viewedAsEmail: string | null): AuditState {
  return {
    staffUserId: s.staffUserId,
    viewedAsUserId: s.viewedAsUserId,
    viewedAsEmail,
    viewedAsRole: s.viewedAs.role,
    reason: s.reason,
    ticketReference: s.ticketReference,
    mode: s.mode,
    status: s.status,
    durationMinutes: s.durationMinutes,
    startedAt: s.startedAt,
    expiresAt: s.expiresAt,
    writeGrantUntil: s.writeGrantUntil,
    approvedByUserId: s.approvedByUserId,
    endedAt: s.endedAt,
    endedHow: s.endedHow,
  };
}

/** A staff member as the author of a tenant audit event: they act as themselves, in the tenant. */
export function staffInTenant(
  staff: { userId: string; email: string },
  tenantId: string,
  request: Pick<Actor, 'requestId' | 'ip'>,
): AuditActor {
  return { ...staff, tenantId, impersonatorUserId: null, requestId: request.requestId, ip: request.ip };
}

export interface SessionEnding {
  how: SupportSessionEnd;
  at: Date;
  byUserId: string | null;
}
