export * from './metering-world';
export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
