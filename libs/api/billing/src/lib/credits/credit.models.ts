import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '@warbler/api/audit';
import { CreditGrantKind, CreditMovement, type CreditGrantModel as StoredGrant, StaffRole } from '@warbler/api/core';

const MINOR = 'Integer minor units of the currency, as a string';

/** Where a grant stands: derived from its balance, expiry and revocation, never stored. */
export enum CreditGrantStatus {
  ACTIVE = 'ACTIVE',
  USED_UP = 'USED_UP',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(StaffRole, { name: 'StaffRole', description: "The operator's own staff roles" });
registerEnumType(CreditGrantKind, {
  name: 'CreditGrantKind',
  description: 'PAID: credits the tenant bought; PROMOTIONAL: credits given (a promotion, a goodwill gesture)',
});
registerEnumType(CreditMovement, {
  name: 'CreditMovement',
  description:
    'GRANTED and RESTORED (an invoice voided) add to a grant; APPLIED (paid an invoice), EXPIRED and REVOKED take',
});
registerEnumType(CreditGrantStatus, {
  name: 'CreditGrantStatus',
  description: 'ACTIVE: spendable; USED_UP: nothing left; EXPIRED: past its expiry; REVOKED: taken back unused',
});

@ObjectType('CreditGrant')
export class CreditGrantView {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => CreditGrantKind) kind!: CreditGrantKind;
  @Field({ description: 'ISO 4217' }) currency!: string;
  @Field({ description: MINOR }) amountMinor!: string;
  @Field({ description: `What is left to spend; ${MINOR.toLowerCase()}` }) remainingMinor!: string;
  @Field() reason!: string;
  @Field(() => Date, { nullable: true, description: 'Null: never expires (spent last)' }) expiresAt!: Date | null;
  @Field(() => CreditGrantStatus) status!: CreditGrantStatus;
  @Field(() => StaffRole, { description: 'FINANCE or PLATFORM_ADMIN' }) grantedByRole!: StaffRole;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) expiredAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
}

@ObjectType('CreditBalance')
export class CreditBalanceView {
  @Field({ description: 'ISO 4217' }) currency!: string;
  @Field({ description: `Spendable now: active grants' balances; ${MINOR.toLowerCase()}` }) availableMinor!: string;
  @Field(() => Date, { nullable: true, description: 'When the soonest-expiring balance lapses; null if none expires' })
  nextExpiryAt!: Date | null;
  @Field(() => String, { nullable: true, description: `What lapses then; ${MINOR.toLowerCase()}` })
  nextExpiryMinor!: string | null;
}

@ObjectType('TenantCredits')
export class TenantCreditsView {
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field(() => [CreditBalanceView], { description: 'One per currency with a spendable balance' })
  balances!: CreditBalanceView[];
  @Field(() => [CreditGrantView], { description: 'Every grant, newest first' }) grants!: CreditGrantView[];
}

@ObjectType('CreditLedgerEntry')
export class CreditLedgerEntryView {
  @Field(() => ID) id!: string;
  @Field(() => ID) grantId!: string;
  @Field() grantReason!: string;
  @Field(() => CreditMovement) kind!: CreditMovement;
  @Field({ description: 'ISO 4217' }) currency!: string;
  @Field({ description: `Signed: positive adds to the grant; ${MINOR.toLowerCase()}` }) amountMinor!: string;
  @Field({ description: `The grant's balance after it; ${MINOR.toLowerCase()}` }) balanceAfterMinor!: string;
  @Field(() => ID, { nullable: true }) invoiceId!: string | null;
  @Field(() => String, { nullable: true }) invoiceNumber!: string | null;
  @Field() occurredAt!: Date;
}

@ObjectType('CreditLedgerEdge')
export class CreditLedgerEdge {
  @Field() cursor!: string;
  @Field(() => CreditLedgerEntryView) node!: CreditLedgerEntryView;
}

@ObjectType('CreditLedgerConnection')
export class CreditLedgerConnection {
  @Field(() => [CreditLedgerEdge]) edges!: CreditLedgerEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

export function grantStatus(grant: StoredGrant, now: Date): CreditGrantStatus {
  if (grant.revokedAt) return CreditGrantStatus.REVOKED;
  if (grant.expiredAt || (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime())) {
    return grant.remainingMinor > 0n || grant.expiredAt ? CreditGrantStatus.EXPIRED : CreditGrantStatus.USED_UP;
  }
  return grant.remainingMinor > 0n ? CreditGrantStatus.ACTIVE : CreditGrantStatus.USED_UP;
}

export function toCreditGrant(grant: StoredGrant, now = new Date()): CreditGrantView {
  return {
    id: grant.id,
    tenantId: grant.tenantId,
    kind: grant.kind,
    currency: grant.currency,
    amountMinor: grant.amountMinor.toString(),
    remainingMinor: grant.remainingMinor.toString(),
    reason: grant.reason,
    expiresAt: grant.expiresAt,
    status: grantStatus(grant, now),
    grantedByRole: grant.grantedByRole,
    createdAt: grant.createdAt,
    expiredAt: grant.expiredAt,
    revokedAt: grant.revokedAt,
    revokeReason: grant.revokeReason,
  };
}
