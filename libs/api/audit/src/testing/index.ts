export * from './fixtures';
export * from './error-mapping';
export * from './bearer';
export * from './graphql-request';
export * from './test-app';
