import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Actor, unauthenticated } from '@warbler/api/core';
import { httpPair } from './request';

/** The actor the guard resolved for this request; handlers pass it to services first. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = httpPair(context).req.actor;
  if (!actor) throw unauthenticated();
  return actor;
});
