module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-operator',
  coverageDirectory: '../../../coverage/libs/api/operator',
});
