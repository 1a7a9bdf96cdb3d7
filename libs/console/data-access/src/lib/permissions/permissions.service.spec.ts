import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { asSubject, defineAbilityFor, packAbility } from '@warbler/shared/permissions';
import type { Me } from '../session/session.store';
import { SessionStore } from '../session/session.store';
import { PermissionsService } from './permissions.service';

describe('PermissionsService', () => {
  const me = signal<Partial<Me> | null>(null);
  const packedFor = (tenantRole: 'OWNER' | 'ADMIN' | 'MEMBER') =>
    packAbility(
      defineAbilityFor({
        userId: 'u-1',
        tenantRole,
        staffRole: null,
        mfaSatisfied: true,
      }),
    );

  beforeEach(() => {
    me.set(null);
    TestBed.configureTestingModule({
      providers: [{ provide: SessionStore, useValue: { me } }],
    });
  });

  it('unpacks the rules sent in me.permissions', () => {
    me.set({ permissions: packedFor('ADMIN') });
    const permissions = TestBed.inject(PermissionsService);

    expect(permissions.can('read', 'Member')).toBe(true);
    expect(permissions.can('invite', 'Member')).toBe(true);
    expect(permissions.can('transferOwnership', 'Member')).toBe(false);
    expect(permissions.can('changeRole', asSubject('Member', { role: 'OWNER', userId: 'u-2' }))).toBe(false);
    expect(permissions.can('changeRole', asSubject('Member', { role: 'MEMBER', userId: 'u-2' }))).toBe(true);
  });

  it('follows the session when the rules change (another tenant, another role)', () => {
    me.set({ permissions: packedFor('OWNER') });
    const permissions = TestBed.inject(PermissionsService);
    expect(permissions.can('read', 'AuditLog')).toBe(true);

    me.set({ permissions: packedFor('MEMBER') });
    expect(permissions.can('read', 'AuditLog')).toBe(false);
    expect(permissions.can('read', 'Tenant')).toBe(true);
  });

  it('grants nothing when signed out or when the rules are not a packed list', () => {
    const permissions = TestBed.inject(PermissionsService);
    expect(permissions.can('read', 'Profile')).toBe(false);
    me.set({ permissions: { not: 'rules' } });
    expect(permissions.can('read', 'Profile')).toBe(false);
  });
});
