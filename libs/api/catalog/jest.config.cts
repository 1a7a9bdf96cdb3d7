module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-catalog',
  coverageDirectory: '../../../coverage/libs/api/catalog',
});
