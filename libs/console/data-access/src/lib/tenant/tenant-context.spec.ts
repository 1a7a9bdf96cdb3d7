import { TestBed } from '@angular/core/testing';
import { TenantContext } from './tenant-context';

describe('TenantContext', () => {
  beforeEach(() => localStorage.clear());

  it('remembers the chosen tenant across visits', () => {
    TestBed.inject(TenantContext).select('t-2');
    TestBed.resetTestingModule();
    expect(TestBed.inject(TenantContext).tenantId()).toBe('t-2');
  });

  it('forgets it when the person works in no tenant', () => {
    const tenant = TestBed.inject(TenantContext);
    tenant.select('t-2');
    tenant.select(null);
    expect(localStorage.getItem('warbler.tenantId')).toBeNull();
  });
});
