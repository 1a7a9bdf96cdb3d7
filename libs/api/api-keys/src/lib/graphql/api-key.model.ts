import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ApiKeyScope as StoredScope } from '@warbler/api/core';

/** The scopes as GraphQL names them; the values are what api_keys.scopes stores. */
export enum ApiKeyScope {
  USAGE_WRITE = 'usage:write',
  QUOTA_READ = 'quota:read',
}

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(ApiKeyScope, { name: 'ApiKeyScope', description: 'What a tenant API key may call' });
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus' });

/** A key as the console lists it: never its secret or hash. */
@ObjectType('ApiKey')
export class ApiKeyModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The public part of the key, shown to tell keys apart' }) prefix!: string;
  @Field(() => [ApiKeyScope]) scopes!: ApiKeyScope[];
  @Field(() => ApiKeyStatus) status!: ApiKeyStatus;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true }) createdByEmail!: string | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ApiKeyModel) apiKey!: ApiKeyModel;
  @Field({ description: 'The full key; it is shown this once and cannot be read again' }) secret!: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdByEmail: string | null;
}

export function apiKeyStatus(key: Pick<ApiKeyRecord, 'expiresAt' | 'revokedAt'>, now = new Date()): ApiKeyStatus {
  if (key.revokedAt) return ApiKeyStatus.REVOKED;
  if (key.expiresAt && key.expiresAt <= now) return ApiKeyStatus.EXPIRED;
  return ApiKeyStatus.ACTIVE;
}

export function toApiKey(key: ApiKeyRecord): ApiKeyModel {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes.map((scope) => scope as StoredScope as ApiKeyScope),
    status: apiKeyStatus(key),
    createdAt: key.createdAt,
    createdByEmail: key.createdByEmail,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}
