import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor, SupportSessionExit } from '@warbler/api/access';
import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';
import { SupportAccessSettingsModel } from './graphql/support-access.model';
import {
  GrantSupportWriteArgs,
  SetSupportAccessArgs,
  StartSupportSessionInput,
  SupportSessionArgs,
  SupportSessionRequestsArgs,
  SupportTenantArgs,
  SupportTenantsArgs,
} from './graphql/support.args';
import {
  SupportSessionModel,
  SupportSessionRequestModel,
  SupportTenantModel,
  SupportViewableMemberModel,
} from './graphql/support-session.model';
import { SupportAccessService } from './support-access.service';
import { SupportSessionsService } from './support-sessions.service';

@Resolver(() => SupportSessionModel)
export class SupportResolver {
  constructor(
    private readonly sessions: SupportSessionsService,
    private readonly access: SupportAccessService,
  ) {}

  @Query(() => [SupportTenantModel], { description: 'Support finds a tenant to open a session on (20 at most)' })
  @Can('impersonate', 'SupportSession')
  supportTenants(@Args() { search }: SupportTenantsArgs): Promise<SupportTenantModel[]> {
    return this.sessions.findTenants(search);
  }

  @Query(() => [SupportViewableMemberModel], { description: 'The members support may view a tenant as' })
  @Can('impersonate', 'SupportSession')
  supportViewableMembers(@Args() { tenantId }: SupportTenantArgs): Promise<SupportViewableMemberModel[]> {
    return this.sessions.viewableMembers(tenantId);
  }

  @Mutation(() => SupportSessionModel, {
    description:
      'Opens a support session (READ_ONLY, 30 minutes unless asked); WRITE without the owner’s grant waits for a platform admin',
  })
  @Can('impersonate', 'SupportSession')
  startSupportSession(
    @CurrentActor() actor: Actor,
    @Args('input') input: StartSupportSessionInput,
  ): Promise<SupportSessionModel> {
    return this.sessions.start(actor, input);
  }

  @Query(() => [SupportSessionModel], { description: 'The caller’s pending and running support sessions' })
  @Can('impersonate', 'SupportSession')
  mySupportSessions(@CurrentActor() actor: Actor): Promise<SupportSessionModel[]> {
    return this.sessions.mine(actor);
  }

  @Query(() => [SupportSessionModel], { description: 'WRITE sessions waiting for a platform admin, oldest first' })
  @Can('approve', 'SupportSession')
  pendingSupportSessions(): Promise<SupportSessionModel[]> {
    return this.sessions.pending();
  }

  @Mutation(() => SupportSessionModel, { description: 'A second staff member lets a WRITE session start' })
  @Can('approve', 'SupportSession')
  approveSupportSession(@CurrentActor() actor: Actor, @Args() { id, tenantId }: SupportSessionArgs) {
    if (!tenantId)
      throw new DomainError('BAD_USER_INPUT', 'Name the session’s tenant', 'SUPPORT_SESSION_TENANT_REQUIRED');
    return this.sessions.approve(actor, tenantId, id);
  }

  @Mutation(() => SupportSessionModel, {
    description:
      'Ends a support session: from inside it, as its engineer or a platform admin (naming the tenant), or as the tenant’s owner. Idempotent.',
  })
  @Can('end', 'SupportSession')
  @SupportSessionExit()
  endSupportSession(@CurrentActor() actor: Actor, @Args() { id, tenantId }: SupportSessionArgs) {
    return this.sessions.end(actor, id, tenantId ?? null);
  }

  @Query(() => SupportSessionModel, { description: 'One support session; staff name its tenant' })
  @Can('read', 'SupportSession')
  supportSession(@CurrentActor() actor: Actor, @Args() { id, tenantId }: SupportSessionArgs) {
    return this.sessions.get(actor, id, tenantId ?? null);
  }

  @Query(() => [SupportSessionModel], { description: 'The current tenant’s support sessions, newest first' })
  @Can('read', 'SupportSession')
  supportSessions(@CurrentActor() actor: Actor): Promise<SupportSessionModel[]> {
    return this.sessions.listForTenant(inTenant(actor));
  }

  @Query(() => [SupportSessionRequestModel], {
    description: 'Every request made in one of the tenant’s support sessions',
  })
  @Can('read', 'SupportSession')
  supportSessionRequests(@CurrentActor() actor: Actor, @Args() { id }: SupportSessionRequestsArgs) {
    return this.sessions.requests(inTenant(actor), id);
  }

  @Query(() => SupportAccessSettingsModel)
  @Can('read', 'SupportAccess')
  supportAccess(@CurrentActor() actor: Actor): Promise<SupportAccessSettingsModel> {
    return this.access.get(inTenant(actor));
  }

  @Mutation(() => SupportAccessSettingsModel, { description: 'REFUSED ends every open support session at once' })
  @Can('update', 'SupportAccess')
  setSupportAccess(@CurrentActor() actor: Actor, @Args() { access }: SetSupportAccessArgs) {
    return this.access.setAccess(inTenant(actor), access);
  }

  @Mutation(() => SupportAccessSettingsModel, { description: 'Lets support act (WRITE sessions) until the date' })
  @Can('update', 'SupportAccess')
  grantSupportWrite(@CurrentActor() actor: Actor, @Args() { until }: GrantSupportWriteArgs) {
    return this.access.grantWrite(inTenant(actor), until);
  }

  @Mutation(() => SupportAccessSettingsModel, {
    description: 'Takes the write grant back and ends the sessions using it',
  })
  @Can('update', 'SupportAccess')
  revokeSupportWrite(@CurrentActor() actor: Actor) {
    return this.access.revokeWrite(inTenant(actor));
  }
}

/** The guard's @Can refused callers without the tenant role; this tells the types. */
function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
