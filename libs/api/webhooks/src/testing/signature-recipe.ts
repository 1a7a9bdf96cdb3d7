import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type VerifyWarblerSignature = (
  rawBody: string,
  signatureHeader: string | undefined,
  secret: string,
  toleranceSeconds?: number,
) => boolean;

/**
 * The verification function exactly as docs/webhooks.md prints it, compiled from the page itself, so
 * the tests prove the recipe tenants copy rather than a copy of it.
 */
export function documentedRecipe(): VerifyWarblerSignature {
  const page = readFileSync(join(__dirname, '../../../../../docs/webhooks.md'), 'utf8');
  const block = /```js\n([\s\S]*?function verifyWarblerSignature[\s\S]*?)```/.exec(page);
  if (!block) throw new Error('docs/webhooks.md has no verifyWarblerSignature recipe');
  return new Function('require', `${block[1]}\nreturn verifyWarblerSignature;`)(require) as VerifyWarblerSignature;
}
