import { Field, ObjectType } from '@nestjs/graphql';

/** Relay-style page information, shared by every cursor connection of the API. */
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
