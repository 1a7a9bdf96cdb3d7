import type { MatDialog } from '@angular/material/dialog';
import {
  dataOf,
  type OperatorTenantFieldsFragment,
  type ReactivateTenantGQL,
  type SuspendTenantGQL,
  userMessage,
} from '@warbler/console/data-access';
import { openReasonDialog } from '@warbler/console/ui';
import type { Observable } from 'rxjs';

export interface TenantStandingChange {
  tenant: Pick<OperatorTenantFieldsFragment, 'id' | 'name'>;
  action: 'suspend' | 'reactivate';
}

/** The mutations that change a tenant's standing. */
export interface TenantStandingMutations {
  suspend: SuspendTenantGQL;
  reactivate: ReactivateTenantGQL;
}

/**
 * Suspends or reactivates a tenant with the reason its audit log will show. Emits the tenant as it
 * is afterwards, or undefined when the dialog was cancelled.
 */
export function openTenantStandingDialog(
  dialog: MatDialog,
  mutations: TenantStandingMutations,
  { tenant, action }: TenantStandingChange,
): Observable<OperatorTenantFieldsFragment | undefined> {
  const suspending = action === 'suspend';
  const effect = suspending
    ? 'Its people keep reading everything, but every change and every usage report is refused until it is ' +
      'reactivated. Payment does not lift this suspension.'
    : 'Its people can change things and report usage again at once.';
  return openReasonDialog(dialog, {
    title: `${suspending ? 'Suspend' : 'Reactivate'} ${tenant.name}?`,
    context: `${effect} The reason goes into the tenant's own audit log.`,
    confirmLabel: suspending ? 'Suspend tenant' : 'Reactivate tenant',
    busyLabel: suspending ? 'Suspending' : 'Reactivating',
    destructive: suspending,
    submit: async (reason) => {
      const input = { tenantId: tenant.id, reason };
      return suspending
        ? (await dataOf(mutations.suspend.mutate({ variables: { input } }))).suspendTenant
        : (await dataOf(mutations.reactivate.mutate({ variables: { input } }))).reactivateTenant;
    },
    describeError: userMessage,
  });
}
