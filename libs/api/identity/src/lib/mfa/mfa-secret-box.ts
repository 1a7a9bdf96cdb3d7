import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@warbler/api/core';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts TOTP secrets at rest (users.mfa_secret) as `iv:tag:ciphertext`, base64 each.
 * The user id is authenticated data, so a ciphertext copied onto another user's row
 * does not decrypt there.
 */
@Injectable()
export class MfaSecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // The configured key may have any length; SHA-256 turns it into exactly 256 bits.
    this.key = createHash('sha256').update(config.mfaEncryptionKey).digest();
  }

  seal(userId: string, secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(userId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64')).join(':');
  }

  open(userId: string, sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 3) throw new Error('The stored MFA secret is malformed');
    const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(tag);
    // final() throws when the tag does not match: a wrong key or a tampered value.
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
