import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AuditEventFilter } from './audit-event-filter.input';

/** A page is one query; the cap keeps any single request cheap. */
export const MAX_AUDIT_PAGE = 200;

@ArgsType()
export class AuditEventsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  first = 50;

  /** The cursor of the last edge already seen: a seq. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'after must be a cursor returned by auditEvents' })
  after?: string | null;

  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter | null;
}
