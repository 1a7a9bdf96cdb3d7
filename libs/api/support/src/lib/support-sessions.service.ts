import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import {
  type Actor,
  Database,
  PlatformDatabase,
  type SupportSessionMode,
  type TenantActor,
  type TenantTx,
} from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import type { StartSupportSessionInput } from './graphql/support.args';
import type {
  SupportSessionModel,
  SupportSessionRequestModel,
  SupportTenantModel,
  SupportViewableMemberModel,
} from './graphql/support-session.model';
import { SupportSessionEnds } from './support-session-ends';
import { sessionStartedData } from './support-session-webhooks';
import {
  emailsOf,
  SESSION_SELECT,
  sessionState,
  staffInTenant,
  type StoredSession,
  toModels,
} from './support-session-records';
import {
  cannotViewAsStaff,
  DEFAULT_SESSION_MINUTES,
  MAX_SESSION_MINUTES,
  memberNotFound,
  noOwnerToViewAs,
  notPending,
  selfApproval,
  sessionAlreadyOpen,
  sessionDurationOutOfRange,
  SESSION_START_LOCK,
  SupportAction,
  supportAccessRefused,
  supportSessionNotFound,
  tenantNotFound,
  tenantRequired,
} from './support-rules';

const MINUTE = 60_000;
const TENANT_SEARCH_LIMIT = 20;

/**
 * Support sessions: support staff open them on a tenant, platform admins approve the WRITE ones
 * the owner has not granted, staff or the tenant's owner end them. Each session's rows live in its
 * tenant (row-level security), so a staff member works in the tenant the session names; only the
 * cross-tenant lists (support's own sessions, those waiting for approval, finding a tenant) read
 * as the platform role, behind a staff permission.
 */
@Injectable()
export class SupportSessionsService {
  constructor(
    private readonly db: Database,
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly ends: SupportSessionEnds,
    private readonly webhooks: TenantWebhooks,
  ) {}

