import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Actor, DomainError, forbidden } from '@warbler/api/core';
import type { SubjectName } from '@warbler/shared/permissions';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import { abilityOf } from './ability';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ActorResolver, SUPPORT_SESSION_EXIT, type SupportSessionContext, type TenantStanding } from './actor-resolver';
import { httpPair } from './request';

/**
 * What a suspended tenant's people may still change: their own profile and sessions (signing out
 * included), and the payment method, since paying is how a tenant suspended for non-payment gets back.
 */
const OPEN_WHILE_SUSPENDED = new Set<SubjectName>(['Profile', 'Session', 'PaymentMethod']);

/** A tenant that dunning suspended, as opposed to one a staff member suspended. */
const PAYMENT_OVERDUE = 'PAYMENT_OVERDUE';

/**
 * What support never changes, even in a WRITE session: the viewed member's own account and sign-ins,
 * and the tenant's say over support itself (its sessions, its refusal, its grant).
 */
const CLOSED_TO_SUPPORT = new Set<SubjectName>(['Profile', 'Session', 'SupportSession', 'SupportAccess']);

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
    const { actor, tenant, support } = await this.actors.resolve(req);
    req.actor = actor;
    if (support) return this.admitInSupportSession(context, policy, actor, tenant, support);
    return decide(context, policy, actor, tenant);
  }

  /**
   * Every request of a support session is decided as the viewed member's would be, after the
   * session's own limits, and written to the session's log with the decision, refusals included.
   * A request that cannot be logged is not served.
   */
  private async admitInSupportSession(
    context: ExecutionContext,
    policy: Exclude<AccessPolicy, { kind: 'public' | 'api-key' }>,
    actor: Actor,
    tenant: TenantStanding | null,
    support: SupportSessionContext,
  ): Promise<boolean> {
    const isChange = changes(context);
    const entry = { operation: operationOf(context), isChange };
    try {
      if (!this.reflector.get<boolean | undefined>(SUPPORT_SESSION_EXIT, context.getHandler())) {
        refuseOutsideSupportLimits(policy, support, isChange);
        decide(context, policy, actor, tenant);
      }
    } catch (error) {
      const outcome = error instanceof DomainError ? [error.code, error.reason].filter(Boolean).join(':') : 'ERROR';
      await this.actors.recordSupportRequest(support, actor, { ...entry, outcome });
      throw error;
    }
    await this.actors.recordSupportRequest(support, actor, { ...entry, outcome: 'ADMITTED' });
    return true;
  }
}

/** The checks every signed-in request passes, impersonated or not. */
function decide(
  context: ExecutionContext,
  policy: Exclude<AccessPolicy, { kind: 'public' | 'api-key' }>,
  actor: Actor,
  tenant: TenantStanding | null,
): true {
  if (policy.kind === 'signed-in') return true;
  if (!actor.mfaSatisfied) {
    throw new DomainError('MFA_REQUIRED', 'Set up two-factor authentication to continue', 'MFA_ENROLMENT_REQUIRED');
  }
  // A suspended tenant reads everything but changes nothing, whatever the caller's role.
  if (tenant?.status === 'SUSPENDED' && changes(context) && !OPEN_WHILE_SUSPENDED.has(policy.subject)) {
    throw tenantSuspended(tenant);
  }
  if (!abilityOf(actor).can(policy.action, policy.subject)) {
    throw forbidden(actor.tenantId ? 'Your role does not allow this' : 'Select a tenant to do this');
  }
  return true;
}

/** A READ_ONLY session changes nothing; no session changes what is closed to support. */
function refuseOutsideSupportLimits(
  policy: Exclude<AccessPolicy, { kind: 'public' | 'api-key' }>,
  support: SupportSessionContext,
  isChange: boolean,
): void {
  if (!isChange) return;
  if (support.mode === 'READ_ONLY') {
    throw new DomainError(
      'FORBIDDEN',
      'This support session is read-only: nothing can be changed in it. Ask the tenant’s owner for a write ' +
        'grant, or a platform admin to approve a write session.',
      'SUPPORT_READ_ONLY',
    );
  }
  if (policy.kind === 'signed-in' || CLOSED_TO_SUPPORT.has(policy.subject)) {
    throw new DomainError(
      'FORBIDDEN',
      'Support does not change the member’s own account or the tenant’s support settings',
      'SUPPORT_OUT_OF_BOUNDS',
    );
  }
}

/** What the session log calls a request: the GraphQL operation type and field, or the HTTP method and path. */
function operationOf(context: ExecutionContext): string {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    const info = GqlExecutionContext.create(context).getInfo();
    return `graphql:${info.operation.operation}:${info.fieldName}`;
  }
  const { req } = httpPair(context);
  return `http:${req.method} ${req.path}`;
}

/** A GraphQL mutation, or an HTTP request other than a read. */
function changes(context: ExecutionContext): boolean {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    return GqlExecutionContext.create(context).getInfo().operation.operation === 'mutation';
  }
  return !['GET', 'HEAD', 'OPTIONS'].includes(httpPair(context).req.method);
}

function tenantSuspended(tenant: TenantStanding): DomainError {
  const since = tenant.suspendedAt?.toISOString().slice(0, 10);
  const forNonPayment = tenant.suspensionReason === PAYMENT_OVERDUE;
  const message = forNonPayment
    ? `${tenant.name} is suspended since ${since} because an invoice is overdue. Everything can still be read, ` +
      'but changes are refused until the overdue invoices are paid: an owner, admin or billing admin can pay ' +
      'them or update the card on file under Plan & billing, and access comes back as soon as they are paid.'
    : `${tenant.name} was suspended by the operator on ${since}. Everything can still be read, but changes ` +
      'are refused until it is reactivated: contact support.';
  return new DomainError('FORBIDDEN', message, 'TENANT_SUSPENDED', {
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    suspensionCause: forNonPayment ? PAYMENT_OVERDUE : 'OPERATOR',
  });
}
