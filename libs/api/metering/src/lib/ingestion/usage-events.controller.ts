import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentApiKey, TenantApiKey } from '@warbler/api/access';
import type { ApiKeyCaller } from '@warbler/api/core';
import type { UsageBatchResult } from '../shared/usage-results';
import { UsageIngestion } from './usage-ingestion.service';

/** A tenant's software reports usage here, in batches of up to 1,000 events. */
@Controller('v1/usage')
export class UsageEventsController {
  constructor(private readonly ingestion: UsageIngestion) {}

  /** 200 with a result per event: a batch is answered even when some of its events are rejected. */
  @Post('events')
  @HttpCode(200)
  @TenantApiKey('usage:write')
  record(@CurrentApiKey() caller: ApiKeyCaller, @Body() body: unknown): Promise<UsageBatchResult> {
    return this.ingestion.ingest(caller, body);
  }
}
