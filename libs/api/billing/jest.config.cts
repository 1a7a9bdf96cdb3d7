module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-billing',
  coverageDirectory: '../../../coverage/libs/api/billing',
});
