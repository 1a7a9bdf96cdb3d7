import { Controller, Get, Module } from '@nestjs/common';
import { CurrentApiKey, TenantApiKey } from '@warbler/api/access';
import type { ApiKeyCaller } from '@warbler/api/core';
import request from 'supertest';
import type { TestApp } from '@warbler/api/access/testing';

/** A route only these specs mount: it answers with whoever its API key authenticated. */
@Controller('api-key-probe')
class ApiKeyProbeController {
  @Get('quota')
  @TenantApiKey('quota:read')
  quota(@CurrentApiKey() caller: ApiKeyCaller): ApiKeyCaller {
    return caller;
  }
}

@Module({ controllers: [ApiKeyProbeController] })
export class ApiKeyProbeModule {}

/** Calls the probe with the given Authorization header (none when undefined). */
export async function probe(
  app: TestApp,
  authorization?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let call = request(app.url).get('/api-key-probe/quota');
  if (authorization !== undefined) call = call.set('Authorization', authorization);
  const response = await call;
  return { status: response.status, body: response.body as Record<string, unknown> };
}

const API_KEY = 'id name prefix scopes status createdAt createdByEmail expiresAt revokedAt lastUsedAt';

/** The API-key operations as the console sends them. */
export const ApiKeyOps = {
  apiKeys: `{ apiKeys { ${API_KEY} } }`,
  createApiKey: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${API_KEY} } } }`,
  renameApiKey: `mutation($id: ID!, $name: String!) { renameApiKey(id: $id, name: $name) { ${API_KEY} } }`,
  revokeApiKey: `mutation($id: ID!) { revokeApiKey(id: $id) { ${API_KEY} } }`,
} as const;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  createdAt: string;
  createdByEmail: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
