import { Injectable } from '@nestjs/common';
import { AccessTokens } from '@warbler/api/access';
import { Database } from '@warbler/api/core';
import { MfaSecretBox } from './mfa-secret-box';
import { canonicalRecoveryCode } from './recovery-codes';
import { isTotpCode, totpMatches } from './totp';

export interface MfaUser {
  id: string;
  mfaSecret: string | null;
}

/** Checks a user's second factor: the authenticator's current code or a recovery code. */
@Injectable()
export class SecondFactor {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    private readonly box: MfaSecretBox,
  ) {}

  async totpMatches(user: MfaUser, code: string): Promise<boolean> {
    if (!user.mfaSecret) return false;
    return totpMatches(this.box.open(user.id, user.mfaSecret), code);
  }

  /** Spends a matching unused recovery code; false when none matches. */
  async redeemRecoveryCode(userId: string, input: string): Promise<boolean> {
    const code = canonicalRecoveryCode(input);
    if (!code) return false;
    const unused = await this.db.identity.mfaRecoveryCode.findMany({
      where: { userId, usedAt: null },
      select: { id: true, codeHash: true },
    });
    // Compare against every row so the time taken does not say which one matched.
    let matchId: string | null = null;
    for (const row of unused) {
      if (this.tokens.digestMatches(code, row.codeHash)) matchId = row.id;
    }
    if (!matchId) return false;
    const spent = await this.db.identity.mfaRecoveryCode.updateMany({
      where: { id: matchId, usedAt: null },
      data: { usedAt: new Date() },
    });
    // Zero rows: a concurrent request spent the same code first.
    return spent.count === 1;
  }

  /** Either kind of code, told apart by its shape (six digits or xxxx-xxxx-xxxx). */
  async verify(user: MfaUser, code: string): Promise<boolean> {
    return isTotpCode(code) ? this.totpMatches(user, code) : this.redeemRecoveryCode(user.id, code);
  }
}
