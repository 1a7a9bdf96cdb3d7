import { IsString, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@warbler/api/identity';

export class AcceptInvitationBody {
  @IsString()
  @MaxLength(200)
  token!: string;

  @IsString()
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @MaxLength(100)
  displayName!: string;

  // The length policy is the password hasher's to apply, with its own reason code.
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
