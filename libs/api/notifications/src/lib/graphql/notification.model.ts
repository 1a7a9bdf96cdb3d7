import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'What it is about, e.g. quota.threshold; the console picks an icon by it' }) kind!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field(() => String, { nullable: true, description: 'A console path to act on it' }) link!: string | null;
  @Field() createdAt!: Date;
  @Field({ description: 'Whether the current user has read it' }) read!: boolean;
}

@ObjectType('NotificationFeed')
export class NotificationFeedModel {
  @Field(() => [NotificationModel], { description: 'Newest first' }) items!: NotificationModel[];
  @Field(() => Int, { description: 'Of all the tenant’s notifications, not only these items' }) unreadCount!: number;
}
