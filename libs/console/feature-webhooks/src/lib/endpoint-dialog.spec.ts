import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import {
  CreateWebhookEndpointGQL,
  UpdateWebhookEndpointGQL,
  type WebhookEndpointFieldsFragment,
} from '@warbler/console/data-access';
import { of } from 'rxjs';
import { openEndpointDialog } from './endpoint-dialog';

const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

const endpoint: WebhookEndpointFieldsFragment = {
  id: 'endpoint-1',
  url: 'https://hooks.example.com/warbler',
  description: 'Billing sync',
  eventTypes: ['INVOICE_PAID'],
  enabled: true,
  secretHint: 'DEFG',
  previousSecretExpiresAt: null,
  secretRotatedAt: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};

describe('EndpointDialog', () => {
  const create = jest.fn();
  const update = jest.fn();

  beforeEach(() => {
    create.mockReset().mockReturnValue(of({ data: { createWebhookEndpoint: { endpoint, secret: SECRET } } }));
    update.mockReset().mockReturnValue(of({ data: { updateWebhookEndpoint: endpoint } }));
    TestBed.configureTestingModule({
      providers: [
        { provide: CreateWebhookEndpointGQL, useValue: { mutate: create } },
        { provide: UpdateWebhookEndpointGQL, useValue: { mutate: update } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  function open(closed: jest.Mock, existing: WebhookEndpointFieldsFragment | null = null): HTMLElement {
    openEndpointDialog(TestBed.inject(MatDialog), existing).subscribe(closed);
    TestBed.tick();
    return document.querySelector('.cdk-overlay-container') as HTMLElement;
  }

  function type(overlay: HTMLElement, control: string, value: string): void {
    const input = overlay.querySelector(`input[formcontrolname="${control}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function check(overlay: HTMLElement, label: string): void {
    const box = [...overlay.querySelectorAll('mat-checkbox')].find((candidate) =>
      candidate.textContent?.includes(label),
    );
    (box?.querySelector('input') as HTMLInputElement).click();
  }

  const submit = (overlay: HTMLElement) =>
    (overlay.querySelector('button[type="submit"]') as HTMLButtonElement).click();

  it('registers the endpoint with the chosen events, keeping the secret out of the cache, and shows it once', async () => {
    const closed = jest.fn();
    const overlay = open(closed);
    type(overlay, 'url', ' https://hooks.example.com/warbler ');
    check(overlay, 'Invoice paid');
    check(overlay, 'Quota exceeded');
    submit(overlay);
    await settle();

    expect(create).toHaveBeenCalledWith({
      variables: {
        input: {
          url: 'https://hooks.example.com/warbler',
          description: '',
          eventTypes: ['QUOTA_EXCEEDED', 'INVOICE_PAID'],
        },
      },
      fetchPolicy: 'no-cache',
    });
    expect((overlay.querySelector('[data-testid="webhook-secret"] input') as HTMLInputElement).value).toBe(SECRET);
    expect(overlay.textContent).toContain("You won't see it again");
    expect(TestBed.inject(MatDialog).openDialogs[0].disableClose).toBe(true);
    expect(closed).not.toHaveBeenCalled();
  });

  it('refuses to submit without an event or with a URL that is not one', async () => {
    const overlay = open(jest.fn());
    type(overlay, 'url', 'hooks.example.com');
    submit(overlay);
    await settle();
    expect(create).not.toHaveBeenCalled();
    expect(overlay.textContent).toContain('Choose at least one event');
    expect(overlay.textContent).toContain('Enter a full URL starting with https://');
  });

  it('shows why the server refused the endpoint', async () => {
    create.mockReturnValue(
      of({
        data: null,
        error: {
          message: '127.0.0.1 is not a public address',
          errors: [{ message: '127.0.0.1 is not a public address' }],
        },
      }),
    );
    const overlay = open(jest.fn());
    type(overlay, 'url', 'https://127.0.0.1/hook');
    check(overlay, 'Invoice paid');
    submit(overlay);
    await settle();
    expect(overlay.querySelector('p.error[role="alert"]')?.textContent?.trim()).toBeTruthy();
    expect(overlay.querySelector('[data-testid="webhook-secret"]')).toBeNull();
  });

  it('edits an endpoint in place, with no secret to show', async () => {
    const closed = jest.fn();
    const overlay = open(closed, endpoint);
    expect((overlay.querySelector('input[formcontrolname="url"]') as HTMLInputElement).value).toBe(endpoint.url);
    type(overlay, 'description', 'Billing sync (production)');
    submit(overlay);
    await settle();
    expect(update).toHaveBeenCalledWith({
      variables: {
        id: 'endpoint-1',
        input: { url: endpoint.url, description: 'Billing sync (production)', eventTypes: ['INVOICE_PAID'] },
      },
    });
    expect(closed).toHaveBeenCalledWith(endpoint);
  });
});
