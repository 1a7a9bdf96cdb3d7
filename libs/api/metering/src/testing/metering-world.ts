import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { generateApiKey } from '@warbler/api/access';
import type { MetricAggregation, QuotaEnforcement } from '@warbler/api/core';
import { newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import type { TestApp } from '@warbler/api/access/testing';

/** A tenant on its own fixture plan version, with an owner, an admin and a key for its software. */
export async function meteringTenant() {
  const tenant = await newTenant();
  const owner = await newMember(tenant.id, 'OWNER');
  const admin = await newMember(tenant.id, 'ADMIN');
  const apiKey = await newApiKey(tenant.id, owner.user.id);
  return { tenant, owner, admin, key: apiKey.key, apiKeyId: apiKey.id, planVersionId: tenant.planVersionId };
}

export type MeteringTenant = Awaited<ReturnType<typeof meteringTenant>>;

export async function newApiKey(
  tenantId: string,
  createdByUserId: string,
  overrides: { scopes?: string[]; expiresAt?: Date; revokedAt?: Date } = {},
) {
  const { key, prefix, hash } = generateApiKey();
  const row = await ownerClient().apiKey.create({
    data: {
      tenantId,
      id: randomUUID(),
      name: `Key ${prefix}`,
      prefix,
      keyHash: hash,
      scopes: overrides.scopes ?? ['usage:write', 'quota:read'],
      createdByUserId,
      expiresAt: overrides.expiresAt,
      revokedAt: overrides.revokedAt,
    },
  });
  return { key, id: row.id };
}

/** A billable metric with a code no other test uses. */
export async function newMetric(aggregation: MetricAggregation, property?: string) {
  const code = `m_${aggregation.toLowerCase()}_${randomUUID().slice(0, 8)}`;
  return ownerClient().billableMetric.create({
    data: {
      id: randomUUID(),
      code,
      name: `Metric ${code}`,
      unit: 'units',
      aggregation,
      property: aggregation === 'UNIQUE_COUNT' ? (property ?? 'user_id') : null,
    },
  });
}

export async function newQuota(planVersionId: string, metricId: string, limit: string, enforcement: QuotaEnforcement) {
  return ownerClient().planQuota.create({
    data: { id: randomUUID(), planVersionId, metricId, periodLimit: limit, enforcement },
  });
}

export async function newCharge(planVersionId: string, metricId: string) {
  return ownerClient().planCharge.create({
    data: { id: randomUUID(), planVersionId, metricId, model: 'PER_UNIT', unitPrice: '0.01' },
  });
}

export interface UsageEventInput {
  metric: string;
  quantity?: string | number;
  timestamp?: string;
  idempotency_key?: string;
  properties?: Record<string, unknown>;
}

/** An event with sensible defaults: now, quantity 1, a fresh key. */
export const usageEvent = (input: UsageEventInput) => ({
  quantity: 1,
  timestamp: new Date().toISOString(),
  idempotency_key: randomUUID(),
  properties: {},
  ...input,
});

export const postUsage = (app: TestApp, key: string, body: unknown) =>
  request(app.url)
    .post('/v1/usage/events')
    .set('Authorization', `Bearer ${key}`)
    .send(body as object);

export const getQuotas = (app: TestApp, key: string, metric?: string) =>
  request(app.url)
    .get(metric === undefined ? '/v1/quotas' : `/v1/quotas/${encodeURIComponent(metric)}`)
    .set('Authorization', `Bearer ${key}`);
