import { loadConfig } from '@warbler/api/core';
import { ensurePlatformAdmin, oneTimePassword } from './platform-admin';

/**
 * `npm run staff:platform-admin -- <email> [display name]`: the first platform admin of an installation
 * (DATABASE_URL, the schema owner). The password is WARBLER_ADMIN_PASSWORD, or a generated one printed once.
 */
async function main() {
  const [email, ...name] = process.argv.slice(2);
  if (!email?.includes('@')) throw new Error('Usage: npm run staff:platform-admin -- <email> [display name]');
  const given = process.env['WARBLER_ADMIN_PASSWORD'];
  const password = given || oneTimePassword();
  const { created } = await ensurePlatformAdmin(loadConfig().databaseUrl, {
    email,
    displayName: name.join(' ') || email,
    password,
  });
  if (!created) console.log(`${email} already had an account: it is a platform admin now, its password unchanged`);
  else if (given)
    console.log(`${email} is a platform admin; sign in with WARBLER_ADMIN_PASSWORD and enrol a second factor`);
  else console.log(`${email} is a platform admin; sign in with this password, shown once: ${password}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
