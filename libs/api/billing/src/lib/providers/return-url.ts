import { badInput } from '@warbler/api/core';

/**
 * Stripe sends the browser back to the return URL after Checkout or the portal; only pages of this
 * Warbler's own console are accepted, so a crafted link cannot use Warbler to send people elsewhere.
 */
export function consoleReturnUrl(returnUrl: string, publicUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(returnUrl);
  } catch {
    throw badInput('returnUrl must be an absolute URL of this console', 'INVALID_RETURN_URL');
  }
  if (parsed.origin !== new URL(publicUrl).origin) {
    throw badInput(`returnUrl must be a page of ${new URL(publicUrl).origin}`, 'INVALID_RETURN_URL');
  }
  return parsed.toString();
}
