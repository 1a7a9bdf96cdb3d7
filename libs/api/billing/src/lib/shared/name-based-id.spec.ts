import { nameBasedId } from './name-based-id';

describe('name-based ids', () => {
  it('is RFC 9562 version 5: the published example for www.example.com in the DNS namespace', () => {
    expect(nameBasedId('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same id for the same name and another for another name', () => {
    const namespace = '0f0e7a8c-2b1d-4c55-9a51-6f1e8b1c2d3e';
    expect(nameBasedId(namespace, 'a')).toBe(nameBasedId(namespace, 'a'));
    expect(nameBasedId(namespace, 'a')).not.toBe(nameBasedId(namespace, 'b'));
  });
});
