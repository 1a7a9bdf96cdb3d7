import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { Database, type TenantActor, type TenantTx } from '@warbler/api/core';
import {
  auditedTerms,
  type BillingTerms,
  BillingTermsAction,
  capAboveLimit,
  capRequired,
  hasFinanceTerms,
  parseMinorAmount,
  type StoredBillingTerms,
  termsIn,
  termsInOtherCurrency,
} from './billing-terms';
import type { SpendingModel } from './billing-terms.model';
import { currentSpendMinor } from './current-spend';
import { type BilledTenant, billedTenant, lockBillingTerms, readBillingTerms } from './terms-lock';

export interface SpendingControlsInput {
  alertMinor: string | null;
  capMinor: string | null;
}

/**
 * The tenant's side: its spend this period, and the spending alert and hard cap its owners and billing
 * admins set within finance's limits, under row-level security, each change audited in its log.
 */
@Injectable()
export class SpendingControls {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  read(actor: TenantActor): Promise<SpendingModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const tenant = await billedTenant(tx, actor.tenantId);
      return this.spending(tx, tenant, await readBillingTerms(tx, actor.tenantId));
    });
  }

  /** A new alert amount arms the alert again for the current period. Setting what is set records nothing. */
  set(actor: TenantActor, input: SpendingControlsInput): Promise<SpendingModel> {
    const alertMinor = parseMinorAmount(input.alertMinor, 'alertMinor', 1n);
    const capMinor = parseMinorAmount(input.capMinor, 'capMinor', 0n);
    return this.db.forTenant(actor).transaction(async (tx) => {
      const tenant = await billedTenant(tx, actor.tenantId);
      const stored = await lockBillingTerms(tx, actor.tenantId, tenant.currency);
      if (stored.currency !== tenant.currency && hasFinanceTerms(stored)) {
        throw termsInOtherCurrency(stored.currency, tenant.currency);
      }
      const before = termsIn(stored, tenant.currency);
      const { maxSpendingCapMinor: limit } = before;
      if (capMinor !== null && limit !== null && capMinor > limit) throw capAboveLimit(limit, tenant.currency);
      if (capMinor === null && before.spendingCapRequired && limit !== null) throw capRequired(limit, tenant.currency);
      const after: BillingTerms = { ...before, spendingAlertMinor: alertMinor, spendingCapMinor: capMinor };
      const unchanged =
        stored.currency === tenant.currency &&
        before.spendingAlertMinor === alertMinor &&
        before.spendingCapMinor === capMinor;
      if (unchanged) return this.spending(tx, tenant, stored);

      const rearmed = before.spendingAlertMinor !== alertMinor || stored.currency !== tenant.currency;
      const updated: StoredBillingTerms = {
        ...stored,
        currency: tenant.currency,
        spendingAlertMinor: alertMinor,
        spendingCapMinor: capMinor,
        spendingAlertNotifiedFor: rearmed ? null : stored.spendingAlertNotifiedFor,
      };
      await tx.tenantBillingTerms.update({
        where: { tenantId: actor.tenantId },
        data: {
          currency: updated.currency,
          spendingAlertMinor: alertMinor,
          spendingCapMinor: capMinor,
          spendingAlertNotifiedFor: updated.spendingAlertNotifiedFor,
        },
      });
      await this.audit.record(tx, actor, {
        action: BillingTermsAction.controlsChanged,
        targetType: 'Tenant',
        targetId: actor.tenantId,
        before: auditedTerms(termsIn(stored, stored.currency), stored.currency),
        after: auditedTerms(after, tenant.currency),
      });
      return this.spending(tx, tenant, updated);
    });
  }

  private async spending(
    tx: TenantTx,
    tenant: BilledTenant,
    stored: StoredBillingTerms | null,
  ): Promise<SpendingModel> {
    const terms = termsIn(stored, tenant.currency);
    const text = (minor: bigint | null) => (minor === null ? null : minor.toString());
    return {
      currency: tenant.currency,
      periodStart: tenant.period.start,
      periodEnd: tenant.period.end,
      spentMinor: (await currentSpendMinor(tx, tenant)).toString(),
      alertMinor: text(terms.spendingAlertMinor),
      alertSent:
        terms.spendingAlertMinor !== null &&
        stored?.spendingAlertNotifiedFor?.getTime() === tenant.period.start.getTime(),
      capMinor: text(terms.spendingCapMinor),
      maxCapMinor: text(terms.maxSpendingCapMinor),
      capRequired: terms.spendingCapRequired,
      minimumCommitmentMinor: text(terms.minimumCommitmentMinor),
    };
  }
}
