import { serveBuiltApi } from './run-warbler.mjs';

/**
 * `node tools/start/serve.mjs`: the built API (and the console it serves) for a deployment, on the
 * database in DATABASE_URL, already migrated (`npm run db:migrate`). No demo data, no embedded database.
 */
serveBuiltApi(process.env, (code) => process.exit(code));
