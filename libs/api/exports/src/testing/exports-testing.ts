import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { generateApiKey } from '@warbler/api/access';
import type { Caller, TestApp } from '@warbler/api/access/testing';
import type { MetricAggregation } from '@warbler/api/core';
import { newMember, newTenant, ownerClient } from '@warbler/api/core/testing';

/** A tenant on its own fixture plan whose software holds a usage:write key. */
export async function reportingTenant() {
  const tenant = await newTenant();
  const owner = await newMember(tenant.id, 'OWNER');
  const { key, prefix, hash } = generateApiKey();
  await ownerClient().apiKey.create({
    data: {
      tenantId: tenant.id,
      id: randomUUID(),
      name: `Key ${prefix}`,
      prefix,
      keyHash: hash,
      scopes: ['usage:write'],
      createdByUserId: owner.user.id,
    },
  });
  return { tenant, owner, key };
}

/** A billable metric with a code no other test uses. */
export function exportedMetric(aggregation: MetricAggregation) {
  const code = `x_${aggregation.toLowerCase()}_${randomUUID().slice(0, 8)}`;
  return ownerClient().billableMetric.create({
    data: {
      id: randomUUID(),
      code,
      name: `Metric ${code}`,
      unit: 'units',
      aggregation,
      property: aggregation === 'UNIQUE_COUNT' ? 'user_id' : null,
    },
  });
}

/** A batch of usage events through the real ingestion route. */
export const reportUsage = (app: TestApp, key: string, events: Record<string, unknown>[]) =>
  request(app.url)
    .post('/v1/usage/events')
    .set('Authorization', `Bearer ${key}`)
    .send({ events: events.map((event) => ({ idempotency_key: randomUUID(), ...event })) });

/** A direct export over HTTP, as the console and scripts call it. */
export function getExport(app: TestApp, caller: Caller | null, path: string, query: Record<string, string | string[]>) {
  let call = request(app.url)
    .get(path)
    .query(query)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  if (caller) call = call.set('Authorization', `Bearer ${caller.token}`);
  if (caller?.tenantId) call = call.set('X-Tenant-Id', caller.tenantId);
  return call;
}

/** CSV rows as objects by header; the exports' values hold no commas, quotes or line breaks but descriptions. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]])));
}

export const parseJsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

export const ExportOps = {
  createExportJob: `mutation($input: CreateExportJobInput!) { createExportJob(input: $input) {
    id kind format status filter totalRows rowsWritten bytesWritten progressPercent error downloadPath expiresAt } }`,
  exportJob: `query($id: ID!) { exportJob(id: $id) {
    id status totalRows rowsWritten progressPercent error downloadPath } }`,
  exportJobs: `query { exportJobs { id status } }`,
  revenueSummary: `query($from: DateTime!, $to: DateTime!) { revenueSummary(from: $from, to: $to) {
    month currency invoiceCount invoicedMinor paidMinor creditedMinor outstandingMinor mrrMinor
    byPlan { planCode planName invoicedMinor } } }`,
} as const;
