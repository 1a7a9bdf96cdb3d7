module.exports = {
  displayName: 'api-identity',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../../tools/testing/swc-jest.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '../../../tools/testing/global-setup.cjs',
  coverageDirectory: '../../../coverage/libs/api/identity',
};
