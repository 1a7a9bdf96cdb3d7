import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('MfaEnrollment')
export class MfaEnrollmentModel {
  @Field({ description: 'Base32 secret, for typing into an authenticator app by hand' }) secret!: string;
  @Field({ description: 'otpauth:// URL, for a QR code' }) otpauthUrl!: string;
}

@ObjectType('RecoveryCodes')
export class RecoveryCodesModel {
  @Field(() => [String], { description: 'Shown once; each works once' }) codes!: string[];
}
