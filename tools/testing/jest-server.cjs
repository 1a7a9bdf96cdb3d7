const { join } = require('node:path');

/**
 * The Jest setup every server-side project shares: SWC with decorator metadata, and the
 * shared PostgreSQL test database prepared once per run (`database: false` to skip it).
 */
module.exports = function serverJestConfig({ displayName, database = true, ...rest }) {
  return {
    ...require('../../jest.preset.js'),
    displayName,
    testEnvironment: 'node',
    // Integration tests talk to a real PostgreSQL that other projects' tests share.
    testTimeout: 20_000,
    transform: { '^.+\\.[tj]s$': ['@swc/jest', require('./swc-jest.cjs')] },
    // otplib's plugins depend on @scure/base and @noble/hashes 2, which ship ES modules
    // only: Node loads them with require(esm), Jest needs them compiled to CommonJS.
    transformIgnorePatterns: ['^(?!.*/node_modules/(@scure/base|@noble/hashes)/).*/node_modules/'],
    moduleFileExtensions: ['ts', 'js'],
    ...(database && { globalSetup: join(__dirname, 'global-setup.cjs') }),
    ...rest,
  };
};
