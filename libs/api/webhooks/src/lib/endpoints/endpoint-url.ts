import { badInput } from '@warbler/api/core';
import { isPublicAddress, resolveAll } from '../delivery/ssrf-guard';

export const MAX_URL_LENGTH = 2048;

/** The host to resolve: URL keeps IPv6 literals in brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why `raw` cannot be a webhook endpoint, or null when it may: an absolute http(s) URL without
 * credentials; https only, unless private targets are allowed (development and tests), since a
 * private target is the only place plain http is acceptable.
 */
export function urlProblem(raw: string, allowPrivateTargets: boolean): string | null {
  if (raw.length > MAX_URL_LENGTH) return `The URL is longer than ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter an absolute URL such as https://example.com/webhooks/warbler';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivateTargets)) {
    return 'The URL must start with https://';
  }
  if (url.username || url.password) return 'The URL must not carry a user name or password';
  if (!hostOf(url)) return 'The URL has no host';
  return null;
}

/**
 * Checks a URL at registration: well formed and, in production, resolving to public addresses only.
 * The check is repeated at each delivery (DNS answers change), so this one is for the admin's
 * benefit: an endpoint that could never be delivered to is refused at once.
 */
export async function checkEndpointUrl(raw: string, allowPrivateTargets: boolean): Promise<string> {
  const problem = urlProblem(raw, allowPrivateTargets);
  if (problem) throw badInput(problem, 'WEBHOOK_URL_INVALID');
  if (allowPrivateTargets) return raw;
  const host = hostOf(new URL(raw));
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw badInput(`${host} does not resolve to an address`, 'WEBHOOK_URL_UNRESOLVABLE');
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined || addresses.length === 0) {
    throw badInput(
      `${host} resolves to ${refused ?? 'no address'}, which is not a public address: webhooks go to the internet only`,
      'WEBHOOK_URL_NOT_PUBLIC',
    );
  }
  return raw;
}
