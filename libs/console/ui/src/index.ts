export { Avatar, initialsOf } from './lib/avatar';
export { Brand } from './lib/brand';
export {
  ConfirmDialog,
  confirmAction,
  type ConfirmData,
} from './lib/confirm-dialog';
export { CopyField } from './lib/copy-field';
export { EmptyState } from './lib/empty-state';
export { ErrorState } from './lib/error-state';
export { LoadingState } from './lib/loading-state';
export { Notifier } from './lib/notifier';
export { PageHeader } from './lib/page-header';
export { RoleChip } from './lib/role-chip';
