import { defineConfig } from 'prisma/config';

// The CLI is used for `prisma generate` only; migrations are applied by
// tools/db/migrate.ts, which keeps Prisma's own _prisma_migrations bookkeeping.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://localhost/warbler' },
});
