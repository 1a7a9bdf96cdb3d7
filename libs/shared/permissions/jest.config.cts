module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'shared-permissions',
  database: false,
});
