import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@warbler/api/audit';
import { encodeInvoiceCursor } from '../shared/invoice-cursor';
import type { InvoiceRow } from '../shared/invoice-rows';
import { InvoiceModel, toInvoice } from './invoice.model';

@ObjectType()
export class InvoiceEdge {
  @Field() cursor!: string;
  @Field(() => InvoiceModel) node!: InvoiceModel;
}

@ObjectType()
export class InvoiceConnection {
  @Field(() => [InvoiceEdge]) edges!: InvoiceEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

/** A page from `first + 1` rows: the extra row only tells that another page exists. */
export function toInvoiceConnection(rows: InvoiceRow[], first: number): InvoiceConnection {
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeInvoiceCursor(row), node: toInvoice(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
