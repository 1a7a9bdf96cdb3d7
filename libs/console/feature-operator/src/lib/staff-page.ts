import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  dataOf,
  GrantStaffRoleGQL,
  liveQuery,
  PermissionsService,
  RevokeStaffRoleGQL,
  SessionStore,
  type StaffAccountFieldsFragment,
  StaffAccountsGQL,
  type StaffRole,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { STAFF_ROLE_DUTIES, STAFF_ROLE_LABELS, STAFF_ROLES } from './staff-roles';

/** The operator's staff and their roles: the platform admin's page. */
@Component({
  selector: 'wb-staff-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatSelectModule,
    MatTableModule,
    MatTooltip,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './staff-page.html',
  styleUrls: ['./operator-pages.scss', './staff-page.scss'],
})
export class StaffPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly session = inject(SessionStore);
  private readonly accountsQuery = inject(StaffAccountsGQL);
  private readonly grantMutation = inject(GrantStaffRoleGQL);
  private readonly revokeMutation = inject(RevokeStaffRoleGQL);

  protected readonly accounts = liveQuery(
    () => this.accountsQuery.watch({ fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.staffAccounts,
    { enabled: () => this.permissions.can('read', 'StaffAccount') },
  );
  protected readonly canChange = computed(() => this.permissions.can('changeRole', 'StaffAccount'));
  protected readonly myId = computed(() => this.session.me()?.user.id ?? null);
  protected readonly roles = STAFF_ROLES;
  protected readonly labels = STAFF_ROLE_LABELS;
  protected readonly columns = ['person', 'role', 'mfa', 'since', 'actions'];
  protected readonly busy = signal<string | null>(null);
  protected readonly message = userMessage;

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl<StaffRole>('SUPPORT', { nonNullable: true, validators: [Validators.required] }),
  });

  protected roleLabel(role: StaffRole | null): string {
    return role ? STAFF_ROLE_LABELS[role] : '—';
  }

  protected roleDuties(role: StaffRole | null): string {
    return role ? STAFF_ROLE_DUTIES[role] : '';
  }

  protected async add(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, role } = this.form.getRawValue();
    const account = await this.grant(email.trim(), role, 'new');
    if (account) this.form.reset({ email: '', role: 'SUPPORT' });
  }

  protected async changeRole(account: StaffAccountFieldsFragment, role: StaffRole): Promise<void> {
    if (role === account.staffRole) return;
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Make ${account.displayName} ${STAFF_ROLE_LABELS[role].toLowerCase()}?`,
        message: `${account.email} is signed out everywhere and gets the new role at the next sign-in.`,
        confirmLabel: 'Change role',
      }),
    );
    if (!confirmed) {
      // The select already shows the new value: read the list again to put it back.
      this.accounts.reload();
      return;
    }
    await this.grant(account.email, role, account.id);
  }

  protected async remove(account: StaffAccountFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Remove ${account.displayName} from staff?`,
        message: `${account.email} keeps their user account, loses every staff permission and is signed out everywhere.`,
        confirmLabel: 'Remove staff role',
      }),
    );
    if (!confirmed) return;
    this.busy.set(account.id);
    try {
      await dataOf(this.revokeMutation.mutate({ variables: { userId: account.id } }));
      this.accounts.reload();
      this.notifier.success(`${account.email} is no longer staff`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(null);
    }
  }

  private async grant(email: string, role: StaffRole, busyKey: string): Promise<StaffAccountFieldsFragment | null> {
    this.busy.set(busyKey);
    try {
      const { grantStaffRole } = await dataOf(this.grantMutation.mutate({ variables: { input: { email, role } } }));
      this.accounts.reload();
      this.notifier.success(`${grantStaffRole.email} is ${STAFF_ROLE_LABELS[role].toLowerCase()}`);
      return grantStaffRole;
    } catch (error) {
      this.notifier.error(userMessage(error));
      this.accounts.reload();
      return null;
    } finally {
      this.busy.set(null);
    }
  }
}
