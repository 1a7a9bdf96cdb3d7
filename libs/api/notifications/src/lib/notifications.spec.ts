import { randomUUID } from 'node:crypto';
import type { TenantRole } from '@warbler/api/core';
import {
  bearerFor,
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
} from '@warbler/api/access/testing';
import { actorFor, closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { Database } from '@warbler/api/core';
import { NotificationsModule } from './notifications.module';
import { TenantNotifications } from './tenant-notifications';

const FEED = `query($first: Int) { notifications(first: $first) { unreadCount items { id kind title body link createdAt read } } }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;

interface Feed {
  notifications: {
    unreadCount: number;
    items: { id: string; kind: string; title: string; body: string; link: string | null; read: boolean }[];
  };
}

const ROLES: TenantRole[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'];

async function tenantWithPeople() {
  const tenant = await newTenant();
  const people = {} as Record<
    TenantRole,
    { user: { id: string; email: string }; caller: Caller; actor: ReturnType<typeof actorFor> }
  >;
  for (const role of ROLES) {
    const member = await newMember(tenant.id, role);
    people[role] = {
      user: member.user,
      actor: actorFor(member),
      caller: { token: await bearerFor(member.user), tenantId: tenant.id },
    };
  }
  return { tenantId: tenant.id, ...people };
}

type Tenant = Awaited<ReturnType<typeof tenantWithPeople>>;

describe('tenant notifications', () => {
  let app: TestApp;
  let writer: TenantNotifications;

  beforeAll(async () => {
    app = await startTestApp([NotificationsModule]);
    writer = app.app.get(TenantNotifications);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const notify = (tenantId: string, dedupeKey = `test:${randomUUID()}`, kind = 'quota.threshold') =>
    app.app
      .get(Database)
      .forTenant({ tenantId })
      .transaction((tx) =>
        writer.notifyAdmins(tx, tenantId, {
          kind,
          title: `Title ${dedupeKey}`,
          body: 'You have used 80% of your API calls this period.',
          link: '/usage',
          dedupeKey,
        }),
      );
  const notificationsOf = (tenantId: string) =>
    ownerClient().notification.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' } });
  const outboxOf = (tenantId: string) => ownerClient().outboxEmail.findMany({ where: { tenantId } });
  const feed = async (caller: Caller, first?: number) =>
    dataOf(await graphql<Feed>(app, caller, FEED, first === undefined ? {} : { first })).notifications;

  describe('notifyAdmins', () => {
    it('writes one notification and e-mails the active owners and admins only', async () => {
      const t = await tenantWithPeople();
      const removedAdmin = await newMember(t.tenantId, 'ADMIN');
      await ownerClient().membership.update({
        where: { tenantId_id: { tenantId: t.tenantId, id: removedAdmin.membership.id } },
        data: { status: 'REMOVED' },
      });

      expect(await notify(t.tenantId, 'quota:calls:2026-11:80')).toBe(true);

      expect(await notificationsOf(t.tenantId)).toEqual([
        expect.objectContaining({ kind: 'quota.threshold', dedupeKey: 'quota:calls:2026-11:80', link: '/usage' }),
      ]);
      const outbox = await outboxOf(t.tenantId);
      expect(outbox.map((mail) => mail.toEmail).sort()).toEqual([t.OWNER.user.email, t.ADMIN.user.email].sort());
      expect(outbox[0]).toMatchObject({ subject: 'Title quota:calls:2026-11:80', link: '/usage', sentAt: null });
    });

    it('does nothing for a dedupe key it has seen, and answers false', async () => {
      const t = await tenantWithPeople();
      expect(await notify(t.tenantId, 'once')).toBe(true);
      expect(await notify(t.tenantId, 'once')).toBe(false);
      expect(await notificationsOf(t.tenantId)).toHaveLength(1);
      expect(await outboxOf(t.tenantId)).toHaveLength(2);
    });

    it('writes once when many calls with the same key arrive together', async () => {
      const t = await tenantWithPeople();
      const results = await Promise.all(Array.from({ length: 5 }, () => notify(t.tenantId, 'raced')));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await notificationsOf(t.tenantId)).toHaveLength(1);
      expect(await outboxOf(t.tenantId)).toHaveLength(2);
    });

    it('keeps dedupe keys per tenant', async () => {
      const a = await tenantWithPeople();
      const b = await tenantWithPeople();
      expect(await notify(a.tenantId, 'same')).toBe(true);
      expect(await notify(b.tenantId, 'same')).toBe(true);
    });

    it('rolls back with the caller’s transaction', async () => {
      const t = await tenantWithPeople();
      const failed = app.app
        .get(Database)
        .forTenant({ tenantId: t.tenantId })
        .transaction(async (tx) => {
          await writer.notifyAdmins(tx, t.tenantId, { kind: 'k', title: 't', body: 'b', dedupeKey: 'rolled back' });
          throw new Error('later step failed');
        });
      await expect(failed).rejects.toThrow('later step failed');
      expect(await notificationsOf(t.tenantId)).toEqual([]);
      expect(await outboxOf(t.tenantId)).toEqual([]);
      expect(await notify(t.tenantId, 'rolled back')).toBe(true);
    });
  });

  describe('the feed', () => {
    it('lists newest first with each user’s own read state and unread count', async () => {
      const t = await tenantWithPeople();
      for (const key of ['first', 'second', 'third']) await notify(t.tenantId, key);
      const [third, second, first] = await notificationsOf(t.tenantId);

      const ownerFeed = await feed(t.OWNER.caller);
      expect(ownerFeed.items.map((item) => item.id)).toEqual([third.id, second.id, first.id]);
      expect(ownerFeed.items[0]).toEqual({
        id: third.id,
        kind: 'quota.threshold',
        title: 'Title third',
        body: 'You have used 80% of your API calls this period.',
        link: '/usage',
        createdAt: third.createdAt.toISOString(),
        read: false,
      });
      expect(ownerFeed.unreadCount).toBe(3);

      expect(dataOf(await graphql(app, t.OWNER.caller, MARK, { ids: [second.id] }))).toEqual({
        markNotificationsRead: 1,
      });

      const afterOwner = await feed(t.OWNER.caller);
      expect(afterOwner.items.map((item) => item.read)).toEqual([false, true, false]);
      expect(afterOwner.unreadCount).toBe(2);
      const adminFeed = await feed(t.ADMIN.caller);
      expect(adminFeed.items.map((item) => item.read)).toEqual([false, false, false]);
      expect(adminFeed.unreadCount).toBe(3);
    });

    it('takes `first` items; the unread count still covers them all', async () => {
      const t = await tenantWithPeople();
      for (const key of ['a', 'b', 'c']) await notify(t.tenantId, key);
      const two = await feed(t.ADMIN.caller, 2);
      expect(two.items.map((item) => item.title)).toEqual(['Title c', 'Title b']);
      expect(two.unreadCount).toBe(3);
    });

    it.each([0, 101, -1])('refuses first = %s', async (first) => {
      const t = await tenantWithPeople();
      expect(outcome(await graphql(app, t.OWNER.caller, FEED, { first }))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    });
  });

  describe('marking read', () => {
    it('is idempotent, ignores unknown ids and counts only what became read', async () => {
      const t = await tenantWithPeople();
      await notify(t.tenantId, 'x');
      await notify(t.tenantId, 'y');
      const [y, x] = await notificationsOf(t.tenantId);
      const mark = async (ids: string[]) =>
        dataOf(await graphql<{ markNotificationsRead: number }>(app, t.ADMIN.caller, MARK, { ids }))
          .markNotificationsRead;

      expect(await mark([x.id, x.id, randomUUID()])).toBe(1);
      expect(await mark([x.id])).toBe(0);
      expect(await mark([x.id, y.id])).toBe(1);
      expect(await mark([])).toBe(0);
      expect((await feed(t.ADMIN.caller)).unreadCount).toBe(0);
      expect(await ownerClient().notificationRead.count({ where: { tenantId: t.tenantId } })).toBe(2);
    });

    it('marks all read for the caller only, once', async () => {
      const t = await tenantWithPeople();
      for (const key of ['1', '2', '3']) await notify(t.tenantId, key);
      const [, second] = await notificationsOf(t.tenantId);
      await graphql(app, t.OWNER.caller, MARK, { ids: [second.id] });

      expect(dataOf(await graphql(app, t.OWNER.caller, MARK_ALL))).toEqual({ markAllNotificationsRead: 2 });
      expect(dataOf(await graphql(app, t.OWNER.caller, MARK_ALL))).toEqual({ markAllNotificationsRead: 0 });
      expect((await feed(t.OWNER.caller)).unreadCount).toBe(0);
      expect((await feed(t.ADMIN.caller)).unreadCount).toBe(3);
    });

    it.each([
      ['a non-UUID id', ['not-an-id']],
      ['over 100 ids', Array.from({ length: 101 }, () => randomUUID())],
    ])('refuses %s', async (_case, ids) => {
      const t = await tenantWithPeople();
      expect(outcome(await graphql(app, t.OWNER.caller, MARK, { ids }))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    });
  });

  describe('isolation', () => {
    let a: Tenant;
    let b: Tenant;
    let bNotification: { id: string };

    beforeAll(async () => {
      a = await tenantWithPeople();
      b = await tenantWithPeople();
      await notify(a.tenantId, 'a-only');
      await notify(b.tenantId, 'b-only');
      [bNotification] = await notificationsOf(b.tenantId);
    });

    it('A’s admins see A’s notifications only', async () => {
      const aFeed = await feed(a.OWNER.caller);
      expect(aFeed.items.map((item) => item.title)).toEqual(['Title a-only']);
      expect(aFeed.unreadCount).toBe(1);
    });

    it('A cannot mark B’s notification read, by id or all at once', async () => {
      expect(dataOf(await graphql(app, a.OWNER.caller, MARK, { ids: [bNotification.id] }))).toEqual({
        markNotificationsRead: 0,
      });
      await graphql(app, a.OWNER.caller, MARK_ALL);
      expect(await ownerClient().notificationRead.count({ where: { tenantId: b.tenantId } })).toBe(0);
      expect((await feed(b.OWNER.caller)).unreadCount).toBe(1);
    });

    it('with X-Tenant-Id of B, A’s owner is refused', async () => {
      const answer = await graphql(app, { ...a.OWNER.caller, tenantId: b.tenantId }, FEED);
      expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
    });
  });

  describe('who may read and mark', () => {
    const OPERATIONS: [string, string, (id: string) => Record<string, unknown>][] = [
      ['notifications', FEED, () => ({})],
      ['markNotificationsRead', MARK, (id) => ({ ids: [id] })],
      ['markAllNotificationsRead', MARK_ALL, () => ({})],
    ];
    type Who = TenantRole | 'NO_TENANT' | 'ANONYMOUS';
    const EXPECTED: [Who, string][] = [
      ['OWNER', 'OK'],
      ['ADMIN', 'OK'],
      ['BILLING_ADMIN', 'FORBIDDEN'],
      ['MEMBER', 'FORBIDDEN'],
      ['NO_TENANT', 'FORBIDDEN'],
      ['ANONYMOUS', 'UNAUTHENTICATED'],
    ];
    const cells = OPERATIONS.flatMap(([operation, query, variables]) =>
      EXPECTED.map(([who, expected]) => [operation, who, expected, query, variables] as const),
    );

    it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
      const t = await tenantWithPeople();
      await notify(t.tenantId, 'matrix');
      const [notification] = await notificationsOf(t.tenantId);
      let caller: Caller | null = null;
      if (who === 'NO_TENANT') caller = { token: await bearerFor(t.OWNER.user) };
      else if (who !== 'ANONYMOUS') caller = t[who].caller;

      const answer = await graphql(app, caller, query, variables(notification.id));

      expect(outcome(answer)).toBe(expected);
      if (expected !== 'OK') {
        expect(answer.data ?? null).toBeNull();
        expect(await ownerClient().notificationRead.count({ where: { tenantId: t.tenantId } })).toBe(0);
      }
    });
  });
});
