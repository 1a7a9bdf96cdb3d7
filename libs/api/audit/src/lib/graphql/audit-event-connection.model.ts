import { Field, ObjectType } from '@nestjs/graphql';
import { AuditEvent } from './audit-event.model';
import { PageInfo } from './page-info.model';

@ObjectType()
export class AuditEventEdge {
  /** The event's seq: the next page starts below it. */
  @Field() cursor!: string;
  @Field(() => AuditEvent) node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
