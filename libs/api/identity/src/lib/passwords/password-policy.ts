import { badInput } from '@warbler/api/core';

/**
 * NIST SP 800-63B: length is what makes a password strong, so the policy asks for
 * length and nothing else. The upper bound only stops hashing megabytes on purpose.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function assertPasswordPolicy(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
    throw badInput(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters`, 'WEAK_PASSWORD');
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw badInput(`A password can have at most ${PASSWORD_MAX_LENGTH} characters`, 'WEAK_PASSWORD');
  }
}
