import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('SessionInfo')
export class SessionInfoModel {
  @Field(() => ID) id!: string;
  @Field() createdAt!: Date;
  @Field() lastUsedAt!: Date;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field({ description: 'The session this request was made with' }) current!: boolean;
}
