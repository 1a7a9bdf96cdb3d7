module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'shared-pricing',
  database: false,
});
