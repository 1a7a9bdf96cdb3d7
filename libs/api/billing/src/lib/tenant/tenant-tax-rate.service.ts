import { Injectable } from '@nestjs/common';
import { Database, type TenantActor } from '@warbler/api/core';
import type { TenantTaxRate } from '../finance/tenant-tax-rates';

/** The tax rate of the tenant in context, read as warbler_app under row-level security. */
@Injectable()
export class TenantTaxRateReader {
  constructor(private readonly db: Database) {}

  async read(actor: TenantActor): Promise<TenantTaxRate> {
    const tenant = await this.db.forTenant(actor).tenant.findUniqueOrThrow({
      where: { id: actor.tenantId },
      select: { id: true, name: true, taxRatePercent: true },
    });
    return { tenantId: tenant.id, tenantName: tenant.name, taxRatePercent: tenant.taxRatePercent?.toFixed() ?? null };
  }
}
