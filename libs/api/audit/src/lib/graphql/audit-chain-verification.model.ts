import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ChainVerification } from '../chain/verify-chain';

@ObjectType()
export class AuditChainVerification implements ChainVerification {
  @Field() valid!: boolean;
  @Field(() => Int) eventsChecked!: number;
  @Field(() => String, { nullable: true }) firstBrokenSeq!: string | null;
  @Field(() => String, { nullable: true }) headHash!: string | null;
}
