export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
export * from './support-ops';
export * from './support-world';
