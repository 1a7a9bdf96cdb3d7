export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
export * from './api-key-fixture';
export * from './api-key-probe';
export * from './tenant-people';
