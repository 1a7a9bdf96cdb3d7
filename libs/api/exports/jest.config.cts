module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-exports',
  coverageDirectory: '../../../coverage/libs/api/exports',
});
