import { Controller, Get, Param } from '@nestjs/common';
import { CurrentApiKey, TenantApiKey } from '@warbler/api/access';
import type { ApiKeyCaller } from '@warbler/api/core';
import { type QuotaStanding, QuotaStandings } from './quota-standings';

/** A tenant's software checks its quotas before it spends them. */
@Controller('v1/quotas')
export class QuotasController {
  constructor(private readonly standings: QuotaStandings) {}

  @Get()
  @TenantApiKey('quota:read')
  async list(@CurrentApiKey() caller: ApiKeyCaller): Promise<{ quotas: QuotaStanding[] }> {
    return { quotas: await this.standings.all(caller) };
  }

  @Get(':metric')
  @TenantApiKey('quota:read')
  one(@CurrentApiKey() caller: ApiKeyCaller, @Param('metric') metric: string): Promise<QuotaStanding> {
    return this.standings.one(caller, metric);
  }
}
