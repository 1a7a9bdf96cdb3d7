import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tenant API keys look like `wbk_<prefix>_<secret>`. The prefix is public (shown in the
 * console, logged, and the lookup key); the secret is 32 random bytes, shown once. Keys
 * carry 256 bits of entropy, so a fast SHA-256 digest is the right store for them (a slow
 * password hash would only cost every ingestion call milliseconds for no gain).
 */
const KEY_PATTERN = /^wbk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const key = `wbk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function parseApiKey(key: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
