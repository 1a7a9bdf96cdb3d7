/** Demo accounts the seed creates (prisma/seed/demo-accounts.json). */
export const OWNER = {
  email: 'owner@acme.test',
  password: 'warbler-demo-owner',
};
export const MEMBER = {
  email: 'member@acme.test',
  password: 'warbler-demo-member',
};
export const MFA_ADMIN = {
  email: 'mfa@acme.test',
  password: 'warbler-demo-mfa',
};

/** The TOTP secret the seed gives mfa@acme.test. */
export const MFA_SECRET = process.env['E2E_MFA_SECRET'] ?? 'WARBLERDEMOMFASECRETKEYABCDEFGHJ';

export const TENANT_NAME = 'Acme Chat';
