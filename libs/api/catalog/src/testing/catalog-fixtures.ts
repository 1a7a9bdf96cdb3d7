import { randomUUID } from 'node:crypto';
import type { MetricAggregation } from '@warbler/api/core';
import { ownerClient } from '@warbler/api/core/testing';

const suffix = () => randomUUID().replaceAll('-', '').slice(0, 10);

/** A fresh plan code, unique per call. */
export const planCode = (prefix = 'plan') => `${prefix}-${suffix()}`;

/** A live metric written as the owner, the way the seed would. */
export async function newMetric(overrides: { code?: string; aggregation?: MetricAggregation; property?: string } = {}) {
  const aggregation = overrides.aggregation ?? 'SUM';
  return ownerClient().billableMetric.create({
    data: {
      id: randomUUID(),
      code: overrides.code ?? `metric_${suffix()}`,
      name: 'Test metric',
      unit: 'call',
      aggregation,
      property: aggregation === 'UNIQUE_COUNT' ? (overrides.property ?? 'user_id') : null,
    },
  });
}

/** Plan version terms as a PlanVersionInput, charging and limiting the given metric. */
export function planTerms(metricCode: string, overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    interval: 'MONTH',
    baseFeeMinor: '4900',
    seatUnitPrice: '12.5',
    includedSeats: 3,
    maxSeats: 20,
    trialDays: 14,
    charges: [
      {
        metricCode,
        model: 'GRADUATED',
        tiers: [
          { fromUnits: '0', upTo: '1000', unitPrice: '0' },
          { fromUnits: '1000', upTo: null, unitPrice: '0.002', flatFee: '1' },
        ],
      },
    ],
    quotas: [{ metricCode, periodLimit: '1000000', enforcement: 'HARD' }],
    ...overrides,
  };
}

/** Moves a tenant onto a plan version, as an operator would (no API moves tenants yet). */
export async function subscribeTenant(tenantId: string, planVersionId: string): Promise<void> {
  await ownerClient().subscription.update({ where: { tenantId }, data: { planVersionId } });
}
