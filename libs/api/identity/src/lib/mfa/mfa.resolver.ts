import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, SignedIn } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { SecondFactorCodeArgs, TotpCodeArgs } from './mfa-code.args';
import { MfaEnrollmentService } from './mfa-enrollment.service';
import { MfaEnrollmentModel, RecoveryCodesModel } from './mfa.models';

/** Open to any signed-in session, MFA-passed or not: this is how staff get there. */
@Resolver()
export class MfaResolver {
  constructor(private readonly enrollment: MfaEnrollmentService) {}

  @Mutation(() => MfaEnrollmentModel)
  @SignedIn()
  beginMfaEnrollment(@CurrentActor() actor: Actor): Promise<MfaEnrollmentModel> {
    return this.enrollment.begin(actor);
  }

  @Mutation(() => RecoveryCodesModel, { description: 'Turns MFA on and marks this session MFA-passed' })
  @SignedIn()
  async confirmMfaEnrollment(
    @CurrentActor() actor: Actor,
    @Args() { code }: TotpCodeArgs,
  ): Promise<RecoveryCodesModel> {
    return { codes: await this.enrollment.confirm(actor, code) };
  }

  @Mutation(() => RecoveryCodesModel)
  @SignedIn()
  async regenerateRecoveryCodes(
    @CurrentActor() actor: Actor,
    @Args() { code }: SecondFactorCodeArgs,
  ): Promise<RecoveryCodesModel> {
    return { codes: await this.enrollment.regenerateRecoveryCodes(actor, code) };
  }

  @Mutation(() => Boolean, { description: 'Refused for staff accounts' })
  @SignedIn()
  disableMfa(@CurrentActor() actor: Actor, @Args() { code }: SecondFactorCodeArgs): Promise<boolean> {
    return this.enrollment.disable(actor, code);
  }
}
