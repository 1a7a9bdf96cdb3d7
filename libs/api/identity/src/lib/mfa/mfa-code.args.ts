import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Matches, MaxLength } from 'class-validator';

@ArgsType()
export class TotpCodeArgs {
  @Field({ description: 'Six digits from the authenticator app' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the six digits shown by your authenticator app' })
  code!: string;
}

@ArgsType()
export class SecondFactorCodeArgs {
  @Field({ description: 'Six digits from the authenticator app, or an unused recovery code' })
  @IsString()
  @MaxLength(32)
  code!: string;
}
