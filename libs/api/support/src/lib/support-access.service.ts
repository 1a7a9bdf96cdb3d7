import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { Database, type SupportAccess, type TenantActor, type TenantTx } from '@warbler/api/core';
import type { SupportAccessSettingsModel } from './graphql/support-access.model';
import { SupportSessionEnds } from './support-session-ends';
import { emailsOf } from './support-session-records';
import { grantNotAhead, grantTooFar, MAX_WRITE_GRANT_DAYS, SupportAction } from './support-rules';

const DAY = 24 * 3600 * 1000;

const SETTINGS_SELECT = {
  supportAccess: true,
  supportWriteUntil: true,
  supportWriteGrantedByUserId: true,
  supportWriteGrantedAt: true,
} as const;

type StoredSettings = {
  supportAccess: SupportAccess;
  supportWriteUntil: Date | null;
  supportWriteGrantedByUserId: string | null;
  supportWriteGrantedAt: Date | null;
};

/**
 * The tenant owner's say over support: refuse it altogether, or let support act (WRITE sessions
 * without a platform admin's approval) until a date. Taking either back ends the sessions that
 * relied on it, at once.
 */
@Injectable()
export class SupportAccessService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly ends: SupportSessionEnds,
  ) {}

  get(actor: TenantActor): Promise<SupportAccessSettingsModel> {
    return this.db.forTenant(actor).transaction(async (tx) => toModel(tx, await settingsOf(tx, actor.tenantId)));
  }

  /** REFUSED ends every open session of the tenant. Setting what is already set records nothing. */
  setAccess(actor: TenantActor, access: SupportAccess): Promise<SupportAccessSettingsModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const before = await settingsOf(tx, actor.tenantId);
      if (before.supportAccess === access) return toModel(tx, before);
      const after = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: { supportAccess: access },
        select: SETTINGS_SELECT,
      });
      if (access === 'REFUSED') await this.ends.endByTenant(tx, {}, actor);
      await this.audit.record(tx, actor, {
        action: access === 'REFUSED' ? SupportAction.accessRefused : SupportAction.accessAllowed,
        targetType: 'Tenant',
        targetId: actor.tenantId,
        before: { supportAccess: before.supportAccess },
        after: { supportAccess: after.supportAccess },
      });
      return toModel(tx, after);
    });
  }

  /** Lets support open WRITE sessions until `until` (in the future, at most 90 days ahead). */
  grantWrite(actor: TenantActor, until: Date): Promise<SupportAccessSettingsModel> {
    const now = new Date();
    if (until <= now) throw grantNotAhead();
    if (until.getTime() > now.getTime() + MAX_WRITE_GRANT_DAYS * DAY) throw grantTooFar();
    return this.db.forTenant(actor).transaction(async (tx) => {
      const before = await settingsOf(tx, actor.tenantId);
      const after = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: { supportWriteUntil: until, supportWriteGrantedByUserId: actor.userId, supportWriteGrantedAt: now },
        select: SETTINGS_SELECT,
      });
      await this.audit.record(tx, actor, {
        action: SupportAction.writeGranted,
        targetType: 'Tenant',
        targetId: actor.tenantId,
        before: { supportWriteUntil: before.supportWriteUntil },
        after: { supportWriteUntil: after.supportWriteUntil },
      });
      return toModel(tx, after);
    });
  }

  /** Takes the grant back and ends the WRITE sessions started under it. Revoking no grant records nothing. */
  revokeWrite(actor: TenantActor): Promise<SupportAccessSettingsModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const before = await settingsOf(tx, actor.tenantId);
      if (before.supportWriteUntil === null) return toModel(tx, before);
      const after = await tx.tenant.update({
        where: { id: actor.tenantId },
        data: { supportWriteUntil: null, supportWriteGrantedByUserId: null, supportWriteGrantedAt: null },
        select: SETTINGS_SELECT,
      });
      await this.ends.endByTenant(tx, { mode: 'WRITE', writeGrantUntil: { not: null }, approvedAt: null }, actor);
      await this.audit.record(tx, actor, {
        action: SupportAction.writeRevoked,
        targetType: 'Tenant',
        targetId: actor.tenantId,
        before: { supportWriteUntil: before.supportWriteUntil },
        after: { supportWriteUntil: null },
      });
      return toModel(tx, after);
    });
  }
}

async function settingsOf(tx: TenantTx, tenantId: string): Promise<StoredSettings> {
  return tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: SETTINGS_SELECT });
}

/** A grant whose date has passed is no grant. */
async function toModel(tx: TenantTx, settings: StoredSettings): Promise<SupportAccessSettingsModel> {
  const inForce = settings.supportWriteUntil !== null && settings.supportWriteUntil > new Date();
  const by = settings.supportWriteGrantedByUserId;
  return {
    access: settings.supportAccess,
    writeGrantUntil: inForce ? settings.supportWriteUntil : null,
    writeGrantedByEmail: inForce && by ? ((await emailsOf(tx, [by])).get(by) ?? null) : null,
    writeGrantedAt: inForce ? settings.supportWriteGrantedAt : null,
  };
}
