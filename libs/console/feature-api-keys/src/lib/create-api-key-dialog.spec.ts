import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { type ApiKeyFieldsFragment, CreateApiKeyGQL } from '@warbler/console/data-access';
import { of } from 'rxjs';
import { openCreateApiKeyDialog } from './create-api-key-dialog';

const SECRET = 'wbk_ab12cd34ef56_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

const apiKey: ApiKeyFieldsFragment = {
  id: 'key-1',
  name: 'Production ingest',
  prefix: 'ab12cd34ef56',
  scopes: ['USAGE_WRITE'],
  status: 'ACTIVE',
  createdAt: '2026-11-24T10:00:00.000Z',
  createdByEmail: 'owner@acme.test',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
};

describe('CreateApiKeyDialog', () => {
  const mutate = jest.fn();

  beforeEach(() => {
    mutate.mockReset().mockReturnValue(of({ data: { createApiKey: { apiKey, secret: SECRET } } }));
    TestBed.configureTestingModule({
      providers: [
        { provide: CreateApiKeyGQL, useValue: { mutate } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  /** Lets the mutation's promise and the dialog's open/close settle, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  function open(closed: jest.Mock): HTMLElement {
    openCreateApiKeyDialog(TestBed.inject(MatDialog)).subscribe(closed);
    TestBed.tick();
    return document.querySelector('.cdk-overlay-container') as HTMLElement;
  }

  function typeName(overlay: HTMLElement, value: string): void {
    const name = overlay.querySelector('input[formcontrolname="name"]') as HTMLInputElement;
    name.value = value;
    name.dispatchEvent(new Event('input'));
  }

  async function createKey() {
    const closed = jest.fn();
    const overlay = open(closed);
    typeName(overlay, 'Production ingest');
    (overlay.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    return { overlay, closed };
  }

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('creates the key with the chosen name and scope, keeping the secret out of the cache', async () => {
    await createKey();
    expect(mutate).toHaveBeenCalledWith({
      variables: { input: { name: 'Production ingest', scopes: ['USAGE_WRITE'], expiresAt: null } },
      fetchPolicy: 'no-cache',
    });
  });

  it('shows the secret once, with a copy button and the warning that it will not be shown again', async () => {
    const { overlay } = await createKey();
    expect(overlay.querySelector('[data-testid="api-key-secret"]')?.textContent).toBe(SECRET);
    expect(overlay.querySelector('button[aria-label^="Copy"]')).not.toBeNull();
    expect(overlay.textContent).toContain("You won't see it again");
    expect(TestBed.inject(MatDialog).openDialogs[0].disableClose).toBe(true);
  });

  it('hands the page the new key but never its secret', async () => {
    const { overlay, closed } = await createKey();
    const done = [...overlay.querySelectorAll('button')].find((button) => button.textContent?.includes('saved'));
    done?.click();
    await settle();
    expect(closed).toHaveBeenCalledWith(apiKey);
    expect(JSON.stringify(closed.mock.calls)).not.toContain(SECRET);
    expect(overlay.textContent).not.toContain(SECRET);
  });

  it('refuses a key without a scope', async () => {
    const overlay = open(jest.fn());
    typeName(overlay, 'Ingest');
    (overlay.querySelector('mat-checkbox input') as HTMLInputElement).click();
    (overlay.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    expect(mutate).not.toHaveBeenCalled();
    expect(overlay.textContent).toContain('Choose at least one scope');
  });
});
