import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN } from './support/accounts';
import { mainNavigation, screenshot, signIn } from './support/console';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The tenant's own software: a local HTTP server that keeps what it receives and answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

test('an admin registers an endpoint, sends a test event and sees it delivered, signed', async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, ADMIN);
    await mainNavigation(page).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

    await page.getByTestId('add-webhook-endpoint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Endpoint URL').fill(receiver.url);
    await dialog.getByLabel('Description (optional)').fill('Billing sync (staging)');
    await dialog.getByRole('checkbox', { name: /Invoice paid/ }).check();
    await dialog.getByRole('checkbox', { name: /Quota exceeded/ }).check();
    await screenshot(page, '70-webhook-endpoint-form');
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();

    const secretField = dialog.getByTestId('webhook-secret').getByRole('textbox');
    await expect(secretField).toHaveValue(/^whsec_/);
    const secret = await secretField.inputValue();
    await screenshot(page, '71-webhook-secret-shown-once');
    await dialog.getByRole('button', { name: "I've saved the secret" }).click();

    const endpoints = page.getByRole('table', { name: 'Webhook endpoints' });
    const row = endpoints.getByRole('row').filter({ hasText: receiver.url });
    await expect(row).toContainText('2 of 9');
    await expect(row).toContainText('Enabled');
    await expect(row).toContainText(`whsec_…${secret.slice(-4)}`);

    await row.getByRole('button', { name: `Actions for ${receiver.url}` }).click();
    await page.getByRole('menuitem', { name: 'Send test event' }).click();

    const deliveries = page.getByRole('table', { name: 'Webhook deliveries' });
    const delivery = deliveries.getByRole('row').filter({ hasText: 'Test event' }).first();
    await expect(delivery.getByTestId('delivery-status')).toHaveText('Succeeded', { timeout: 20_000 });
    await expect(delivery).toContainText('HTTP 200');
    await screenshot(page, '72-webhook-delivered');

    // What the receiver got is signed with the secret the dialog showed, as docs/webhooks.md says.
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request.headers['warbler-event-type']).toBe('webhook.test');
    const [timestamp, signature] = String(request.headers['warbler-signature'])
      .split(',')
      .map((field) => field.split('=')[1]);
    expect(signature).toBe(createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex'));
    expect(JSON.parse(request.body)).toMatchObject({ type: 'webhook.test', id: request.headers['warbler-event-id'] });

    await delivery.click();
    const details = page.getByRole('dialog');
    await expect(details.getByRole('list', { name: 'Attempts' })).toContainText('#1 · HTTP 200');
    await expect(details).toContainText('thanks');
    await screenshot(page, '73-webhook-delivery-attempts');
  } finally {
    receiver.server.close();
  }
});
