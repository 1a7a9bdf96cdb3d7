import fc from 'fast-check';
import { auditEventHash, canonicalJson, GENESIS_HASH, type AuditHashedFields } from './audit-hash';

const event: AuditHashedFields = {
  tenantId: '0190c7c4-0000-7000-8000-000000000001',
  seq: '1',
  id: '0190c7c4-0000-7000-8000-000000000002',
  occurredAt: '2026-11-23T10:00:00.000Z',
  actorUserId: '0190c7c4-0000-7000-8000-000000000003',
  actorEmail: 'owner@example.test',
  impersonatorUserId: null,
  action: 'member.role_changed',
  targetType: 'Member',
  targetId: '0190c7c4-0000-7000-8000-000000000004',
  changes: { role: { before: 'MEMBER', after: 'ADMIN' } },
  requestId: 'req-1',
  ip: '127.0.0.1',
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });

  it('is JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('auditEventHash', () => {
  it('is a sha256 hex digest that changes when any hashed field changes', () => {
    const hash = auditEventHash(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const field of Object.keys(event) as (keyof AuditHashedFields)[]) {
      const altered = {
        ...event,
        [field]: field === 'changes' ? { role: { before: 'MEMBER', after: 'OWNER' } } : 'altered',
      };
      expect(auditEventHash(altered)).not.toBe(hash);
    }
  });

  it('ignores fields it does not cover, such as the stored hash itself', () => {
    expect(auditEventHash({ ...event, hash: 'anything' } as AuditHashedFields)).toBe(auditEventHash(event));
  });
});
