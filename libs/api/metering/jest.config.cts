module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-metering',
  coverageDirectory: '../../../coverage/libs/api/metering',
});
