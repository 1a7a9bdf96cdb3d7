import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import type { Prisma } from '@warbler/api/core';
import { amountDueOf } from '@warbler/shared/pricing';
import type { InvoiceRow } from '../shared/invoice-rows';
import { InvoiceLineKind, InvoiceStatus, PaymentMethod } from './billing-enums';
import { CreditNoteModel, toCreditNote } from './credit-note.model';
import { InvoiceCreditModel, toInvoiceCredits } from './invoice-credit.model';

const MINOR = 'Integer minor units of the invoice currency, as a string';

@ObjectType('InvoiceLine')
export class InvoiceLineModel {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1 for the first line' }) position!: number;
  @Field(() => InvoiceLineKind) kind!: InvoiceLineKind;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) metricCode!: string | null;
  @Field(() => Int, { nullable: true, description: '0 for the first tier' }) tierIndex!: number | null;
  @Field({ description: 'Decimal text: seats, units, or whole packages' }) quantity!: string;
  @Field({ description: 'Decimal text in major units of the invoice currency' }) unitPrice!: string;
  @Field({ description: MINOR }) amountMinor!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => GraphQLJSON, { description: 'The inputs the line was computed from (see docs/billing.md)' })
  explain!: Prisma.JsonValue;
}

@ObjectType('InvoicePayment')
export class InvoicePaymentModel {
  @Field(() => ID) id!: string;
  @Field({ description: MINOR }) amountMinor!: string;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field() recordedAt!: Date;
}

@ObjectType('Invoice')
export class InvoiceModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field(() => String, { nullable: true, description: 'WB-<year>-<sequence>; null while a draft' })
  number!: string | null;
  @Field(() => InvoiceStatus) status!: InvoiceStatus;
  @Field({ description: 'ISO 4217' }) currency!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => ID) planVersionId!: string;
  @Field({ description: MINOR }) subtotalMinor!: string;
  @Field({ description: MINOR }) taxMinor!: string;
  @Field({ description: MINOR }) totalMinor!: string;
  @Field(() => String, { nullable: true, description: 'Percent, decimal text; null: no tax' })
  taxRatePercent!: string | null;
  @Field({ description: MINOR }) amountPaidMinor!: string;
  @Field({ description: `What credit notes took back; ${MINOR.toLowerCase()}` }) amountCreditedMinor!: string;
  @Field({ description: `What prepaid credits paid at finalization; ${MINOR.toLowerCase()}` })
  creditsAppliedMinor!: string;
  @Field({
    description: `Total less prepaid credits, payments and credit notes (0 once void); ${MINOR.toLowerCase()}`,
  })
  amountDueMinor!: string;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
  @Field(() => Date, { nullable: true }) voidedAt!: Date | null;
  @Field(() => String, { nullable: true }) voidReason!: string | null;
  @Field() createdAt!: Date;
  @Field(() => [InvoiceLineModel]) lines!: InvoiceLineModel[];
  @Field(() => [InvoicePaymentModel], { description: 'Oldest first' }) payments!: InvoicePaymentModel[];
  @Field(() => [CreditNoteModel], { description: 'Oldest first' }) creditNotes!: CreditNoteModel[];
  @Field(() => [InvoiceCreditModel], { description: 'The credit grants that paid it, in the order they were spent' })
  credits!: InvoiceCreditModel[];
}

export function toInvoice(row: InvoiceRow): InvoiceModel {
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenantName: row.tenant.name,
    number: row.number,
    status: row.status,
    currency: row.currency,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    planVersionId: row.planVersionId,
    subtotalMinor: row.subtotalMinor.toString(),
    taxMinor: row.taxMinor.toString(),
    totalMinor: row.totalMinor.toString(),
    taxRatePercent: row.taxRatePercent?.toFixed() ?? null,
    amountPaidMinor: row.amountPaidMinor.toString(),
    amountCreditedMinor: row.amountCreditedMinor.toString(),
    creditsAppliedMinor: row.creditsAppliedMinor.toString(),
    amountDueMinor: (row.status === 'VOID' ? 0n : amountDueOf(row)).toString(),
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    paidAt: row.paidAt,
    voidedAt: row.voidedAt,
    voidReason: row.voidReason,
    createdAt: row.createdAt,
    lines: row.lines.map((line) => ({
      id: line.id,
      position: line.position,
      kind: line.kind,
      description: line.description,
      metricCode: line.metric?.code ?? null,
      tierIndex: line.tierIndex,
      quantity: line.quantity.toFixed(),
      unitPrice: line.unitPrice.toFixed(),
      amountMinor: line.amountMinor.toString(),
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      explain: line.explain,
    })),
    payments: row.payments.map((payment) => ({
      id: payment.id,
      amountMinor: payment.amountMinor.toString(),
      method: payment.method as PaymentMethod,
      reference: payment.reference,
      recordedAt: payment.recordedAt,
    })),
    creditNotes: row.creditNotes.map(toCreditNote),
    credits: toInvoiceCredits(row.creditMovements),
  };
}
