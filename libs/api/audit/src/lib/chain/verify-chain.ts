import type { AuditEventModel } from '@warbler/api/core';
import { auditEventHash, GENESIS_HASH } from './audit-hash';
import { hashedFieldsOf } from './hashed-fields';

export interface ChainVerification {
  valid: boolean;
  eventsChecked: number;
  /** The first seq where the stored log differs from an intact chain: altered, forged or missing. */
  firstBrokenSeq: string | null;
  /** The last event's hash; a tenant who noted it earlier can tell the log was not cut short. */
  headHash: string | null;
}

/**
 * Walks a tenant's events in seq order and recomputes each link: seq follows its
 * predecessor without a gap, prev_hash is the predecessor's hash, and hash is the hash of
 * the event's own fields. After a break it goes on from the stored hash, so one altered
 * row is reported once rather than breaking every link after it.
 */
export async function verifyChain(events: AsyncIterable<AuditEventModel>): Promise<ChainVerification> {
  let previousSeq = 0n;
  let previousHash = GENESIS_HASH;
  let eventsChecked = 0;
  let firstBrokenSeq: bigint | null = null;
  for await (const event of events) {
    eventsChecked += 1;
    const expectedSeq = previousSeq + 1n;
    const intact =
      event.seq === expectedSeq &&
      event.prevHash === previousHash &&
      event.hash === auditEventHash(hashedFieldsOf(event));
    if (!intact && firstBrokenSeq === null) firstBrokenSeq = event.seq > expectedSeq ? expectedSeq : event.seq;
    previousSeq = event.seq;
    previousHash = event.hash;
  }
  return {
    valid: firstBrokenSeq === null,
    eventsChecked,
    firstBrokenSeq: firstBrokenSeq?.toString() ?? null,
    headHash: eventsChecked > 0 ? previousHash : null,
  };
}
