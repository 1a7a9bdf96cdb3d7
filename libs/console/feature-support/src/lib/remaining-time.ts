/** "12:05" (minutes and seconds) or "1:02:05" left until `until`, never below zero. */
export function remainingTime(until: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((until.getTime() - now.getTime()) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => value.toString().padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

export const MODE_LABELS = { READ_ONLY: 'Read-only', WRITE: 'Can make changes' } as const;

export const END_LABELS = {
  ENDED_BY_STAFF: 'Ended by support',
  ENDED_BY_TENANT: 'Ended by the tenant',
  EXPIRED: 'Expired',
  LOGOUT: 'Support signed out',
} as const;

export const STATUS_LABELS = { PENDING_APPROVAL: 'Waiting for approval', ACTIVE: 'Active', ENDED: 'Ended' } as const;
