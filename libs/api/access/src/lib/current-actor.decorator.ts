import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Actor, type ApiKeyCaller, unauthenticated } from '@warbler/api/core';
import { httpPair } from './request';

/** The actor the guard resolved for this request; handlers pass it to services first. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = httpPair(context).req.actor;
  if (!actor) throw unauthenticated();
  return actor;
});

/** The tenant API key that authenticated this request (routes declared with `@TenantApiKey`). */
export const CurrentApiKey = createParamDecorator((_data: unknown, context: ExecutionContext): ApiKeyCaller => {
  const caller = httpPair(context).req.apiKeyCaller;
  if (!caller) throw unauthenticated();
  return caller;
});
