import { Module } from '@nestjs/common';
import { AuditModule } from '@warbler/api/audit';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';

/** Tenant API keys: issue, list, rename, revoke. Authenticating with them is @warbler/api/access's. */
@Module({
  imports: [AuditModule],
  providers: [ApiKeysService, ApiKeysResolver],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
