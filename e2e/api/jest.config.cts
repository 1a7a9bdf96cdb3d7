module.exports = require('../../tools/testing/jest-server.cjs')({ displayName: 'e2e-api', testTimeout: 30_000 });
