import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditState } from '@warbler/api/audit';
import {
  type Actor,
  type CreditGrantKind,
  type CreditGrantModel,
  forbidden,
  PlatformDatabase,
} from '@warbler/api/core';
import { isSupportedCurrency } from '@warbler/shared/pricing';
import { nameBasedId } from '../shared/name-based-id';
import { movementAudit, type MadeMovement } from './credit-audit';
import {
  expiryInPast,
  grantInUse,
  grantNotFound,
  idempotencyKeyReused,
  tenantNotFound,
  unsupportedCurrency,
} from './credit-errors';

export interface CreditGrantRequest {
  kind: CreditGrantKind;
  currency: string;
  amountMinor: bigint;
  reason: string;
  expiresAt: Date | null;
}

/** The namespace of grant ids derived from (tenant, idempotency key). */
const CREDIT_GRANT_IDS = '4b0e7d52-93a1-4c6f-8e25-61d7f3a9c0b8';

/**
 * Finance and platform admins grant a tenant credits, and revoke a grant nothing was taken from. A grant
 * is written with its GRANTED ledger row and audit event in one platform transaction; its id is derived
 * from the tenant and the caller's idempotency key, so a retry (even one racing the first attempt, which
 * waits on the primary key) answers the grant already made instead of granting twice.
 */
@Injectable()
export class CreditGranting {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
  ) {}

  grant(
    actor: Actor,
    tenantId: string,
    request: CreditGrantRequest,
    idempotencyKey: string,
  ): Promise<CreditGrantModel> {
    const grantedByRole = actor.staffRole;
    if (grantedByRole !== 'FINANCE' && grantedByRole !== 'PLATFORM_ADMIN') throw forbidden();
    if (!isSupportedCurrency(request.currency)) throw unsupportedCurrency(request.currency);
    const id = nameBasedId(CREDIT_GRANT_IDS, `${tenantId}\n${idempotencyKey}`);
    return this.platform.client.$transaction(async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
      if (!tenant) throw tenantNotFound();
      const inserted = await tx.$executeRaw`
        INSERT INTO credit_grants (tenant_id, id, kind, currency, amount_minor, remaining_minor, reason, expires_at,
                                   granted_by_user_id, granted_by_role, idempotency_key)
        SELECT ${tenantId}::uuid, ${id}::uuid, ${request.kind}::"CreditGrantKind", ${request.currency},
               ${request.amountMinor}, ${request.amountMinor}, ${request.reason}, ${request.expiresAt}::timestamptz,
               ${actor.userId}::uuid, ${grantedByRole}::"StaffRole", ${idempotencyKey}
        WHERE ${request.expiresAt}::timestamptz IS NULL OR ${request.expiresAt}::timestamptz > now()
        ON CONFLICT DO NOTHING`;
      const grant = await tx.creditGrant.findUnique({ where: { tenantId_id: { tenantId, id } } });
      if (!grant) throw expiryInPast();
      if (inserted === 0) {
        if (!sameGrant(grant, request)) throw idempotencyKeyReused();
        return grant;
      }
      const movement: MadeMovement = {
        grantId: id,
        kind: 'GRANTED',
        currency: grant.currency,
        amountMinor: grant.amountMinor,
        balanceBeforeMinor: 0n,
        balanceAfterMinor: grant.amountMinor,
        invoiceId: null,
      };
      await tx.creditLedgerEntry.create({
        data: {
          tenantId,
          grantId: id,
          kind: 'GRANTED',
          currency: grant.currency,
          amountMinor: grant.amountMinor,
          balanceAfterMinor: grant.amountMinor,
          actorUserId: actor.userId,
        },
      });
      await this.audit.record(tx, { ...actor, tenantId }, movementAudit(movement, grantTerms(grant, idempotencyKey)));
      return grant;
    });
  }

  /**
   * Takes back a grant nothing was taken from (its whole amount is still there), with a reason. Only an
   * unused grant: no invoice then holds credits of it, so a later void never has to give back to a revoked grant.
   */
  revoke(actor: Actor, tenantId: string, grantId: string, reason: string): Promise<CreditGrantModel> {
    return this.platform.client.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM credit_grants WHERE tenant_id = ${tenantId}::uuid AND id = ${grantId}::uuid FOR UPDATE`;
      if (!locked) throw grantNotFound();
      const grant = await tx.creditGrant.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: grantId } } });
      // A retried revocation finds its work done.
      if (grant.revokedAt !== null) return grant;
      if (grant.expiredAt !== null || grant.remainingMinor !== grant.amountMinor) throw grantInUse();
      const revoked = await tx.creditGrant.update({
        where: { tenantId_id: { tenantId, id: grantId } },
        data: { remainingMinor: 0n, revokedAt: new Date(), revokedByUserId: actor.userId, revokeReason: reason },
      });
      const movement: MadeMovement = {
        grantId,
        kind: 'REVOKED',
        currency: grant.currency,
        amountMinor: -grant.amountMinor,
        balanceBeforeMinor: grant.amountMinor,
        balanceAfterMinor: 0n,
        invoiceId: null,
      };
      await tx.creditLedgerEntry.create({
        data: {
          tenantId,
          grantId,
          kind: 'REVOKED',
          currency: grant.currency,
          amountMinor: movement.amountMinor,
          balanceAfterMinor: 0n,
          actorUserId: actor.userId,
        },
      });
      await this.audit.record(tx, { ...actor, tenantId }, movementAudit(movement, { revokeReason: reason }));
      return revoked;
    });
  }
}

function sameGrant(grant: CreditGrantModel, request: CreditGrantRequest): boolean {
  return (
    grant.kind === request.kind &&
    grant.currency === request.currency &&
    grant.amountMinor === request.amountMinor &&
    grant.reason === request.reason &&
    (grant.expiresAt?.getTime() ?? null) === (request.expiresAt?.getTime() ?? null)
  );
}

function grantTerms(grant: CreditGrantModel, idempotencyKey: string): AuditState {
  return {
    kind: grant.kind,
    currency: grant.currency,
    amountMinor: grant.amountMinor.toString(),
    reason: grant.reason,
    expiresAt: grant.expiresAt,
    grantedByRole: grant.grantedByRole,
    idempotencyKey,
  };
}
