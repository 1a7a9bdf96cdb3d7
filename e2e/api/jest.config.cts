module.exports = {
  displayName: 'e2e-api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/testing/swc-jest.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '../../tools/testing/global-setup.cjs',
  testTimeout: 30_000,
};
