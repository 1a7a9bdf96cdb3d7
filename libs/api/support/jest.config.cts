module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-support',
  coverageDirectory: '../../../coverage/libs/api/support',
});
