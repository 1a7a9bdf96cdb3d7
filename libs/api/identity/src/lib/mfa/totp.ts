import { generateSecret, generateURI, verify } from 'otplib';

const ISSUER = 'Warbler';
const TOTP_CODE = /^\d{6}$/;
/** One 30-second step either side, for clocks that drift (RFC 6238 section 5.2). */
const CLOCK_TOLERANCE_SECONDS = 30;

export function isTotpCode(code: string): boolean {
  return TOTP_CODE.test(code);
}

/** 160 random bits, base32, the form every authenticator app accepts. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

export async function totpMatches(secret: string, code: string): Promise<boolean> {
  // otplib throws on a malformed token; a user's typo is simply a wrong code.
  if (!isTotpCode(code)) return false;
  const result = await verify({ secret, token: code, epochTolerance: CLOCK_TOLERANCE_SECONDS });
  return result.valid;
}
