/** How full a quota is, for a bar: 0 to 100, or null when the plan sets no limit. */
export function percentOfLimit(used: string, limit: string | null): number | null {
  if (limit === null) return null;
  const max = Number(limit);
  if (!(max > 0)) return 100;
  return Math.min(100, Math.max(0, (Number(used) / max) * 100));
}
