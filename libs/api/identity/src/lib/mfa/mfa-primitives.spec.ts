import { generate } from 'otplib';
import { testConfig } from '../../testing/fixtures';
import { MfaSecretBox } from './mfa-secret-box';
import { canonicalRecoveryCode, newRecoveryCode } from './recovery-codes';
import { newTotpSecret, totpMatches, totpUri } from './totp';

describe('MfaSecretBox', () => {
  const box = new MfaSecretBox(testConfig());

  it('seals as iv:tag:ciphertext and opens back, for the same user only', () => {
    const sealed = box.seal('user-a', 'JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(sealed.split(':')).toHaveLength(3);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.open('user-a', sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(() => box.open('user-b', sealed)).toThrow();
  });

  it('refuses a tampered value and a different key', () => {
    const [iv, tag, ciphertext] = box.seal('user-a', 'secret').split(':');
    const flipped = Buffer.from(ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open('user-a', [iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    const other = new MfaSecretBox({ ...testConfig(), mfaEncryptionKey: 'another key' });
    expect(() => other.open('user-a', [iv, tag, ciphertext].join(':'))).toThrow();
  });
});

describe('TOTP', () => {
  it('accepts the current code and one step either side, nothing further', async () => {
    const secret = newTotpSecret();
    const now = Math.floor(Date.now() / 1000);
    const at = (offset: number) => generate({ secret, epoch: now + offset });
    await expect(totpMatches(secret, await at(0))).resolves.toBe(true);
    await expect(totpMatches(secret, await at(-30))).resolves.toBe(true);
    await expect(totpMatches(secret, await at(30))).resolves.toBe(true);
    const stale = await at(-120);
    const current = [await at(-30), await at(0), await at(30)];
    // Two different steps can share a code by chance; only assert when they do not.
    if (!current.includes(stale)) await expect(totpMatches(secret, stale)).resolves.toBe(false);
  });

  it('reads malformed codes as wrong instead of throwing', async () => {
    const secret = newTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef']) {
      await expect(totpMatches(secret, code)).resolves.toBe(false);
    }
  });

  it('builds an otpauth URL with the Warbler issuer and the e-mail as label', () => {
    const url = new URL(totpUri('JBSWY3DPEHPK3PXPJBSWY3DP', 'ada@example.test'));
    expect(url.protocol).toBe('otpauth:');
    expect(decodeURIComponent(url.pathname)).toContain('Warbler:ada@example.test');
    expect(url.searchParams.get('issuer')).toBe('Warbler');
  });
});

describe('recovery codes', () => {
  it('look like xxxx-xxxx-xxxx and differ', () => {
    const codes = Array.from({ length: 50 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are compared in one spelling whatever the case, spaces or dashes typed', () => {
    expect(canonicalRecoveryCode(' K7QM 3XHP-T9WD ')).toBe('k7qm-3xhp-t9wd');
    expect(canonicalRecoveryCode('k7qm3xhpt9wd')).toBe('k7qm-3xhp-t9wd');
    expect(canonicalRecoveryCode('123456')).toBeNull();
    expect(canonicalRecoveryCode('k7qm-3xhp-t9w0')).toBeNull();
  });
});
