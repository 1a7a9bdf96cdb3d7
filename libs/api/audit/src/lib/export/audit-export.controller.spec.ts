import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Database, type TenantActor } from '@warbler/api/core';
import { actorFor, bearerFor, closeOwnerClient, newMember, newTenant, startTestApp, type TestApp } from '../../testing';
import { AuditModule } from '../audit.module';
import { AuditLog } from '../audit-log';
import { AUDIT_STREAM_PAGE } from '../chain/events-oldest-first';

/** The verification script of the README, run as a tenant would run it. */
function verifyOffline(jsonLines: string): string {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const script = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!script) throw new Error('README.md has no verification script');
  const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
  writeFileSync(join(dir, 'verify-audit.mjs'), script);
  writeFileSync(join(dir, 'audit.jsonl'), jsonLines);
  try {
    return execFileSync(process.execPath, [join(dir, 'verify-audit.mjs'), join(dir, 'audit.jsonl')], {
      encoding: 'utf8',
    }).trim();
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error).trim();
  }
}

describe('GET /v1/audit/export', () => {
  let app: TestApp;
  let owner: TenantActor;
  let ownerToken: string;
  const eventCount = AUDIT_STREAM_PAGE + 3;

  beforeAll(async () => {
    app = await startTestApp([AuditModule]);
    const tenant = await newTenant();
    const member = await newMember(tenant.id, 'OWNER');
    owner = actorFor(member);
    ownerToken = await bearerFor(member.user);
    const audit = app.app.get(AuditLog);
    await app.app
      .get(Database)
      .forTenant(owner)
      .transaction(
        async (tx) => {
          for (let i = 0; i < eventCount; i += 1) {
            await audit.record(tx, owner, {
              action: 'member.seat_assigned',
              targetType: 'Member',
              targetId: `${i}`,
              before: { seatAssigned: false },
              after: { seatAssigned: true },
            });
          }
        },
        { timeout: 60_000 },
      );
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const exportAs = (token: string | null, tenantId: string | null) => {
    let call = request(app.url).get('/v1/audit/export');
    if (token) call = call.set('Authorization', `Bearer ${token}`);
    if (tenantId) call = call.set('X-Tenant-Id', tenantId);
    return call.buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
  };

  it('streams every event oldest first with every hashed field, across pages', async () => {
    const response = await exportAs(ownerToken, owner.tenantId);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (response.body as string)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(eventCount);
    expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: eventCount }, (_, i) => String(i + 1)));
    expect(Object.keys(lines[0]).sort()).toEqual(
      [
        'action',
        'actorEmail',
        'actorUserId',
        'changes',
        'hash',
        'id',
        'impersonatorUserId',
        'ip',
        'occurredAt',
        'prevHash',
        'requestId',
        'seq',
        'targetId',
        'targetType',
        'tenantId',
      ].sort(),
    );
  });

  it('can be verified offline with the README’s script, which catches an altered line', async () => {
    const body = (await exportAs(ownerToken, owner.tenantId)).body as string;
    const lines = body.trimEnd().split('\n');
    const head = JSON.parse(lines.at(-1) as string).hash;
    expect(verifyOffline(body)).toBe(`OK ${eventCount} events, head ${head}`);
    const altered = JSON.parse(lines[41]);
    altered.changes.seatAssigned.after = false;
    lines[41] = JSON.stringify(altered);
    expect(verifyOffline(`${lines.join('\n')}\n`)).toBe('BROKEN at seq 42');
    expect(verifyOffline(`${[...lines.slice(0, 9), ...lines.slice(10)].join('\n')}\n`)).toBe('BROKEN at seq 10');
  });

  it('answers with the error codes of the REST surface', async () => {
    const member = await newMember(owner.tenantId, 'MEMBER');
    const memberAnswer = await exportAs(await bearerFor(member.user), owner.tenantId);
    expect(memberAnswer.status).toBe(403);
    expect(JSON.parse(memberAnswer.body as string)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await exportAs(null, owner.tenantId)).status).toBe(401);
  });

  it('gives another tenant’s owner nothing of this tenant', async () => {
    const other = await newTenant();
    const otherOwner = await newMember(other.id, 'OWNER');
    const token = await bearerFor(otherOwner.user);
    const refused = await exportAs(token, owner.tenantId);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body as string)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
    const own = await exportAs(token, other.id);
    expect(own.status).toBe(200);
    expect(own.body).toBe('');
  });
});
