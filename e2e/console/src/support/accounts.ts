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

export const ADMIN = {
  email: 'admin@acme.test',
  password: 'warbler-demo-admin',
};

export const GLOBEX_OWNER = {
  email: 'owner@globex.test',
  password: 'warbler-demo-globex',
};

/** Platform staff; the seed gives it no second factor, so it must enrol one at its first sign-in. */
export const PLATFORM_ADMIN = {
  email: 'ops@warbler.test',
  password: 'warbler-demo-staff',
};

export const TENANT_SLUG = 'acme-chat';
