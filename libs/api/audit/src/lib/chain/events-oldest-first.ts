import type { AuditEventModel, TenantClient } from '@warbler/api/core';

/** Large enough to keep round trips few, small enough to keep memory flat. */
export const AUDIT_STREAM_PAGE = 500;

/**
 * A tenant's events in chain order, read a page per query by seq, so neither the export
 * nor the verifier ever holds the whole log. The log only grows, so paging by seq across
 * separate transactions neither skips nor repeats an event.
 */
export async function* eventsOldestFirst(
  client: TenantClient,
  pageSize = AUDIT_STREAM_PAGE,
): AsyncGenerator<AuditEventModel> {
  let after = 0n;
  for (;;) {
    const page = await client.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].seq;
  }
}
