module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-api-keys',
  coverageDirectory: '../../../coverage/libs/api/api-keys',
});
