export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
export * from './operations';
export * from './webhook-fixtures';
export * from './webhook-receiver';
export * from './signature-recipe';
