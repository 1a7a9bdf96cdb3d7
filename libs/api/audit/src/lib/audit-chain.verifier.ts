import { Injectable } from '@nestjs/common';
import { type Actor, Database } from '@warbler/api/core';
import { eventsOldestFirst } from './chain/events-oldest-first';
import { verifyChain, type ChainVerification } from './chain/verify-chain';

/** Recomputes the actor's tenant's whole chain from the database, page by page. */
@Injectable()
export class AuditChainVerifier {
  constructor(private readonly db: Database) {}

  verify(actor: Actor): Promise<ChainVerification> {
    return verifyChain(eventsOldestFirst(this.db.forTenant(actor)));
  }
}
