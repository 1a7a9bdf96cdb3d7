export * from './lib/identity.module';
export * from './lib/passwords/password-hasher';
export * from './lib/passwords/password-policy';
export * from './lib/sessions/session-issuer';
export type { SessionUser } from './lib/sessions/session-user';
export * from './lib/graphql/identity-enums';
export * from './lib/graphql/identity.types';
export * from './lib/mfa/mfa-secret-box';
