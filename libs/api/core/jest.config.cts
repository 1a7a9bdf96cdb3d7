module.exports = require('../../../tools/testing/jest-server.cjs')({ displayName: 'api-core' });
