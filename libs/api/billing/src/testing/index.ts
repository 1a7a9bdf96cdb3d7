export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
export * from './billing-fixtures';
export * from './operations';
export * from './numbering-probe';
export * from './pdf-text';
export * from './subscription-fixtures';
export * from './subscription-operations';
