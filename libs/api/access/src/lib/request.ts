import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Actor, ApiKeyCaller } from '@warbler/api/core';

export interface WarblerRequest extends Request {
  actor?: Actor;
  apiKeyCaller?: ApiKeyCaller;
  requestId: string;
}

export function httpPair(context: ExecutionContext): { req: WarblerRequest; res: Response } {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    const gql = GqlExecutionContext.create(context).getContext<{ req: WarblerRequest; res: Response }>();
    return { req: gql.req, res: gql.res };
  }
  const http = context.switchToHttp();
  return { req: http.getRequest<WarblerRequest>(), res: http.getResponse<Response>() };
}

export function clientIp(req: Request): string | null {
  return req.ip ?? req.socket?.remoteAddress ?? null;
}
