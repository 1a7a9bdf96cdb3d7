import { randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG: unguessable, so a keyed hash of it is enough to store. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}
