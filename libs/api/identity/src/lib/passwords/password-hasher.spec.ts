import { PasswordHasher } from './password-hasher';
import { assertPasswordPolicy } from './password-policy';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and the OWASP parameters, salted', async () => {
    const first = await hasher.hash('a long enough password');
    const second = await hasher.hash('a long enough password');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('a long enough password');
    await expect(hasher.verify(stored, 'a long enough password')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'a long enough passworD')).resolves.toBe(false);
  });

  it('reads a malformed stored hash as a wrong password', async () => {
    await expect(hasher.verify('not-a-hash', 'anything at all')).resolves.toBe(false);
  });

  it('spends a real verification on the decoy and never accepts', async () => {
    await expect(hasher.verifyDecoy('whatever the caller typed')).resolves.toBe(false);
  });

  it('refuses to hash a password the policy rejects', async () => {
    await expect(hasher.hash('short')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
  });
});

describe('password policy', () => {
  it('asks for 12 to 256 characters', () => {
    expect(() => assertPasswordPolicy('x'.repeat(11))).toThrow(/at least 12 characters/);
    expect(() => assertPasswordPolicy('x'.repeat(257))).toThrow(/at most 256 characters/);
    expect(() => assertPasswordPolicy(undefined)).toThrow(expect.objectContaining({ reason: 'WEAK_PASSWORD' }));
    expect(() => assertPasswordPolicy('x'.repeat(12))).not.toThrow();
    expect(() => assertPasswordPolicy('x'.repeat(256))).not.toThrow();
  });
});
