import { randomUUID } from 'node:crypto';
import { AccessTokens } from '@warbler/api/access';
import { testConfig } from '../../testing';
import { InvitationTokens } from './invitation-tokens';

describe('InvitationTokens', () => {
  const config = { ...testConfig(), publicUrl: 'https://console.example.test', invitationTtlHours: 48 };
  const tokens = new InvitationTokens(new AccessTokens(config), config);
  const tenantId = randomUUID();

  it('issues a link to the console carrying the tenant and a 256-bit secret, and stores only a digest', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    const issued = tokens.issue(tenantId, now);
    const secret = issued.token.split('.')[1];
    expect(issued.token).toMatch(new RegExp(`^${tenantId}\\.[A-Za-z0-9_-]{43}$`));
    expect(issued.acceptUrl).toBe(`https://console.example.test/invite/${issued.token}`);
    expect(issued.expiresAt.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(issued.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.tokenHash).not.toContain(secret);
    expect(tokens.read(issued.token)).toEqual({ tenantId, tokenHash: issued.tokenHash });
    expect(tokens.issue(tenantId, now).token).not.toBe(issued.token);
  });

  it.each([
    ['an empty string', ''],
    ['a bare secret', 'A'.repeat(43)],
    ['a tenant that is not a uuid', `tenant.${'A'.repeat(43)}`],
    ['a short secret', `${randomUUID()}.${'A'.repeat(42)}`],
    ['characters outside base64url', `${randomUUID()}.${'+'.repeat(43)}`],
  ])('reads %s as no token at all', (_what, token) => {
    expect(tokens.read(token)).toBeNull();
  });
});
