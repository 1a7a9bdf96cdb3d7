import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import {
  auditedTerms,
  type BillingTerms,
  BillingTermsAction,
  NO_TERMS,
  parseMinorAmount,
  requiredCapNeedsLimit,
  termsIn,
} from './billing-terms';
import type { TenantBillingTermsModel } from './billing-terms.model';
import { type BilledTenant, billedTenant, lockBillingTerms, readBillingTerms } from './terms-lock';

export interface SpendingLimits {
  maxSpendingCapMinor: string | null;
  spendingCapRequired: boolean;
}

function toModel(tenant: BilledTenant, terms: BillingTerms): TenantBillingTermsModel {
  const text = (minor: bigint | null) => (minor === null ? null : minor.toString());
  return {
    tenantId: tenant.tenantId,
    tenantName: tenant.tenantName,
    currency: tenant.currency,
    minimumCommitmentMinor: text(terms.minimumCommitmentMinor),
    maxSpendingCapMinor: text(terms.maxSpendingCapMinor),
    spendingCapRequired: terms.spendingCapRequired,
    spendingAlertMinor: text(terms.spendingAlertMinor),
    spendingCapMinor: text(terms.spendingCapMinor),
  };
}

const sameTerms = (a: BillingTerms, b: BillingTerms) =>
  (Object.keys(NO_TERMS) as (keyof BillingTerms)[]).every((key) => a[key] === b[key]);

/**
 * Finance's side of a tenant's billing terms: the minimum commitment (finance and platform admins) and
 * the spending limits (finance), on the platform client, each change audited in the tenant's log. A
 * change to terms set in another currency starts them afresh in the subscription's currency.
 */
@Injectable()
export class FinanceBillingTerms {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
  ) {}

  async read(tenantId: string): Promise<TenantBillingTermsModel> {
    const tx = this.platform.client;
    const tenant = await billedTenant(tx, tenantId);
    return toModel(tenant, termsIn(await readBillingTerms(tx, tenantId), tenant.currency));
  }

  setMinimumCommitment(actor: Actor, tenantId: string, raw: string | null): Promise<TenantBillingTermsModel> {
    const minimumCommitmentMinor = parseMinorAmount(raw, 'amountMinor', 1n);
    return this.change(actor, tenantId, BillingTermsAction.commitmentChanged, (terms) => ({
      ...terms,
      minimumCommitmentMinor,
    }));
  }

  /**
   * Lowers a tenant's cap above the new highest cap to it, and gives a tenant that must keep a cap and
   * has none the highest one: the tenant's own choice stays whenever the limits allow it.
   */
  setSpendingLimits(actor: Actor, tenantId: string, limits: SpendingLimits): Promise<TenantBillingTermsModel> {
    const maxSpendingCapMinor = parseMinorAmount(limits.maxSpendingCapMinor, 'maxSpendingCapMinor', 1n);
    if (limits.spendingCapRequired && maxSpendingCapMinor === null) throw requiredCapNeedsLimit();
    return this.change(actor, tenantId, BillingTermsAction.limitsChanged, (terms) => {
      let cap = terms.spendingCapMinor;
      if (cap !== null && maxSpendingCapMinor !== null && cap > maxSpendingCapMinor) cap = maxSpendingCapMinor;
      if (cap === null && limits.spendingCapRequired) cap = maxSpendingCapMinor;
      return {
        ...terms,
        maxSpendingCapMinor,
        spendingCapRequired: limits.spendingCapRequired,
        spendingCapMinor: cap,
      };
    });
  }

  /** Setting what the tenant already has changes nothing and records nothing. */
  private change(
    actor: Actor,
    tenantId: string,
    action: string,
    next: (terms: BillingTerms) => BillingTerms,
  ): Promise<TenantBillingTermsModel> {
    return this.platform.client.$transaction(async (tx) => {
      const tenant = await billedTenant(tx, tenantId);
      const stored = await lockBillingTerms(tx, tenantId, tenant.currency);
      const before = termsIn(stored, tenant.currency);
      const after = next(before);
      if (sameTerms(before, after) && stored.currency === tenant.currency) return toModel(tenant, before);
      await tx.tenantBillingTerms.update({
        where: { tenantId },
        data: {
          currency: tenant.currency,
          ...after,
          ...(after.spendingAlertMinor !== before.spendingAlertMinor && { spendingAlertNotifiedFor: null }),
        },
      });
      await this.audit.record(
        tx,
        { ...actor, tenantId },
        {
          action,
          targetType: 'Tenant',
          targetId: tenantId,
          // Terms in another currency are replaced: the log keeps what they were.
          before: auditedTerms(termsIn(stored, stored.currency), stored.currency),
          after: auditedTerms(after, tenant.currency),
        },
      );
      return toModel(tenant, after);
    });
  }
}
