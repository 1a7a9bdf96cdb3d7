export * from '@warbler/api/core/testing';
export * from '@warbler/api/access/testing';
export { signedInStaffAs, signedInTenantMember } from '@warbler/api/catalog/testing';
export * from './billing-fixtures';
export * from './operations';
export * from './numbering-probe';
