import { createHmac } from 'node:crypto';

/** `v1`: hex HMAC-SHA256, keyed with the secret exactly as shown (UTF-8), of "<t>.<raw body>". */
export function v1Signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The Warbler-Signature header: `t=<unix seconds>,v1=<hex>`, with one v1 per secret that signs
 * (the current one first, then the previous one while a rotation's overlap lasts), as Stripe does.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${v1Signature(secret, timestamp, body)}`)].join(',');
}
