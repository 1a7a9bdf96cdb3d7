import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';
import { NotificationFeedModel } from './graphql/notification.model';
import { MarkNotificationsReadArgs, NotificationFeedArgs } from './graphql/notifications.args';
import { NotificationsService } from './notifications.service';

/** Reading and marking read are both 'read': marking changes only the caller's own read state. */
@Resolver(() => NotificationFeedModel)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationFeedModel)
  @Can('read', 'Notification')
  notifications(@CurrentActor() actor: Actor, @Args() { first }: NotificationFeedArgs): Promise<NotificationFeedModel> {
    return this.service.feed(inTenant(actor), first);
  }

  @Mutation(() => Int, { description: 'How many became read' })
  @Can('read', 'Notification')
  markNotificationsRead(@CurrentActor() actor: Actor, @Args() { ids }: MarkNotificationsReadArgs): Promise<number> {
    return this.service.markRead(inTenant(actor), ids);
  }

  @Mutation(() => Int, { description: 'How many became read' })
  @Can('read', 'Notification')
  markAllNotificationsRead(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.markAllRead(inTenant(actor));
  }
}

/** The guard's @Can already refused callers without a tenant role; this tells the types. */
function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
