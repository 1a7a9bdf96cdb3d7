import { Injectable } from '@nestjs/common';
import { type ApiKeyCaller, Database, notFound, type QuotaEnforcement } from '@warbler/api/core';
import { Decimal, decimalText } from '../shared/decimals';

/**
 * A metric's standing in the current period, as a tenant's software sees it. Quantities
 * are decimal strings, never JSON numbers, so no client rounds them through a float.
 */
export interface QuotaStanding {
  metric: string;
  /** null: the plan sets no quota for a metric the tenant used. */
  limit: string | null;
  used: string;
  remaining: string | null;
  enforcement: QuotaEnforcement | null;
  resets_at: string;
  period_start: string;
}

interface StandingRow {
  code: string;
  period_limit: string | null;
  enforcement: QuotaEnforcement | null;
  used: string;
  period_start: Date;
  period_end: Date;
}

/**
 * Standings come from app_quota_standings (see the migration): one round trip that sets the
 * tenant for its own transaction and reads under row-level security, because this is what
 * tenant software calls before spending its quota, often on every request.
 */
@Injectable()
export class QuotaStandings {
  constructor(private readonly db: Database) {}

  /** Metrics with a quota on the plan, and metrics used this period without one. */
  async all(caller: ApiKeyCaller): Promise<QuotaStanding[]> {
    return (await this.read(caller, null)).map(toStanding);
  }

  /** One metric by code, with or without a quota; NOT_FOUND when the catalog has no such metric. */
  async one(caller: ApiKeyCaller, metricCode: string): Promise<QuotaStanding> {
    const [row] = await this.read(caller, metricCode);
    if (!row) throw notFound(`The metric "${metricCode}"`);
    return toStanding(row);
  }

  private read(caller: ApiKeyCaller, metricCode: string | null): Promise<StandingRow[]> {
    return this.db.machineQuery<StandingRow>('SELECT * FROM app_quota_standings($1::uuid, $2::text)', [
      caller.tenantId,
      metricCode,
    ]);
  }
}

function toStanding(row: StandingRow): QuotaStanding {
  const used = new Decimal(row.used);
  const limit = row.period_limit === null ? null : new Decimal(row.period_limit);
  return {
    metric: row.code,
    limit: limit && decimalText(limit),
    used: decimalText(used),
    remaining: limit && decimalText(Decimal.max(0, limit.minus(used))),
    enforcement: row.enforcement,
    resets_at: row.period_end.toISOString(),
    period_start: row.period_start.toISOString(),
  };
}
