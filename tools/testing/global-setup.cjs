// Jest global setup of every server-side project: make sure the shared test database
// exists and is migrated, then point the test workers at it.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '../../tsconfig.base.json');
require('@swc-node/register');
const { prepareTestDatabase } = require('../db/test-database.ts');

module.exports = async () => {
  if (!process.env.WARBLER_TEST_SERVER_URL) {
    process.env.WARBLER_TEST_SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  }
  process.env.DATABASE_URL = await prepareTestDatabase({ reset: false });
  process.env.NODE_ENV = 'test';
};
