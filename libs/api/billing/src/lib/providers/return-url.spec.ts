import { consoleReturnUrl } from './return-url';

describe('consoleReturnUrl', () => {
  const publicUrl = 'https://console.example.com';

  it('accepts a page of the console', () => {
    expect(consoleReturnUrl('https://console.example.com/billing?tab=card', publicUrl)).toBe(
      'https://console.example.com/billing?tab=card',
    );
  });

  it.each([
    ['another host', 'https://evil.example.net/billing'],
    ['another scheme', 'http://console.example.com/billing'],
    ['another port', 'https://console.example.com:8443/billing'],
    ['a host that only starts alike', 'https://console.example.com.evil.net/'],
    ['a relative path', '/billing'],
    ['a script', 'javascript:alert(1)'],
  ])('refuses %s', (_what, url) => {
    expect(() => consoleReturnUrl(url, publicUrl)).toThrow(expect.objectContaining({ reason: 'INVALID_RETURN_URL' }));
  });
});
