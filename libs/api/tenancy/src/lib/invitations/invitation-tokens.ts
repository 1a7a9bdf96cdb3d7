import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AccessTokens } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig } from '@warbler/api/core';

export interface IssuedInvitationToken {
  /** Only in the link: never stored. */
  token: string;
  tokenHash: string;
  expiresAt: Date;
  acceptUrl: string;
}

/** Where a token points: the tenant to look in and the digest to look for. */
export interface InvitationTokenRef {
  tenantId: string;
  tokenHash: string;
}

/** `<tenant uuid>.<43 base64url characters>` */
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/i;

/**
 * Invitation tokens carry their tenant in the clear so the invitation can be found under
 * row-level security before anyone is signed in to a tenant; the 256-bit secret after
 * the dot is what proves the holder got the e-mail, and only its keyed digest is stored.
 */
@Injectable()
export class InvitationTokens {
  constructor(
    private readonly tokens: AccessTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(tenantId: string, now = new Date()): IssuedInvitationToken {
    const secret = randomBytes(32).toString('base64url');
    const token = `${tenantId}.${secret}`;
    return {
      token,
      tokenHash: this.tokens.digest(secret),
      expiresAt: new Date(now.getTime() + this.config.invitationTtlHours * 3_600_000),
      acceptUrl: `${this.config.publicUrl}/invite/${token}`,
    };
  }

  /** Null for anything that is not a token this service could have issued. */
  read(token: string): InvitationTokenRef | null {
    const match = TOKEN.exec(token.trim());
    if (!match) return null;
    return { tenantId: match[1].toLowerCase(), tokenHash: this.tokens.digest(match[2]) };
  }
}
