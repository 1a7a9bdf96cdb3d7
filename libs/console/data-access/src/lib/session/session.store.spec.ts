import { TestBed } from '@angular/core/testing';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Apollo } from 'apollo-angular';
import { of, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { MeGQL } from '../generated/graphql';
import { TenantContext } from '../tenant/tenant-context';
import { chooseTenant, type Me, SessionStore } from './session.store';

const membership = (id: string) => ({
  role: 'OWNER' as const,
  tenant: { id, name: `Tenant ${id}`, slug: id },
});

/** What the API answers for `me` given the X-Tenant-Id the request carries. */
function meFor(tenantId: string | null): Me {
  return {
    user: { id: 'u-1', email: 'owner@acme.test', displayName: 'Olivia Owner' },
    staffRole: null,
    mfaEnabled: false,
    mfaRequired: false,
    mfaSatisfied: true,
    memberships: [membership('t-1'), membership('t-2')],
    currentTenantId: tenantId,
    currentRole: tenantId ? 'OWNER' : null,
    permissions: [],
  };
}

describe('SessionStore', () => {
  let tenant: TenantContext;
  let sentTenants: string[];
  let clearStore: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    sentTenants = [];
    clearStore = jest.fn(async () => []);
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: {
            signedIn: () => true,
            refresh: jest.fn(async () => 'token'),
          },
        },
        { provide: Apollo, useValue: { client: { clearStore } } },
        {
          provide: MeGQL,
          useValue: {
            fetch: (options: { context: { headers: Record<string, string> } }) => {
              const sent = options.context.headers['X-Tenant-Id'];
              sentTenants.push(sent);
              if (sent === 't-gone') {
                const extensions = {
                  code: 'FORBIDDEN',
                  reason: 'NOT_A_MEMBER',
                };
                return throwError(
                  () =>
                    new CombinedGraphQLErrors({
                      data: null,
                      errors: [{ message: 'No', extensions }],
                    }),
                );
              }
              return of({ data: { me: meFor(sent || null) } });
            },
          },
        },
      ],
    });
    tenant = TestBed.inject(TenantContext);
  });

  it('defaults to the first membership and reads me again inside it', async () => {
    const session = TestBed.inject(SessionStore);
    const me = await session.start();
    expect(sentTenants).toEqual(['', 't-1']);
    expect(me.currentTenantId).toBe('t-1');
    expect(tenant.tenantId()).toBe('t-1');
    expect(session.currentMembership()?.tenant.name).toBe('Tenant t-1');
  });

  it('keeps the remembered tenant in one request', async () => {
    tenant.select('t-2');
    await TestBed.inject(SessionStore).start();
    expect(sentTenants).toEqual(['t-2']);
  });

  it('drops a remembered tenant the person no longer belongs to', async () => {
    tenant.select('t-gone');
    const me = await TestBed.inject(SessionStore).start();
    expect(sentTenants).toEqual(['t-gone', '', 't-1']);
    expect(me.currentTenantId).toBe('t-1');
  });

  it('switches the tenant only once its rules are loaded, clearing the previous cache', async () => {
    const session = TestBed.inject(SessionStore);
    await session.start();
    clearStore.mockClear();

    const switching = session.switchTenant('t-2');
    expect(tenant.tenantId()).toBe('t-1');
    await switching;
    expect(tenant.tenantId()).toBe('t-2');
    expect(session.me()?.currentTenantId).toBe('t-2');
    expect(clearStore).toHaveBeenCalledTimes(1);
  });
});

describe('chooseTenant', () => {
  it('keeps the wanted tenant while the person is a member, else takes the first', () => {
    expect(chooseTenant('t-2', ['t-1', 't-2'])).toBe('t-2');
    expect(chooseTenant('t-9', ['t-1', 't-2'])).toBe('t-1');
    expect(chooseTenant(null, ['t-1'])).toBe('t-1');
    expect(chooseTenant('t-9', [])).toBeNull();
  });
});
