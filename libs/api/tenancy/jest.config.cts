module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-tenancy',
  coverageDirectory: '../../../coverage/libs/api/tenancy',
});
