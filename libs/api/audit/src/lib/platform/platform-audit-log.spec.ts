import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, CoreModule, Database, PlatformDatabase } from '@warbler/api/core';
import { closeOwnerClient, newUser, testConfig } from '@warbler/api/core/testing';
import { PlatformAuditLog } from './platform-audit-log';
import { PlatformAuditModule } from './platform-audit.module';

describe('PlatformAuditLog', () => {
  let moduleRef: Awaited<ReturnType<ReturnType<typeof Test.createTestingModule>['compile']>>;
  let log: PlatformAuditLog;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [CoreModule, PlatformAuditModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(testConfig())
      .compile();
    await moduleRef.init();
    log = moduleRef.get(PlatformAuditLog);
  });

  afterAll(async () => {
    await moduleRef.close();
    await closeOwnerClient();
  });

  const staff = async () => {
    const user = await newUser({ staffRole: 'PLATFORM_ADMIN' });
    return { userId: user.id, email: user.email, staffRole: user.staffRole, requestId: randomUUID(), ip: '10.0.0.1' };
  };

  it('records who did what to which target, and lists it newest first by action or actor', async () => {
    const actor = await staff();
    const target = randomUUID();
    await log.record(actor, {
      action: 'staff.role_changed',
      targetType: 'user',
      targetId: target,
      details: { from: 'SUPPORT', to: 'FINANCE' },
    });
    await log.record(actor, { action: 'staff.disabled', targetType: 'user', targetId: target });
    const events = await log.list({ actorUserId: actor.userId });
    expect(events.map((event) => event.action)).toEqual(['staff.disabled', 'staff.role_changed']);
    expect(events[1]).toMatchObject({
      actorEmail: actor.email,
      actorStaffRole: 'PLATFORM_ADMIN',
      targetId: target,
      details: { from: 'SUPPORT', to: 'FINANCE' },
      requestId: actor.requestId,
      ip: '10.0.0.1',
    });
    expect(await log.list({ actorUserId: actor.userId, action: 'staff.disabled' })).toHaveLength(1);
  });

  it("commits with the caller's transaction, and not without it", async () => {
    const actor = await staff();
    const platform = moduleRef.get(PlatformDatabase).client;
    await expect(
      platform.$transaction(async (tx) => {
        await log.record(actor, { action: 'staff.role_changed', targetType: 'user' }, tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await log.list({ actorUserId: actor.userId })).toEqual([]);
  });

  it('is out of reach of the tenant-facing role warbler_app', async () => {
    const db = moduleRef.get(Database);
    await expect(db.identity.$queryRaw`SELECT count(*) FROM platform_audit_events`).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.identity.$queryRaw`SELECT count(*) FROM export_jobs`).rejects.toThrow(/permission denied/);
  });
});
