import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { PageInfo } from '@warbler/api/audit';
import type { Prisma } from '@warbler/api/core';
import { InvoiceStatus, QuotaEnforcement, TenantStatus } from './operator-enums';

@ObjectType('OperatorTenant', { description: 'A tenant as the operator console lists it' })
export class OperatorTenantModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field(() => TenantStatus) status!: TenantStatus;
  @Field(() => Date, { nullable: true }) suspendedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: "PAYMENT_OVERDUE when dunning suspended the tenant; otherwise the staff member's reason",
  })
  suspensionReason!: string | null;
  @Field({ description: 'Suspended by dunning: paying the overdue invoices lifts it, reactivating does not' })
  suspendedForNonPayment!: boolean;
  @Field(() => String, { nullable: true, description: "The longest-standing active owner's e-mail" })
  ownerEmail!: string | null;
  @Field(() => String, { nullable: true }) stripeCustomerId!: string | null;
  @Field(() => ID, { nullable: true }) planId!: string | null;
  @Field(() => String, { nullable: true }) planCode!: string | null;
  @Field(() => String, { nullable: true }) planName!: string | null;
  @Field(() => Int, { nullable: true }) planVersion!: number | null;
  @Field(() => Date, { nullable: true, description: 'Since when an invoice is overdue or its payment failed' })
  pastDueSince!: Date | null;
  @Field({ description: 'A quota of its plan version is exceeded (HARD: at its limit; SOFT: past it) this period' })
  overQuota!: boolean;
  @Field(() => Int, { description: 'Seats assigned to active members' }) seatsUsed!: number;
  @Field(() => Int, { nullable: true, description: 'Seats paid for' }) seatsPaid!: number | null;
  @Field() createdAt!: Date;
}

@ObjectType('OperatorTenantEdge')
export class OperatorTenantEdge {
  @Field() cursor!: string;
  @Field(() => OperatorTenantModel) node!: OperatorTenantModel;
}

@ObjectType('OperatorTenantConnection')
export class OperatorTenantConnection {
  @Field(() => [OperatorTenantEdge]) edges!: OperatorTenantEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('OperatorSubscription')
export class OperatorSubscriptionModel {
  @Field(() => ID) planVersionId!: string;
  @Field() planCode!: string;
  @Field() planName!: string;
  @Field(() => Int) planVersion!: number;
  @Field() currency!: string;
  @Field() interval!: string;
  @Field() currentPeriodStart!: Date;
  @Field() currentPeriodEnd!: Date;
  @Field(() => Date, { nullable: true }) trialEndsAt!: Date | null;
  @Field(() => Date, { nullable: true }) pastDueSince!: Date | null;
  @Field() cancelAtPeriodEnd!: boolean;
  @Field(() => Int, { description: 'Seats paid for' }) seatsPaid!: number;
  @Field(() => Int, { description: 'Seats assigned to active members' }) seatsUsed!: number;
  @Field(() => Int, { description: "The plan version's seat limit" }) maxSeats!: number;
  @Field(() => Int) includedSeats!: number;
}

@ObjectType('OperatorMetricUsage', { description: 'Usage of one metric in the current period, against its quota' })
export class OperatorMetricUsageModel {
  @Field() metricCode!: string;
  @Field() metricName!: string;
  @Field() unit!: string;
  @Field({ description: 'A decimal, as a string' }) used!: string;
  @Field(() => String, { nullable: true, description: 'The period limit; null when the plan sets none' })
  limit!: string | null;
  @Field(() => QuotaEnforcement, { nullable: true }) enforcement!: QuotaEnforcement | null;
  @Field() overQuota!: boolean;
}

@ObjectType('OperatorInvoice')
export class OperatorInvoiceModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) number!: string | null;
  @Field(() => InvoiceStatus) status!: InvoiceStatus;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field() currency!: string;
  @Field({ description: 'Integer minor units, as a string' }) totalMinor!: string;
  @Field({ description: 'What is still owed, in minor units, as a string' }) amountDueMinor!: string;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
}

@ObjectType('OperatorAuditEvent', { description: "An event of the tenant's own audit log" })
export class OperatorAuditEventModel {
  @Field(() => ID) id!: string;
  @Field() occurredAt!: Date;
  @Field(() => String, { nullable: true }) actorEmail!: string | null;
  @Field(() => ID, { nullable: true }) impersonatorUserId!: string | null;
  @Field() action!: string;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => GraphQLJSON) changes!: Prisma.JsonValue;
}

@ObjectType('OperatorSupportSession', { description: "A support session on the tenant, as the tenant's log shows it" })
export class OperatorSupportSessionModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) staffEmail!: string | null;
  @Field(() => String, { nullable: true, description: 'The member support viewed the tenant as' })
  viewedAsEmail!: string | null;
  @Field() reason!: string;
  @Field() ticketReference!: string;
  @Field({ description: 'READ_ONLY or WRITE' }) mode!: string;
  @Field({ description: 'PENDING_APPROVAL, ACTIVE or ENDED' }) status!: string;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field() expiresAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => String, { nullable: true }) endedHow!: string | null;
}

@ObjectType('OperatorTenantDetail')
export class OperatorTenantDetailModel {
  @Field(() => OperatorTenantModel) tenant!: OperatorTenantModel;
  @Field(() => [String], { description: "Active owners' e-mail addresses" }) ownerEmails!: string[];
  @Field(() => OperatorSubscriptionModel, { nullable: true }) subscription!: OperatorSubscriptionModel | null;
  @Field(() => [OperatorMetricUsageModel]) usage!: OperatorMetricUsageModel[];
  @Field(() => [OperatorInvoiceModel], { description: 'The most recent invoices, newest period first' })
  invoices!: OperatorInvoiceModel[];
  @Field(() => [OperatorAuditEventModel], { description: "The tenant's most recent audit events, newest first" })
  auditEvents!: OperatorAuditEventModel[];
  @Field(() => [OperatorSupportSessionModel], { description: 'The most recent support sessions, newest first' })
  supportSessions!: OperatorSupportSessionModel[];
}
