import { Args, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, Database } from '@warbler/api/core';
import { inTenant } from '../tenant/in-tenant';
import { CreditLedgerArgs } from './credit.args';
import { CreditLedgerConnection, TenantCreditsView } from './credit.models';
import { CreditReads } from './credit-reads';

/** The tenant's own credits, read as warbler_app under row-level security. */
@Resolver(() => TenantCreditsView)
export class TenantCreditsResolver {
  constructor(
    private readonly db: Database,
    private readonly reads: CreditReads,
  ) {}

  @Query(() => TenantCreditsView, { description: "The tenant's prepaid credit balances and grants" })
  @Can('read', 'CreditGrant')
  credits(@CurrentActor() actor: Actor): Promise<TenantCreditsView> {
    const tenantActor = inTenant(actor);
    return this.db.forTenant(tenantActor).transaction(async (tx) => {
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: tenantActor.tenantId },
        select: { id: true, name: true },
      });
      return this.reads.summary(tx, tenant);
    });
  }

  @Query(() => CreditLedgerConnection, { description: "Every movement of the tenant's credits, newest first" })
  @Can('read', 'CreditGrant')
  creditLedger(
    @CurrentActor() actor: Actor,
    @Args() { first, after }: CreditLedgerArgs,
  ): Promise<CreditLedgerConnection> {
    const tenantActor = inTenant(actor);
    return this.db
      .forTenant(tenantActor)
      .transaction((tx) => this.reads.ledger(tx, tenantActor.tenantId, first, after));
  }
}
