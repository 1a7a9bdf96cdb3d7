import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CreditGrantKind } from '@warbler/api/core';
import type { InvoiceRow } from '../shared/invoice-rows';
// Registers CreditGrantKind with GraphQL.
import '../credits/credit.models';

const MINOR = 'Integer minor units of the invoice currency, as a string';

/** What one credit grant paid of an invoice, and what came back to it when the invoice was voided. */
@ObjectType('InvoiceCredit')
export class InvoiceCreditModel {
  @Field(() => ID) grantId!: string;
  @Field(() => CreditGrantKind) grantKind!: CreditGrantKind;
  @Field() grantReason!: string;
  @Field(() => Date, { nullable: true }) grantExpiresAt!: Date | null;
  @Field({ description: `Paid at finalization; ${MINOR.toLowerCase()}` }) appliedMinor!: string;
  @Field({ description: `Given back when the invoice was voided; ${MINOR.toLowerCase()}` }) restoredMinor!: string;
}

/** Per grant, in the order the grants were spent; EXPIRED rows of a void belong to the grant, not the invoice. */
export function toInvoiceCredits(movements: InvoiceRow['creditMovements']): InvoiceCreditModel[] {
  const byGrant = new Map<string, InvoiceCreditModel>();
  for (const movement of movements) {
    const credit = byGrant.get(movement.grantId) ?? {
      grantId: movement.grantId,
      grantKind: movement.grant.kind,
      grantReason: movement.grant.reason,
      grantExpiresAt: movement.grant.expiresAt,
      appliedMinor: '0',
      restoredMinor: '0',
    };
    if (movement.kind === 'APPLIED')
      credit.appliedMinor = (BigInt(credit.appliedMinor) - movement.amountMinor).toString();
    if (movement.kind === 'RESTORED') {
      credit.restoredMinor = (BigInt(credit.restoredMinor) + movement.amountMinor).toString();
    }
    byGrant.set(movement.grantId, credit);
  }
  return [...byGrant.values()];
}
