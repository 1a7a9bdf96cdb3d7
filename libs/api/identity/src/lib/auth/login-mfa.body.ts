import { IsJWT, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class LoginMfaBody {
  @IsJWT()
  challenge!: string;

  /** Six digits from the authenticator app; send this or `recoveryCode`. */
  @ValidateIf((body: LoginMfaBody) => body.recoveryCode === undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the six digits shown by your authenticator app' })
  code?: string;

  /** One of the codes shown at enrolment, e.g. k7qm-3xhp-t9wd. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}
