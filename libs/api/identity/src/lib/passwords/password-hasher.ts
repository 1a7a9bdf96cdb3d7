import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { assertPasswordPolicy } from './password-policy';

/**
 * OWASP Password Storage Cheat Sheet, first argon2id configuration: 19 MiB, 2 passes,
 * 1 lane. Spelled out so that a change of the library's defaults cannot weaken it.
 */
const PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** A hash of a password nobody knows, verified for unknown e-mails so timing reveals nothing. */
  private decoy?: Promise<string>;

  /** Hashes a new password after checking the policy (throws WEAK_PASSWORD). */
  async hash(password: string): Promise<string> {
    assertPasswordPolicy(password);
    return hash(password, PARAMS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must read as a wrong password, not as a server error.
      return false;
    }
  }

  /** Spends the work of a real verify, for sign-ins with an e-mail that has no account. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= hash(randomBytes(32).toString('base64url'), PARAMS);
    await this.verify(await this.decoy, password);
    return false;
  }
}
