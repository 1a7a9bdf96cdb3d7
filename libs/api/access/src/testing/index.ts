export * from './bearer';
export * from './graphql-request';
export * from './test-app';
export * from './signed-in';
