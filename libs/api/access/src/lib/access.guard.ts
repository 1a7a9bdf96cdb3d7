import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden } from '@warbler/api/core';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import { abilityOf } from './ability';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ActorResolver } from './actor-resolver';
import { httpPair } from './request';

/** The global guard: resolves the actor and enforces each handler's declared policy. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      throw forbidden('This operation declares no access policy and is refused');
    }
    if (policy.kind === 'public') return true;

    const { req } = httpPair(context);
    if (policy.kind === 'api-key') {
      req.apiKeyCaller = await this.apiKeys.authenticate(req, policy.scope);
      return true;
    }
    const actor = await this.actors.resolve(req);
    req.actor = actor;
    if (policy.kind === 'signed-in') return true;

    if (!actor.mfaSatisfied) {
      throw new DomainError('MFA_REQUIRED', 'Set up two-factor authentication to continue', 'MFA_ENROLMENT_REQUIRED');
    }
    if (!abilityOf(actor).can(policy.action, policy.subject)) {
      throw forbidden(actor.tenantId ? 'Your role does not allow this' : 'Select a tenant to do this');
    }
    return true;
  }
}
