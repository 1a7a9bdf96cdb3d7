import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-policy';

/** RFC 5321 caps an address at 254 characters; anything longer cannot be an account. */
const EMAIL_MAX_LENGTH = 254;

export class LoginBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  // No minimum here: the policy applies when a password is chosen, not when it is typed.
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
