import { inject, Injectable, signal } from '@angular/core';
import { dataOf, type OperatorTenantFieldsFragment, OperatorTenantsGQL } from '@warbler/console/data-access';
import { cursorPages } from '@warbler/console/feature-billing';
import { NO_FILTER, type TenantListFilter, toQueryArguments } from './tenant-filter';

const PAGE_SIZE = 25;

/** Every tenant for staff, searched and filtered on the server and read page by page. */
@Injectable()
export class OperatorTenantsStore {
  private readonly query = inject(OperatorTenantsGQL);

  readonly filter = signal<TenantListFilter>(NO_FILTER);
  readonly pages = cursorPages<OperatorTenantFieldsFragment, TenantListFilter>(this.filter, async (filter, after) => {
    const { operatorTenants } = await dataOf(
      this.query.fetch({
        variables: { ...toQueryArguments(filter), first: PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      }),
    );
    return {
      items: operatorTenants.edges.map((edge) => edge.node),
      next: operatorTenants.pageInfo.hasNextPage ? (operatorTenants.pageInfo.endCursor ?? null) : null,
    };
  });
}
