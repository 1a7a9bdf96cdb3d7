import { resolve } from 'node:path';

/**
 * Everything Warbler reads from the environment, parsed once and validated at start-up
 * so that a bad value stops the process with a clear message instead of failing later.
 * README.md lists each variable; keep the two in step.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Public origin of the console, for CORS and links in e-mails. */
  publicUrl: string;
  /** Owner connection: migrations only. */
  databaseUrl: string;
  /** Connection of the API's tenant-scoped work (role warbler_app, no BYPASSRLS). */
  appDatabaseUrl: string;
  /** Connection of operator-scoped work (role warbler_platform, BYPASSRLS). */
  platformDatabaseUrl: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  invitationTtlHours: number;
  loginAttemptsPerWindow: number;
  loginWindowSeconds: number;
  /** Key that encrypts TOTP secrets at rest (any length; hashed into an AES-256 key). */
  mfaEncryptionKey: string;
  logLevel: string;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  /** Built console to serve, if present. */
  consoleDist: string;
  migrationsDir: string;
  /** Express `trust proxy`: which hops may set X-Forwarded-For (client IPs for limits and audit). */
  trustProxy: boolean | number | string;
  /** Whether this instance runs the periodic jobs (safe on every instance: each run is locked). */
  jobsEnabled: boolean;
  /** Whether API keys are kept in memory, fresh by PostgreSQL notices (`off` if a pooler drops LISTEN). */
  apiKeyCache: boolean;
  /** `stripe` when STRIPE_SECRET_KEY is set, else `local` (finance records payments). */
  billingProvider: 'local' | 'stripe';
  /** Stripe's API key; null with the local provider. */
  stripeSecretKey: string | null;
  /** The signing secret of the `/webhooks/stripe` endpoint (whsec_...). */
  stripeWebhookSecret: string | null;
  /** Where the Stripe SDK sends its calls (a local mock in tests); null for Stripe itself. */
  stripeApiBase: URL | null;
  /** Days a subscription may stay past due before its tenant is suspended. */
  billingGraceDays: number;
  /** Where export jobs write their files (created if missing). */
  exportStorageDir: string;
  /** How long an export job and its file are kept after it was created. */
  exportRetentionHours: number;
  /** Key that encrypts webhook signing secrets at rest (any length; hashed into an AES-256 key). */
  webhookEncryptionKey: string;
  /**
   * Whether webhook endpoints may be private, loopback or link-local addresses (and plain http://):
   * for development and tests only; in production a tenant could otherwise probe the internal network.
   */
  webhookAllowPrivateTargets: boolean;
  /** How long a webhook delivery waits for the endpoint's answer. */
  webhookTimeoutMs: number;
}

const DEV_SECRET = 'warbler-development-secret-change-me';

export function roleUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function optionalUrl(env: NodeJS.ProcessEnv, name: string): URL | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    throw new Error(`${name} must be a URL such as http://127.0.0.1:12111, got "${raw}"`);
  }
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env['NODE_ENV'] ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new Error(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const jwtSecret = env['JWT_SECRET'] ?? (nodeEnv === 'production' ? '' : DEV_SECRET);
  if (jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be set to at least 32 characters in production');
  }
  const port = intVar(env, 'PORT', 3000);
  const stripeSecretKey = env['STRIPE_SECRET_KEY'] || null;
  const stripeWebhookSecret = env['STRIPE_WEBHOOK_SECRET'] || null;
  if (stripeSecretKey && !stripeWebhookSecret && nodeEnv === 'production') {
    throw new Error('STRIPE_WEBHOOK_SECRET must be set with STRIPE_SECRET_KEY: payments are confirmed by webhooks');
  }
  return {
    nodeEnv,
    port,
    publicUrl: (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl,
    appDatabaseUrl:
      env['APP_DATABASE_URL'] ?? roleUrl(databaseUrl, 'warbler_app', env['APP_DB_PASSWORD'] ?? 'warbler_app_dev'),
    platformDatabaseUrl:
      env['PLATFORM_DATABASE_URL'] ??
      roleUrl(databaseUrl, 'warbler_platform', env['PLATFORM_DB_PASSWORD'] ?? 'warbler_platform_dev'),
    jwtSecret,
    accessTokenTtlSeconds: intVar(env, 'ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTokenTtlSeconds: intVar(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
    invitationTtlHours: intVar(env, 'INVITATION_TTL_HOURS', 72),
    loginAttemptsPerWindow: intVar(env, 'LOGIN_ATTEMPTS_PER_WINDOW', 5),
    loginWindowSeconds: intVar(env, 'LOGIN_WINDOW_SECONDS', 900),
    mfaEncryptionKey: env['MFA_ENCRYPTION_KEY'] ?? jwtSecret,
    logLevel: env['LOG_LEVEL'] ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    graphqlMaxDepth: intVar(env, 'GRAPHQL_MAX_DEPTH', 10),
    graphqlMaxComplexity: intVar(env, 'GRAPHQL_MAX_COMPLEXITY', 1000),
    consoleDist: resolve(env['CONSOLE_DIST'] ?? 'dist/apps/console/browser'),
    migrationsDir: resolve(env['MIGRATIONS_DIR'] ?? 'prisma/migrations'),
    trustProxy: parseTrustProxy(env['TRUST_PROXY'] ?? 'loopback'),
    jobsEnabled: (env['JOBS_ENABLED'] ?? (nodeEnv === 'test' ? 'false' : 'true')) === 'true',
    apiKeyCache: env['API_KEY_CACHE'] !== 'off',
    billingProvider: stripeSecretKey ? 'stripe' : 'local',
    stripeSecretKey,
    stripeWebhookSecret,
    stripeApiBase: optionalUrl(env, 'STRIPE_API_BASE'),
    billingGraceDays: intVar(env, 'BILLING_GRACE_DAYS', 14, 0),
    exportStorageDir: resolve(env['EXPORT_STORAGE_DIR'] ?? '.data/exports'),
    exportRetentionHours: intVar(env, 'EXPORT_RETENTION_HOURS', 72),
    webhookEncryptionKey: env['WEBHOOK_ENCRYPTION_KEY'] ?? jwtSecret,
    webhookAllowPrivateTargets:
      (env['WEBHOOK_ALLOW_PRIVATE_TARGETS'] ?? (nodeEnv === 'production' ? 'false' : 'true')) === 'true',
    webhookTimeoutMs: intVar(env, 'WEBHOOK_TIMEOUT_SECONDS', 10) * 1000,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
