import { AsyncLocalStorage } from 'node:async_hooks';

/** Ambient per-request data for logs only; business code takes the Actor explicitly. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
