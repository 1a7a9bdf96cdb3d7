import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@warbler/api/core';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new signing secret: `whsec_` and 32 random bytes. Shown once; HMAC keys are the whole string. */
export function newWebhookSecret(): { secret: string; hint: string } {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return { secret, hint: secret.slice(-4) };
}

/**
 * Encrypts signing secrets at rest as `iv:tag:ciphertext` (base64 each). Signing needs the secret
 * itself, so it cannot be stored as a digest like an API key. The tenant and endpoint ids are
 * authenticated data: a ciphertext copied onto another endpoint's row does not decrypt there.
 */
@Injectable()
export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A label of its own, so this key differs from the MFA one even when both come from JWT_SECRET.
    this.key = createHash('sha256').update(`warbler-webhook-secrets:${config.webhookEncryptionKey}`).digest();
  }

  seal(endpoint: EndpointKey, secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(endpoint));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64')).join(':');
  }

  open(endpoint: EndpointKey, sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 3) throw new Error('The stored webhook secret is malformed');
    const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(endpoint));
    decipher.setAuthTag(tag);
    // final() throws when the tag does not match: a wrong key or a tampered value.
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}

export interface EndpointKey {
  tenantId: string;
  id: string;
}

const aad = ({ tenantId, id }: EndpointKey) => Buffer.from(`${tenantId}:${id}`);
