import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CreditNoteRow } from '../shared/invoice-rows';
import { CreditNoteReason, CreditNoteSettlement } from './billing-enums';

const MINOR = 'Integer minor units of the credit note currency, as a string';

@ObjectType('CreditNoteLine')
export class CreditNoteLineModel {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1 for the first line' }) position!: number;
  @Field(() => ID, { nullable: true, description: 'The invoice line credited; null for a free-standing amount' })
  invoiceLineId!: string | null;
  @Field() description!: string;
  @Field({ description: MINOR }) amountMinor!: string;
}

@ObjectType('CreditNote', { description: 'A correction of an issued invoice; immutable once issued' })
export class CreditNoteModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) invoiceId!: string;
  @Field({ description: 'CN-<year>-<sequence>, gapless per year' }) number!: string;
  @Field({ description: 'ISO 4217, the invoice’s' }) currency!: string;
  @Field(() => CreditNoteReason) reason!: CreditNoteReason;
  @Field(() => String, { nullable: true }) memo!: string | null;
  @Field(() => CreditNoteSettlement) settlement!: CreditNoteSettlement;
  @Field({ description: MINOR }) subtotalMinor!: string;
  @Field({ description: `The invoice's tax rate on the credited subtotal; ${MINOR.toLowerCase()}` })
  taxMinor!: string;
  @Field({ description: MINOR }) totalMinor!: string;
  @Field() issuedAt!: Date;
  @Field(() => [CreditNoteLineModel]) lines!: CreditNoteLineModel[];
}

export function toCreditNote(row: CreditNoteRow): CreditNoteModel {
  return {
    id: row.id,
    tenantId: row.tenantId,
    invoiceId: row.invoiceId,
    number: row.number,
    currency: row.currency,
    reason: row.reason,
    memo: row.memo,
    settlement: row.settlement as CreditNoteSettlement,
    subtotalMinor: row.subtotalMinor.toString(),
    taxMinor: row.taxMinor.toString(),
    totalMinor: row.totalMinor.toString(),
    issuedAt: row.issuedAt,
    lines: row.lines.map((line) => ({
      id: line.id,
      position: line.position,
      invoiceLineId: line.invoiceLineId,
      description: line.description,
      amountMinor: line.amountMinor.toString(),
    })),
  };
}
