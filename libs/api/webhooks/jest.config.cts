module.exports = require('../../../tools/testing/jest-server.cjs')({
  displayName: 'api-webhooks',
  coverageDirectory: '../../../coverage/libs/api/webhooks',
  // The restart test runs real delivery workers, which claim due deliveries of every tenant: specs of
  // this project run one after another so that no other spec's deliveries are claimed under it.
  maxWorkers: 1,
});
