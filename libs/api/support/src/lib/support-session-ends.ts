import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '@warbler/api/audit';
import type { Actor, Prisma, TenantTx } from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { SupportAction } from './support-rules';
import { sessionEndedData } from './support-session-webhooks';
import {
  emailsOf,
  SESSION_SELECT,
  type SessionEnding,
  sessionState,
  staffInTenant,
  type StoredSession,
} from './support-session-records';

/**
 * Ends support sessions and writes each end to the tenant's audit log. A session whose time box
 * ran out, or whose staff sign-in was revoked (sign-out), stops working at once (the actor
 * resolver refuses it on every request); `settle` writes down how it ended the next time the
 * tenant's sessions are read or changed.
 */
@Injectable()
export class SupportSessionEnds {
  constructor(
    private readonly audit: AuditLog,
    private readonly webhooks: TenantWebhooks,
  ) {}

  /** Ends one session unless it has ended already; true when this call ended it. */
  async end(tx: TenantTx, session: StoredSession, ending: SessionEnding, author: AuditActor): Promise<boolean> {
    const { count } = await tx.supportSession.updateMany({
      where: { id: session.id, status: { not: 'ENDED' } },
      data: { status: 'ENDED', endedAt: ending.at, endedHow: ending.how, endedByUserId: ending.byUserId },
    });
    if (count === 0) return false;
    const ended = await tx.supportSession.findFirstOrThrow({ where: { id: session.id }, select: SESSION_SELECT });
    const viewedAs = (await emailsOf(tx, [session.viewedAsUserId])).get(session.viewedAsUserId) ?? null;
    // A session that never started (pending approval) was never announced, so its end is not either.
    if (session.startedAt) {
      await this.webhooks.publish(tx, session.tenantId, 'support_session.ended', sessionEndedData(ended));
    }
    await this.audit.record(tx, author, {
      action: SupportAction.sessionEnded,
      targetType: 'SupportSession',
      targetId: session.id,
      before: sessionState(session, viewedAs),
      after: sessionState(ended, viewedAs),
    });
    return true;
  }

  /** Writes down the ends of the tenant's sessions that expired or lost their staff sign-in. */
  async settle(tx: TenantTx, tenantId: string, request: Pick<Actor, 'requestId' | 'ip'>): Promise<void> {
    await this.endWhere(tx, tenantId, request, { status: { not: 'ENDED' } }, (session, signIn, now) => {
      const signedOutAt = !signIn ? now : (signIn.revokedAt ?? (signIn.expiresAt <= now ? signIn.expiresAt : null));
      if (signedOutAt !== null && signedOutAt < session.expiresAt) {
        return { how: 'LOGOUT', at: signedOutAt, byUserId: session.staffUserId };
      }
      if (session.expiresAt <= now) return { how: 'EXPIRED', at: session.expiresAt, byUserId: null };
      return null;
    });
  }

  /** Ends every open session matching `where`, as the tenant's decision (`author` made it). */
  async endByTenant(tx: TenantTx, where: Prisma.SupportSessionWhereInput, author: AuditActor): Promise<void> {
    const now = new Date();
    const open = await tx.supportSession.findMany({
      where: { AND: [where, { status: { not: 'ENDED' } }] },
      select: SESSION_SELECT,
    });
    for (const session of open) {
      await this.end(tx, session, { how: 'ENDED_BY_TENANT', at: now, byUserId: author.userId }, author);
    }
  }

  private async endWhere(
    tx: TenantTx,
    tenantId: string,
    request: Pick<Actor, 'requestId' | 'ip'>,
    where: Prisma.SupportSessionWhereInput,
    endingOf: (
      session: StoredSession,
      signIn: { revokedAt: Date | null; expiresAt: Date } | undefined,
      now: Date,
    ) => SessionEnding | null,
  ): Promise<void> {
    const open = await tx.supportSession.findMany({ where, select: SESSION_SELECT });
    if (open.length === 0) return;
    const now = new Date();
    const signIns = await tx.session.findMany({
      where: { id: { in: open.map((session) => session.staffSessionId) } },
      select: { id: true, revokedAt: true, expiresAt: true },
    });
    const signInOf = new Map(signIns.map((signIn) => [signIn.id, signIn]));
    const staff = await emailsOf(
      tx,
      open.map((session) => session.staffUserId),
    );
    for (const session of open) {
      const ending = endingOf(session, signInOf.get(session.staffSessionId), now);
      if (!ending) continue;
      const author = staffInTenant(
        { userId: session.staffUserId, email: staff.get(session.staffUserId) ?? '' },
        tenantId,
        request,
      );
      await this.end(tx, session, ending, author);
    }
  }
}