  /**
   * Opens a session as `staff` on the input's tenant. READ_ONLY starts at once; WRITE starts at
   * once under the owner's unexpired grant (and ends with it at the latest), else waits for a
   * platform admin's approval.
   */
  async start(staff: Actor, input: StartSupportSessionInput): Promise<SupportSessionModel> {
    const minutes = input.durationMinutes ?? DEFAULT_SESSION_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SESSION_MINUTES) {
      throw sessionDurationOutOfRange();
    }
    const mode: SupportSessionMode = input.mode ?? 'READ_ONLY';
    const tenantId = input.tenantId;
    return this.db.forTenant({ tenantId }).transaction(async (tx) => {
      const tenant = await tx.tenant.findUnique({
        where: { id: tenantId },
        select: { name: true, supportAccess: true, supportWriteUntil: true },
      });
      if (!tenant) throw tenantNotFound();
      if (tenant.supportAccess === 'REFUSED') throw supportAccessRefused(tenant.name);
      // One open session per engineer and tenant: a retried start finds the session the first made.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SESSION_START_LOCK}::int, hashtext(${`${tenantId}:${staff.userId}`}))`;
      await this.ends.settle(tx, tenantId, staff);
      const member = await memberToViewAs(tx, input.viewAsUserId ?? null);
      const open = await tx.supportSession.findFirst({
        where: { staffUserId: staff.userId, status: { not: 'ENDED' } },
        select: SESSION_SELECT,
      });
      if (open) {
        const retried =
          open.viewedAsUserId === member.userId &&
          open.mode === mode &&
          open.reason === input.reason &&
          open.ticketReference === input.ticketReference &&
          open.durationMinutes === minutes;
        if (!retried) throw sessionAlreadyOpen(tenant.name, open.ticketReference);
        return (await toModels(tx, [open]))[0];
      }

      const now = new Date();
      const until = new Date(now.getTime() + minutes * MINUTE);
      const grant =
        mode === 'WRITE' && tenant.supportWriteUntil && tenant.supportWriteUntil > now
          ? tenant.supportWriteUntil
          : null;
      const pending = mode === 'WRITE' && grant === null;
      const created = await tx.supportSession.create({
        data: {
          tenantId,
          staffUserId: staff.userId,
          staffSessionId: staff.sessionId,
          viewedAsUserId: member.userId,
          viewedAsMembershipId: member.id,
          reason: input.reason,
          ticketReference: input.ticketReference,
          mode,
          status: pending ? 'PENDING_APPROVAL' : 'ACTIVE',
          durationMinutes: minutes,
          requestedAt: now,
          startedAt: pending ? null : now,
          expiresAt: grant && grant < until ? grant : until,
          writeGrantUntil: grant,
        },
        select: SESSION_SELECT,
      });
      if (!pending) await this.webhooks.publish(tx, tenantId, 'support_session.started', sessionStartedData(created));
      await this.audit.record(tx, staffInTenant(staff, tenantId, staff), {
        action: pending ? SupportAction.sessionRequested : SupportAction.sessionStarted,
        targetType: 'SupportSession',
        targetId: created.id,
        after: sessionState(created, member.email),
      });
      return (await toModels(tx, [created]))[0];
    });
  }

  /** A platform admin lets a pending WRITE session start; its time box runs from now. */
  async approve(admin: Actor, tenantId: string, id: string): Promise<SupportSessionModel> {
    return this.db.forTenant({ tenantId }).transaction(async (tx) => {
      await this.ends.settle(tx, tenantId, admin);
      const session = await sessionIn(tx, id);
      if (session.staffUserId === admin.userId) throw selfApproval();
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: tenantId },
        select: { name: true, supportAccess: true },
      });
      if (tenant.supportAccess === 'REFUSED') throw supportAccessRefused(tenant.name);
      const now = new Date();
      const { count } = await tx.supportSession.updateMany({
        where: { id, status: 'PENDING_APPROVAL' },
        data: {
          status: 'ACTIVE',
          startedAt: now,
          expiresAt: new Date(now.getTime() + session.durationMinutes * MINUTE),
          approvedByUserId: admin.userId,
          approvedAt: now,
        },
      });
      if (count === 0) throw notPending();
      const approved = await sessionIn(tx, id);
      await this.webhooks.publish(tx, tenantId, 'support_session.started', sessionStartedData(approved));
      const viewedAs = (await emailsOf(tx, [session.viewedAsUserId])).get(session.viewedAsUserId) ?? null;
      await this.audit.record(tx, staffInTenant(admin, tenantId, admin), {
        action: SupportAction.sessionApproved,
        targetType: 'SupportSession',
        targetId: id,
        before: sessionState(session, viewedAs),
        after: sessionState(approved, viewedAs),
      });
      return (await toModels(tx, [approved]))[0];
    });
  }

  /**
   * Ends a session: from inside it (its engineer), as staff (the engineer who opened it, or a
   * platform admin) naming its tenant, or as the tenant's owner. Ending an ended session changes
   * nothing and answers it as it is.
   */
  async end(actor: Actor, id: string, tenantIdArg: string | null): Promise<SupportSessionModel> {
    const inSession = actor.impersonatorUserId !== null;
    const asStaff = !inSession && actor.staffRole !== null && actor.tenantId === null;
    const tenantId = asStaff ? tenantIdArg : actor.tenantId;
    if (!tenantId) throw tenantRequired();
    return this.db.forTenant({ tenantId }).transaction(async (tx) => {
      await this.ends.settle(tx, tenantId, actor);
      const session = await sessionIn(tx, id);
      const engineer = inSession
        ? actor.impersonatorUserId
        : asStaff && actor.staffRole === 'SUPPORT'
          ? actor.userId
          : null;
      if (engineer !== null && session.staffUserId !== engineer) throw supportSessionNotFound();
      let author = { userId: actor.userId, email: actor.email };
      if (inSession) {
        const staffEmail = (await emailsOf(tx, [session.staffUserId])).get(session.staffUserId) ?? '';
        author = { userId: session.staffUserId, email: staffEmail };
      }
      await this.ends.end(
        tx,
        session,
        { how: inSession || asStaff ? 'ENDED_BY_STAFF' : 'ENDED_BY_TENANT', at: new Date(), byUserId: author.userId },
        staffInTenant(author, tenantId, actor),
      );
      return (await toModels(tx, [await sessionIn(tx, id)]))[0];
    });
  }

  /** One session: staff name its tenant (support sees its own only); a tenant's people read their tenant's. */
  async get(actor: Actor, id: string, tenantIdArg: string | null): Promise<SupportSessionModel> {
    const asStaff = actor.staffRole !== null && actor.tenantId === null;
    const tenantId = asStaff ? tenantIdArg : actor.tenantId;
    if (!tenantId) throw tenantRequired();
    return this.db.forTenant({ tenantId }).transaction(async (tx) => {
      await this.ends.settle(tx, tenantId, actor);
      const session = await sessionIn(tx, id);
      if (asStaff && actor.staffRole === 'SUPPORT' && session.staffUserId !== actor.userId) {
        throw supportSessionNotFound();
      }
      return (await toModels(tx, [session]))[0];
    });
  }

  /** The tenant's support sessions, newest first. */
  listForTenant(actor: TenantActor): Promise<SupportSessionModel[]> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      await this.ends.settle(tx, actor.tenantId, actor);
      const sessions = await tx.supportSession.findMany({
        select: SESSION_SELECT,
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
      });
      return toModels(tx, sessions);
    });
  }

  /** The request log of one of the tenant's sessions, oldest first. */
  requests(actor: TenantActor, id: string): Promise<SupportSessionRequestModel[]> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      await sessionIn(tx, id);
      return tx.supportSessionRequest.findMany({
        where: { supportSessionId: id },
        select: { id: true, at: true, operation: true, isChange: true, outcome: true },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
    });
  }

  /** Support's own sessions that are pending or running, across tenants. */
  async mine(staff: Actor): Promise<SupportSessionModel[]> {
    const sessions = await this.platform.client.supportSession.findMany({
      where: { staffUserId: staff.userId, status: { not: 'ENDED' }, expiresAt: { gt: new Date() } },
      select: SESSION_SELECT,
      orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    });
    return toModels(this.platform.client, sessions);
  }

  /** WRITE sessions waiting for a platform admin, across tenants. */
  async pending(): Promise<SupportSessionModel[]> {
    const sessions = await this.platform.client.supportSession.findMany({
      where: { status: 'PENDING_APPROVAL', expiresAt: { gt: new Date() } },
      select: SESSION_SELECT,
      orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
    });
    return toModels(this.platform.client, sessions);
  }

  /** Tenants by part of their name or slug, or by id, with their stance on support. */
  async findTenants(search: string): Promise<SupportTenantModel[]> {
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(search);
    const tenants = await this.platform.client.tenant.findMany({
      where: byId
        ? { id: search }
        : {
            OR: [
              { name: { contains: search, mode: 'insensitive' } },
              { slug: { contains: search, mode: 'insensitive' } },
            ],
          },
      select: {
        id: true,
        name: true,
        slug: true,
        supportAccess: true,
        supportWriteUntil: true,
        memberships: {
          where: { role: 'OWNER', status: 'ACTIVE' },
          select: { user: { select: { email: true } } },
          orderBy: { createdAt: 'asc' },
          take: 1,
        },
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: TENANT_SEARCH_LIMIT,
    });
    const now = new Date();
    return tenants.map((tenant) => ({
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      ownerEmail: tenant.memberships[0]?.user.email ?? null,
      supportAccess: tenant.supportAccess,
      supportWriteUntil: tenant.supportWriteUntil && tenant.supportWriteUntil > now ? tenant.supportWriteUntil : null,
    }));
  }

  /** The members support may view a tenant as: active, and no staff account among them. */
  viewableMembers(tenantId: string): Promise<SupportViewableMemberModel[]> {
    return this.db.forTenant({ tenantId }).transaction(async (tx) => {
      const members = await tx.membership.findMany({
        where: { status: 'ACTIVE', user: { staffRole: null } },
        select: { role: true, userId: true, user: { select: { email: true } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return members.map((member) => ({ userId: member.userId, email: member.user.email, role: member.role }));
    });
  }
}

/** A session of the transaction's tenant; row-level security hides every other tenant's. */
async function sessionIn(tx: TenantTx, id: string): Promise<StoredSession> {
  const session = await tx.supportSession.findFirst({ where: { id }, select: SESSION_SELECT });
  if (!session) throw supportSessionNotFound();
  return session;
}

/** The chosen member, or the tenant's first owner; never someone with a staff account. */
async function memberToViewAs(tx: TenantTx, userId: string | null) {
  const member = await tx.membership.findFirst({
    where: userId ? { userId, status: 'ACTIVE' } : { role: 'OWNER', status: 'ACTIVE', user: { staffRole: null } },
    select: { id: true, userId: true, user: { select: { email: true, staffRole: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!member) throw userId ? memberNotFound() : noOwnerToViewAs();
  if (member.user.staffRole !== null) throw cannotViewAsStaff();
  return { id: member.id, userId: member.userId, email: member.user.email };
}
