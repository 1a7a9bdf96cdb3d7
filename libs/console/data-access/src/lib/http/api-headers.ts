/** The headers every authenticated API call carries, GraphQL and REST alike. */
export function apiHeaders(
  accessToken: string | null,
  tenantId: string | null,
  supportSessionId: string | null = null,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (accessToken) headers['Authorization'] = `Bearer ${accessToken}`;
  if (tenantId) headers['X-Tenant-Id'] = tenantId;
  if (supportSessionId) headers['X-Support-Session'] = supportSessionId;
  return headers;
}
