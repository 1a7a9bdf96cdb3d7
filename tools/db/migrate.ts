import { applyMigrations, loadConfig, setRolePasswords } from '@warbler/api/core';

/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (connect as the schema
 * owner) and gives the app and platform roles the passwords of their connection URLs.
 */
async function main() {
  const config = loadConfig();
  const applied = await applyMigrations(config.databaseUrl, config.migrationsDir, (line) => console.log(line));
  await setRolePasswords(config.databaseUrl, {
    app: decodeURIComponent(new URL(config.appDatabaseUrl).password),
    platform: decodeURIComponent(new URL(config.platformDatabaseUrl).password),
  });
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
