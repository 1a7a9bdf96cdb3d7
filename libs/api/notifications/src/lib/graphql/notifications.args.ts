import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsUUID, Max, Min } from 'class-validator';

export const MAX_FEED_SIZE = 100;

@ArgsType()
export class NotificationFeedArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEED_SIZE)
  first = 20;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { description: `At most ${MAX_FEED_SIZE}; ids the tenant does not have are ignored` })
  @ArrayMaxSize(MAX_FEED_SIZE)
  @IsUUID('all', { each: true })
  ids!: string[];
}
