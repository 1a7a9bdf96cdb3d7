import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@warbler/api/audit';
import { PlatformDatabase } from '@warbler/api/core';

/** The account that can never sign in (no password hash verifies against '!') and acts for billing. */
export const BILLING_SYSTEM_EMAIL = 'billing-system@warbler.invalid';

/**
 * Who acts when nobody does: the dunning job marking a subscription past due or suspending a tenant,
 * and Stripe confirming a payment. Audit rows and recorded payments name a user, so this is one: a
 * system account created on first use, with no password, no tenant and no staff role.
 */
@Injectable()
export class BillingSystemActor {
  private userId?: Promise<string>;

  constructor(private readonly platform: PlatformDatabase) {}

  async in(tenantId: string, requestId: string): Promise<AuditActor> {
    return {
      tenantId,
      userId: await this.id(),
      email: BILLING_SYSTEM_EMAIL,
      impersonatorUserId: null,
      requestId,
      ip: null,
    };
  }

  id(): Promise<string> {
    this.userId ??= this.ensure().catch((error: unknown) => {
      this.userId = undefined;
      throw error;
    });
    return this.userId;
  }

  private async ensure(): Promise<string> {
    const users = this.platform.client.user;
    await users.createMany({
      data: [{ email: BILLING_SYSTEM_EMAIL, displayName: 'Warbler billing (automatic)', passwordHash: '!' }],
      skipDuplicates: true,
    });
    return (await users.findUniqueOrThrow({ where: { email: BILLING_SYSTEM_EMAIL }, select: { id: true } })).id;
  }
}
