import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

/** No 0/o, 1/l/i: codes are read off paper and typed back by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const CANONICAL = new RegExp(`^[${ALPHABET}]{${GROUPS * GROUP_LENGTH}}$`);

/** A code like `k7qm-3xhp-t9wd`: about 59 random bits, plenty for a single-use code. */
export function newRecoveryCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/**
 * The one spelling that is hashed and compared, whatever the case, spaces or dashes the
 * user typed; null when the input cannot be a recovery code at all.
 */
export function canonicalRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '');
  if (!CANONICAL.test(compact)) return null;
  return compact.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))?.join('-') ?? null;
}
