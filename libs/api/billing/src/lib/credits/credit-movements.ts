import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditLog } from '@warbler/api/audit';
import type { CreditMovement, Prisma } from '@warbler/api/core';
import { movementAudit, type MadeMovement } from './credit-audit';
import { allocateCredits, type SpendableGrant } from './credit-allocation';

type Tx = Prisma.TransactionClient;

interface LockedGrant extends SpendableGrant {
  currency: string;
}

/** The invoice being paid or voided, as the movements need it. */
export interface CreditedInvoice {
  tenantId: string;
  id: string;
  currency: string;
  totalMinor: bigint;
}

/**
 * Every change of a grant's balance: the grant row is updated and its ledger row written in the caller's
 * transaction, under the grant's row lock, so the balance on the grant always equals its amount plus its
 * movements, whoever else is spending. Lock order (docs/credits.md): the invoice row, then the invoice
 * number, then grants in id order, then the audit chain last — nothing here takes an invoice lock, and
 * the audit events are written only after every grant is locked.
 */
@Injectable()
export class CreditMovements {
  constructor(private readonly audit: AuditLog) {}

  /** Pays as much of the invoice's total as spendable grants of its currency hold at `at`. */
  async applyToInvoice(tx: Tx, invoice: CreditedInvoice, at: Date, actorUserId: string): Promise<MadeMovement[]> {
    if (invoice.totalMinor <= 0n) return [];
    const grants = await tx.$queryRaw<LockedGrant[]>`
      SELECT id, currency, remaining_minor AS "remainingMinor", expires_at AS "expiresAt", created_at AS "createdAt",
             revoked_at AS "revokedAt"
      FROM credit_grants
      WHERE tenant_id = ${invoice.tenantId}::uuid AND currency = ${invoice.currency} AND remaining_minor > 0
        AND revoked_at IS NULL
      ORDER BY id
      FOR UPDATE`;
    const byId = new Map(grants.map((grant) => [grant.id, grant]));
    const movements = allocateCredits(invoice.totalMinor, grants, at).map(({ grantId, amountMinor }) =>
      movementOf(byId.get(grantId) as LockedGrant, 'APPLIED', -amountMinor, invoice.id),
    );
    await this.write(tx, invoice.tenantId, movements, actorUserId);
    return movements;
  }

  /**
   * Gives back to each grant exactly what the invoice took from it. A grant that has expired meanwhile
   * gets it back and loses it again at once (RESTORED, then EXPIRED): the ledger shows the credit
   * returned, and expired money is never spendable.
   */
  async restoreFromInvoice(tx: Tx, invoice: CreditedInvoice, at: Date, actorUserId: string): Promise<MadeMovement[]> {
    const consumed = await tx.$queryRaw<{ grant_id: string; net: bigint }[]>`
      SELECT grant_id, -sum(amount_minor)::bigint AS net FROM credit_ledger_entries
      WHERE tenant_id = ${invoice.tenantId}::uuid AND invoice_id = ${invoice.id}::uuid
      GROUP BY grant_id HAVING sum(amount_minor) < 0`;
    if (consumed.length === 0) return [];
    const grants = await tx.$queryRaw<LockedGrant[]>`
      SELECT id, currency, remaining_minor AS "remainingMinor", expires_at AS "expiresAt", created_at AS "createdAt",
             revoked_at AS "revokedAt"
      FROM credit_grants
      WHERE tenant_id = ${invoice.tenantId}::uuid AND id = ANY(${consumed.map((row) => row.grant_id)}::uuid[])
      ORDER BY id
      FOR UPDATE`;
    const owed = new Map(consumed.map((row) => [row.grant_id, row.net]));
    const movements: MadeMovement[] = [];
    for (const grant of grants) {
      const restored = movementOf(grant, 'RESTORED', owed.get(grant.id) as bigint, invoice.id);
      movements.push(restored);
      if (grant.expiresAt !== null && grant.expiresAt.getTime() <= at.getTime()) {
        movements.push(movementOf({ ...grant, remainingMinor: restored.balanceAfterMinor }, 'EXPIRED', null, null));
      }
    }
    await this.write(tx, invoice.tenantId, movements, actorUserId, at);
    return movements;
  }

  /** Takes the rest of a grant past its expiry at `at`; nothing when another run already did. */
  async expire(
    tx: Tx,
    tenantId: string,
    grantId: string,
    at: Date,
    actorUserId: string | null,
  ): Promise<MadeMovement[]> {
    const [grant] = await tx.$queryRaw<LockedGrant[]>`
      SELECT id, currency, remaining_minor AS "remainingMinor", expires_at AS "expiresAt", created_at AS "createdAt",
             revoked_at AS "revokedAt"
      FROM credit_grants WHERE tenant_id = ${tenantId}::uuid AND id = ${grantId}::uuid
      FOR UPDATE`;
    if (!grant || grant.remainingMinor === 0n || grant.expiresAt === null || grant.expiresAt.getTime() > at.getTime()) {
      return [];
    }
    const movements = [movementOf(grant, 'EXPIRED', null, null)];
    await this.write(tx, tenantId, movements, actorUserId, at);
    return movements;
  }

  /** One audit event per movement. Call it after every lock of the unit of work is taken: it takes the chain lock. */
  async audited(tx: Tx, actor: AuditActor, movements: readonly MadeMovement[]): Promise<void> {
    for (const movement of movements) await this.audit.record(tx, actor, movementAudit(movement));
  }

  /** Each grant's final balance, and the ledger rows in the order the movements were made. */
  private async write(
    tx: Tx,
    tenantId: string,
    movements: readonly MadeMovement[],
    actorUserId: string | null,
    expiredAt: Date | null = null,
  ): Promise<void> {
    if (movements.length === 0) return;
    const finalBalance = new Map<string, { balance: bigint; expired: boolean }>();
    for (const movement of movements) {
      const expired = (finalBalance.get(movement.grantId)?.expired ?? false) || movement.kind === 'EXPIRED';
      finalBalance.set(movement.grantId, { balance: movement.balanceAfterMinor, expired });
    }
    for (const [grantId, { balance, expired }] of finalBalance) {
      await tx.$executeRaw`
        UPDATE credit_grants
        SET remaining_minor = ${balance}, expired_at = CASE WHEN ${expired} THEN coalesce(expired_at, ${expiredAt}) ELSE expired_at END
        WHERE tenant_id = ${tenantId}::uuid AND id = ${grantId}::uuid`;
    }
    // One statement per row keeps seq in the order the movements were made.
    for (const movement of movements) {
      await tx.creditLedgerEntry.create({
        data: {
          tenantId,
          grantId: movement.grantId,
          kind: movement.kind,
          currency: movement.currency,
          amountMinor: movement.amountMinor,
          balanceAfterMinor: movement.balanceAfterMinor,
          invoiceId: movement.invoiceId,
          actorUserId,
        },
      });
    }
  }
}

/** A movement of `amountMinor` (null: the whole balance, taken) on a grant holding `remainingMinor`. */
function movementOf(
  grant: LockedGrant,
  kind: CreditMovement,
  amountMinor: bigint | null,
  invoiceId: string | null,
): MadeMovement {
  const amount = amountMinor ?? -grant.remainingMinor;
  return {
    grantId: grant.id,
    kind,
    currency: grant.currency,
    amountMinor: amount,
    balanceBeforeMinor: grant.remainingMinor,
    balanceAfterMinor: grant.remainingMinor + amount,
    invoiceId,
  };
}
