import { Module } from '@nestjs/common';
import { AuditModule } from '@warbler/api/audit';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { WebhookEventsModule } from '@warbler/api/webhooks';
import { SupportAccessService } from './support-access.service';
import { SupportResolver } from './support.resolver';
import { SupportSessionEnds } from './support-session-ends';
import { SupportSessionExpiry } from './support-session-expiry';
import { SupportSessionsService } from './support-sessions.service';

/**
 * Support impersonation: sessions, their approval and end, and the tenant's say over them.
 * Working inside a session (the actor, the read-only rule, the request log) is @warbler/api/access's.
 */
@Module({
  imports: [AuditModule, PlatformDatabaseModule, WebhookEventsModule],
  providers: [SupportSessionEnds, SupportSessionExpiry, SupportSessionsService, SupportAccessService, SupportResolver],
  exports: [SupportSessionsService],
})
export class SupportModule {}
