import { createGuardrails, generateSync } from 'otplib';

const PERIOD_SECONDS = 30;

/**
 * The current code for `secret`. A code too close to the end of its period may expire on
 * its way to the server, so this waits for the next period instead.
 */
export async function freshTotp(secret: string): Promise<string> {
  const secondsLeft = PERIOD_SECONDS - (Math.floor(Date.now() / 1000) % PERIOD_SECONDS);
  if (secondsLeft < 5) await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 200));
  // The demo secret is the classic 10-byte example; otplib's default floor is 16 bytes.
  return generateSync({
    secret,
    guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }),
  });
}
