import { Injectable } from '@nestjs/common';
import { badInput, type Prisma } from '@warbler/api/core';
import {
  type CreditBalanceView,
  type CreditLedgerConnection,
  type TenantCreditsView,
  toCreditGrant,
} from './credit.models';

type Tx = Prisma.TransactionClient;

interface BalanceRow {
  currency: string;
  available: bigint;
  next_expiry_at: Date | null;
  next_expiry_minor: bigint | null;
}

const SEQ_CURSOR = /^[1-9][0-9]{0,18}$/;

/**
 * What a tenant's credits look like: balances per currency, grants and the ledger. The caller hands in
 * the transaction to read in — a tenant's own, under row-level security, or the platform's behind a
 * staff permission — so both sides see the same figures computed the same way.
 */
@Injectable()
export class CreditReads {
  async summary(tx: Tx, tenant: { id: string; name: string }, now = new Date()): Promise<TenantCreditsView> {
    const grants = await tx.creditGrant.findMany({
      where: { tenantId: tenant.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return {
      tenantId: tenant.id,
      tenantName: tenant.name,
      balances: await this.balances(tx, tenant.id, now),
      grants: grants.map((grant) => toCreditGrant(grant, now)),
    };
  }

  /** Per currency: what active grants hold now, and the soonest expiry among them with what lapses then. */
  async balances(tx: Tx, tenantId: string, now = new Date()): Promise<CreditBalanceView[]> {
    const rows = await tx.$queryRaw<BalanceRow[]>`
      WITH spendable AS (
        SELECT currency, remaining_minor, expires_at FROM credit_grants
        WHERE tenant_id = ${tenantId}::uuid AND remaining_minor > 0 AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > ${now})
      ), soonest AS (
        SELECT currency, min(expires_at) AS at FROM spendable GROUP BY currency
      )
      SELECT s.currency, sum(s.remaining_minor)::bigint AS available, n.at AS next_expiry_at,
             (sum(s.remaining_minor) FILTER (WHERE s.expires_at = n.at))::bigint AS next_expiry_minor
      FROM spendable s JOIN soonest n ON n.currency = s.currency
      GROUP BY s.currency, n.at
      ORDER BY s.currency`;
    return rows.map((row) => ({
      currency: row.currency,
      availableMinor: row.available.toString(),
      nextExpiryAt: row.next_expiry_at,
      nextExpiryMinor: row.next_expiry_at === null ? null : (row.next_expiry_minor ?? 0n).toString(),
    }));
  }

  /** Newest movement first; the cursor is the last movement's sequence number. */
  async ledger(tx: Tx, tenantId: string, first: number, after?: string | null): Promise<CreditLedgerConnection> {
    if (after && !SEQ_CURSOR.test(after)) {
      throw badInput('after must be a cursor returned by a page of the credit ledger', 'INVALID_CURSOR');
    }
    const rows = await tx.creditLedgerEntry.findMany({
      where: { tenantId, ...(after && { seq: { lt: BigInt(after) } }) },
      include: { grant: { select: { reason: true } }, invoice: { select: { number: true } } },
      orderBy: { seq: 'desc' },
      take: first + 1,
    });
    const edges = rows.slice(0, first).map((row) => ({
      cursor: row.seq.toString(),
      node: {
        id: row.id,
        grantId: row.grantId,
        grantReason: row.grant.reason,
        kind: row.kind,
        currency: row.currency,
        amountMinor: row.amountMinor.toString(),
        balanceAfterMinor: row.balanceAfterMinor.toString(),
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoice?.number ?? null,
        occurredAt: row.occurredAt,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
