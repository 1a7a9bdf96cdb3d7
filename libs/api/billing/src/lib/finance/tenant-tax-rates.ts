import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, notFound, PlatformDatabase } from '@warbler/api/core';
import { parseTaxRatePercent } from './tax-rate-percent';

export interface TenantTaxRate {
  tenantId: string;
  tenantName: string;
  taxRatePercent: string | null;
}

export const TaxRateAction = { changed: 'tenant.tax_rate_changed' } as const;

const tenantNotFound = () => notFound('Tenant');

/**
 * Finance sets a tenant's tax rate. Invoices copy the rate when they are drafted, so a change applies
 * to the periods that close afterwards and never to an invoice already drafted or issued.
 */
@Injectable()
export class TenantTaxRates {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
  ) {}

  async read(tenantId: string): Promise<TenantTaxRate> {
    const tenant = await this.platform.client.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true, taxRatePercent: true },
    });
    if (!tenant) throw tenantNotFound();
    return { tenantId: tenant.id, tenantName: tenant.name, taxRatePercent: tenant.taxRatePercent?.toFixed() ?? null };
  }

  /** Setting the rate it already has changes nothing and records nothing. */
  set(actor: Actor, tenantId: string, raw: string | null): Promise<TenantTaxRate> {
    const taxRatePercent = parseTaxRatePercent(raw);
    return this.platform.client.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ name: string; tax_rate_percent: string | null }[]>`
        SELECT name, tax_rate_percent::text FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
      if (!locked) throw tenantNotFound();
      const before = locked.tax_rate_percent === null ? null : parseTaxRatePercent(locked.tax_rate_percent);
      const result = { tenantId, tenantName: locked.name, taxRatePercent };
      if (before === taxRatePercent) return result;
      await tx.tenant.update({ where: { id: tenantId }, data: { taxRatePercent } });
      await this.audit.record(
        tx,
        { ...actor, tenantId },
        {
          action: TaxRateAction.changed,
          targetType: 'Tenant',
          targetId: tenantId,
          before: { taxRatePercent: before },
          after: { taxRatePercent },
        },
      );
      return result;
    });
  }
}
