import { randomUUID } from 'node:crypto';

/** A word no other fixture contains, to find exactly the tenants a test made. */
export const marker = (prefix = 'zq') => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
