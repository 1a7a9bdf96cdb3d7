import { randomUUID } from 'node:crypto';
import { generateApiKey } from '@warbler/api/access';
import { newUser, ownerClient } from '@warbler/api/core/testing';

export interface NewApiKeyOptions {
  scopes?: string[];
  expiresAt?: Date;
  revoked?: boolean;
  /** Defaults to a fresh user, who need not be a member of the tenant. */
  createdByUserId?: string;
}

/**
 * A tenant API key written straight to the database, as its owner, for tests of the
 * routes it authenticates. `key` is the full secret a client sends.
 */
export async function newApiKey(
  tenantId: string,
  options: NewApiKeyOptions = {},
): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix, hash } = generateApiKey();
  const created = await ownerClient().apiKey.create({
    data: {
      tenantId,
      id: randomUUID(),
      name: `Test key ${prefix}`,
      prefix,
      keyHash: hash,
      scopes: options.scopes ?? ['usage:write', 'quota:read'],
      createdByUserId: options.createdByUserId ?? (await newUser()).id,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { id: created.id, key, prefix };
}
