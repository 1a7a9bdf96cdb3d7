module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-audit',
  coverageDirectory: '../../../coverage/libs/api/audit',
});
