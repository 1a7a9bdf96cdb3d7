import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '@warbler/console/data-access';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  let auth: { login: jest.Mock; completeMfa: jest.Mock };

  async function render() {
    TestBed.configureTestingModule({
      imports: [SignIn],
      providers: [{ provide: AuthService, useValue: auth }],
    });
    const fixture = TestBed.createComponent(SignIn);
    const signedIn = jest.fn();
    fixture.componentInstance.signedIn.subscribe(signedIn);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(selector);
      if (!input) throw new Error(`${selector} is not on the page`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      await fixture.whenStable();
      root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
      await fixture.whenStable();
    };
    return { root, type, submit, signedIn, stable: () => fixture.whenStable() };
  }

  beforeEach(() => {
    auth = { login: jest.fn(), completeMfa: jest.fn() };
  });

  it('says how long to wait when sign-in is rate limited', async () => {
    auth.login.mockRejectedValue(
      new HttpErrorResponse({
        status: 429,
        error: {
          code: 'RATE_LIMITED',
          message: 'Too many',
          retryAfterSeconds: 300,
        },
      }),
    );
    const { root, type, submit, signedIn } = await render();
    type('input[type=email]', 'owner@acme.test');
    type('input[type=password]', 'wrong');
    await submit();

    expect(root.querySelector('[data-testid=sign-in-error]')?.textContent).toContain(
      'Too many attempts. Try again in 5 minutes.',
    );
    expect(signedIn).not.toHaveBeenCalled();
  });

  it('says the credentials are wrong without saying which', async () => {
    auth.login.mockRejectedValue(
      new HttpErrorResponse({
        status: 401,
        error: { code: 'UNAUTHENTICATED', message: 'Invalid' },
      }),
    );
    const { root, type, submit } = await render();
    type('input[type=email]', 'owner@acme.test');
    type('input[type=password]', 'wrong');
    await submit();

    expect(root.querySelector('[data-testid=sign-in-error]')?.textContent).toContain(
      'The email or password is not right.',
    );
  });

  it('asks for the second factor, and takes a recovery code instead when asked to', async () => {
    auth.login.mockResolvedValue({ status: 'mfa-required', challenge: 'ch-1' });
    auth.completeMfa.mockResolvedValue(undefined);
    const { root, type, submit, signedIn, stable } = await render();
    type('input[type=email]', 'mfa@acme.test');
    type('input[type=password]', 'secret');
    await submit();
    expect(root.textContent).toContain('Enter the 6-digit code from your authenticator app.');

    [...root.querySelectorAll('button')].find((button) => button.textContent?.includes('Use a recovery code'))?.click();
    await stable();
    type('[data-testid=mfa-code]', 'abcd-1234');
    await submit();

    expect(auth.completeMfa).toHaveBeenCalledWith('ch-1', {
      recoveryCode: 'abcd-1234',
    });
    expect(signedIn).toHaveBeenCalled();
  });
});
