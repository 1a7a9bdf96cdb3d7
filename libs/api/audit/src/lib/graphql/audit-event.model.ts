import { Field, ID, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import type { AuditEventModel, Prisma } from '@warbler/api/core';

@ObjectType()
export class AuditEvent {
  @Field(() => ID) id!: string;
  /** A bigint, so a string: JavaScript clients would lose precision past 2^53. */
  @Field() seq!: string;
  @Field() occurredAt!: Date;
  @Field(() => ID, { nullable: true }) actorUserId!: string | null;
  @Field(() => String, { nullable: true }) actorEmail!: string | null;
  @Field(() => ID, { nullable: true }) impersonatorUserId!: string | null;
  @Field() action!: string;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => GraphQLJSON) changes!: Prisma.JsonValue;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field() hash!: string;
  @Field() prevHash!: string;
}

export function toAuditEvent(event: AuditEventModel): AuditEvent {
  return {
    id: event.id,
    seq: event.seq.toString(),
    occurredAt: event.occurredAt,
    actorUserId: event.actorUserId,
    actorEmail: event.actorEmail,
    impersonatorUserId: event.impersonatorUserId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    changes: event.changes,
    requestId: event.requestId,
    ip: event.ip,
    hash: event.hash,
    prevHash: event.prevHash,
  };
}
