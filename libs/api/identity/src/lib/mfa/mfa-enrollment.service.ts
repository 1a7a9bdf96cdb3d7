import { Injectable } from '@nestjs/common';
import { AccessTokens } from '@warbler/api/access';
import {
  type Actor,
  badInput,
  conflict,
  Database,
  DomainError,
  forbidden,
  notFound,
  type Prisma,
} from '@warbler/api/core';
import { MfaSecretBox } from './mfa-secret-box';
import type { MfaEnrollmentModel } from './mfa.models';
import { newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { SecondFactor } from './second-factor';
import { isTotpCode, newTotpSecret, totpUri } from './totp';

const wrongCode = () =>
  badInput('That code is not right; check your authenticator app and try again', 'INVALID_MFA_CODE');
const alreadyEnabled = () => conflict('Two-factor authentication is already on', 'MFA_ALREADY_ENABLED');

/**
 * A user's own two-factor settings: enrol, confirm, replace recovery codes, turn off.
 * Enrolment takes two steps so that MFA is only switched on once the user has proved
 * that their authenticator app produces the right codes.
 */
@Injectable()
export class MfaEnrollmentService {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    private readonly box: MfaSecretBox,
    private readonly secondFactor: SecondFactor,
  ) {}

  async begin(actor: Actor): Promise<MfaEnrollmentModel> {
    const user = await this.ownUser(actor);
    if (user.mfaEnabledAt) throw alreadyEnabled();
    const secret = newTotpSecret();
    // A repeated begin replaces the pending secret; an enabled one is never overwritten.
    const { count } = await this.db.identity.user.updateMany({
      where: { id: user.id, mfaEnabledAt: null },
      data: { mfaSecret: this.box.seal(user.id, secret) },
    });
    if (count === 0) throw alreadyEnabled();
    return { secret, otpauthUrl: totpUri(secret, user.email) };
  }

  /** Switches MFA on, returns the recovery codes (shown once) and marks this session MFA-passed. */
  async confirm(actor: Actor, code: string): Promise<string[]> {
    if (!isTotpCode(code)) throw wrongCode();
    const user = await this.ownUser(actor);
    if (user.mfaEnabledAt) throw alreadyEnabled();
    if (!user.mfaSecret) throw badInput('Start two-factor enrolment first', 'MFA_NOT_STARTED');
    if (!(await this.secondFactor.totpMatches(user, code))) throw wrongCode();

    return this.db.identity.$transaction(async (tx) => {
      // The secret in the condition is the one just verified: a concurrent begin would
      // have replaced it, and the user's app would then hold the wrong one.
      const enabled = await tx.user.updateMany({
        where: { id: user.id, mfaEnabledAt: null, mfaSecret: user.mfaSecret },
        data: { mfaEnabledAt: new Date() },
      });
      if (enabled.count === 0) {
        throw conflict('Two-factor enrolment changed meanwhile; start again', 'MFA_ENROLMENT_CHANGED');
      }
      await tx.session.updateMany({
        where: { id: actor.sessionId, userId: user.id },
        data: { mfaPassed: true },
      });
      return this.replaceRecoveryCodes(tx, user.id);
    });
  }

  /** New recovery codes for old; `code` is a current TOTP code or an unused recovery code. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const user = await this.enabledUser(actor);
    if (!(await this.secondFactor.verify(user, code))) throw wrongCode();
    return this.db.identity.$transaction((tx) => this.replaceRecoveryCodes(tx, user.id));
  }

  async disable(actor: Actor, code: string): Promise<true> {
    const user = await this.enabledUser(actor);
    if (user.staffRole) {
      throw new DomainError(
        'FORBIDDEN',
        'Staff accounts must keep two-factor authentication on',
        'MFA_REQUIRED_FOR_STAFF',
      );
    }
    if (!(await this.secondFactor.verify(user, code))) throw wrongCode();
    await this.db.identity.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { mfaSecret: null, mfaEnabledAt: null } });
      await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    });
    return true;
  }

  private async replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    await tx.mfaRecoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: this.tokens.digest(code) })),
    });
    return codes;
  }

  private async ownUser(actor: Actor) {
    // Support staff acting as a user must not change, or lock the user out of, their account.
    if (actor.impersonatorUserId) throw forbidden('Two-factor settings cannot be changed during a support session');
    const user = await this.db.identity.user.findUnique({
      where: { id: actor.userId },
      select: { id: true, email: true, staffRole: true, mfaSecret: true, mfaEnabledAt: true },
    });
    if (!user) throw notFound('Your account');
    return user;
  }

  private async enabledUser(actor: Actor) {
    const user = await this.ownUser(actor);
    if (!user.mfaEnabledAt) throw badInput('Two-factor authentication is not on', 'MFA_NOT_ENABLED');
    return user;
  }
}
