import { Args, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditEventsQuery } from './audit-events.query';
import { AuditChainVerification } from './graphql/audit-chain-verification.model';
import { AuditEventConnection } from './graphql/audit-event-connection.model';
import { AuditEventsArgs } from './graphql/audit-events.args';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly events: AuditEventsQuery,
    private readonly verifier: AuditChainVerifier,
  ) {}

  @Query(() => AuditEventConnection)
  @Can('read', 'AuditLog')
  auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    return this.events.page(actor, args);
  }

  @Query(() => AuditChainVerification)
  @Can('verify', 'AuditLog')
  verifyAuditChain(@CurrentActor() actor: Actor): Promise<AuditChainVerification> {
    return this.verifier.verify(actor);
  }
}
