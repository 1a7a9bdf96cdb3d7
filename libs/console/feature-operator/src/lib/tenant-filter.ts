import type { OperatorTenantFilter, TenantStatus } from '@warbler/console/data-access';

/** What the tenants list is narrowed to; null and false mean "any". */
export interface TenantListFilter {
  search: string;
  planId: string | null;
  status: TenantStatus | null;
  pastDue: boolean;
  overQuota: boolean;
}

export const NO_FILTER: TenantListFilter = { search: '', planId: null, status: null, pastDue: false, overQuota: false };

/** The API's arguments for a filter: unset criteria are left out rather than sent as "false". */
export function toQueryArguments(filter: TenantListFilter): { search: string | null; filter: OperatorTenantFilter } {
  return {
    search: filter.search.trim() || null,
    filter: {
      planId: filter.planId,
      status: filter.status,
      pastDue: filter.pastDue ? true : null,
      overQuota: filter.overQuota ? true : null,
    },
  };
}
