module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-notifications',
  coverageDirectory: '../../../coverage/libs/api/notifications',
});
