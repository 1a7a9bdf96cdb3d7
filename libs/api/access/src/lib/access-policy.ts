import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from '@warbler/api/core';
import type { Action, SubjectName } from '@warbler/shared/permissions';

/**
 * Every resolver and route declares who may call it; the guard refuses any handler that
 * declares nothing (fail closed), and a test walks the app to prove none is missing.
 */
export type AccessPolicy =
  | { kind: 'public'; why: string }
  | { kind: 'signed-in' }
  | { kind: 'ability'; action: Action; subject: SubjectName }
  | { kind: 'api-key'; scope: ApiKeyScope };

export const ACCESS_POLICY = 'warbler:access-policy';

/** Open to anyone, e.g. the login route; `why` documents the exception. */
export const Public = (why: string) => SetMetadata(ACCESS_POLICY, { kind: 'public', why } satisfies AccessPolicy);

/** Any signed-in user, whatever their tenant or role (profile, own sessions). */
export const SignedIn = () => SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy);

/** Callers whose abilities allow `action` on `subject` in their current tenant. */
export const Can = (action: Action, subject: SubjectName) =>
  SetMetadata(ACCESS_POLICY, { kind: 'ability', action, subject } satisfies AccessPolicy);

/** A tenant's software holding an API key with `scope`; read the caller with `@CurrentApiKey()`. */
export const TenantApiKey = (scope: ApiKeyScope) =>
  SetMetadata(ACCESS_POLICY, { kind: 'api-key', scope } satisfies AccessPolicy);
