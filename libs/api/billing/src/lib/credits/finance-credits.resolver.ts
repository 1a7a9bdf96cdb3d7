import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, PlatformDatabase } from '@warbler/api/core';
import { CreditGrantView, CreditLedgerConnection, TenantCreditsView, toCreditGrant } from './credit.models';
import { CreditTenantArgs, FinanceCreditLedgerArgs, GrantCreditsArgs, RevokeCreditGrantArgs } from './credit.args';
import { tenantNotFound } from './credit-errors';
import { CreditGranting } from './credit-granting';
import { CreditReads } from './credit-reads';

/** Any tenant's credits for finance and platform admins: grant, revoke an unused grant, read. */
@Resolver(() => CreditGrantView)
export class FinanceCreditsResolver {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly granting: CreditGranting,
    private readonly reads: CreditReads,
  ) {}

  @Query(() => TenantCreditsView, { description: "A tenant's credit balances and grants, for finance" })
  @Can('readAcrossTenants', 'CreditGrant')
  async financeTenantCredits(@Args() { tenantId }: CreditTenantArgs): Promise<TenantCreditsView> {
    const tenant = await this.platform.client.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true },
    });
    if (!tenant) throw tenantNotFound();
    return this.reads.summary(this.platform.client, tenant);
  }

  @Query(() => CreditLedgerConnection, { description: "Every movement of a tenant's credits, newest first" })
  @Can('readAcrossTenants', 'CreditGrant')
  financeCreditLedger(@Args() { tenantId, first, after }: FinanceCreditLedgerArgs): Promise<CreditLedgerConnection> {
    return this.reads.ledger(this.platform.client, tenantId, first, after);
  }

  @Mutation(() => CreditGrantView, {
    description: 'Grants a tenant prepaid credits its next invoices of that currency spend; idempotent by key',
  })
  @Can('create', 'CreditGrant')
  async grantCredits(
    @CurrentActor() actor: Actor,
    @Args() { input, idempotencyKey }: GrantCreditsArgs,
  ): Promise<CreditGrantView> {
    const request = {
      kind: input.kind,
      currency: input.currency,
      amountMinor: BigInt(input.amountMinor),
      reason: input.reason,
      expiresAt: input.expiresAt ?? null,
    };
    return toCreditGrant(await this.granting.grant(actor, input.tenantId, request, idempotencyKey));
  }

  @Mutation(() => CreditGrantView, {
    description: 'Takes back a grant nothing was spent from; a retry changes nothing',
  })
  @Can('void', 'CreditGrant')
  async revokeCreditGrant(
    @CurrentActor() actor: Actor,
    @Args() { tenantId, grantId, reason }: RevokeCreditGrantArgs,
  ): Promise<CreditGrantView> {
    return toCreditGrant(await this.granting.revoke(actor, tenantId, grantId, reason));
  }
}
