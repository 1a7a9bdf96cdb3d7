import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';

export { PrismaClient };

export interface PoolOptions {
  max?: number;
  applicationName?: string;
}

export function createPrismaClient(url: string, pool: PoolOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: pool.max ?? 10,
    application_name: pool.applicationName ?? 'warbler',
    // Fail fast when the database is gone, so /readyz reports it instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
