export * from './harness';
export * from './operations';
export * from './tenant-world';
