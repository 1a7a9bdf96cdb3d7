import { randomUUID } from 'node:crypto';
import {
  type Caller,
  changesOf,
  closeOwnerClient,
  graphql,
  type GraphqlAnswer,
  newMember,
  newTenant,
  offeredPlan,
  outcome,
  ownerClient,
  periodAround,
  publishNewerVersion,
  signedInTenantMember,
  startTestApp,
  subscriptionOn,
  SubscriptionOps as Ops,
  type TestApp,
  wholeSecondAgo,
} from '../testing';
import { BillingModule } from './billing.module';

/** Every way a change can be wrong, refused with its code and reason, changing nothing. */
describe('subscription changes refuse what the rules do not allow', () => {
  let app: TestApp;
  let tenantId: string;
  let admin: Caller;
  let at: Date;
  const versions: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    const team = await offeredPlan(
      { name: 'Team', baseFeeMinor: 4900n, seatUnitPrice: '8', includedSeats: 5, maxSeats: 10 },
      { draft: true },
    );
    const older = await offeredPlan({
      name: 'Old',
      baseFeeMinor: 100n,
      seatUnitPrice: '0',
      includedSeats: 0,
      maxSeats: 50,
    });
    await publishNewerVersion(older.planId, { baseFeeMinor: 200n, maxSeats: 50 });
    const small = await offeredPlan({
      name: 'Small',
      baseFeeMinor: 900n,
      seatUnitPrice: '0',
      includedSeats: 1,
      maxSeats: 3,
    });
    const euro = await offeredPlan({
      name: 'Euro',
      currency: 'EUR',
      baseFeeMinor: 4500n,
      seatUnitPrice: '7',
      includedSeats: 5,
      maxSeats: 10,
    });
    const yearly = await offeredPlan({
      name: 'Yearly',
      interval: 'YEAR',
      baseFeeMinor: 49000n,
      seatUnitPrice: '80',
      includedSeats: 5,
      maxSeats: 10,
    });
    Object.assign(versions, {
      team: team.planVersionId,
      teamDraft: team.draftVersionId,
      olderPublished: older.planVersionId,
      small: small.planVersionId,
      euro: euro.planVersionId,
      yearly: yearly.planVersionId,
    });

    const tenant = await newTenant();
    tenantId = tenant.id;
    admin = (await signedInTenantMember(tenantId, 'ADMIN')).caller;
    for (let n = 0; n < 5; n++) await newMember(tenantId, 'MEMBER', { seatAssigned: true });
    at = wholeSecondAgo();
    await subscriptionOn(tenantId, versions.team, periodAround(at, 10, 20), { seatQuantity: 8 });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const state = async () => ({
    subscription: await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } }),
    changes: await changesOf(tenantId),
    events: await ownerClient().auditEvent.count({ where: { tenantId } }),
  });

  async function refused(input: Record<string, unknown>, idempotencyKey = randomUUID()) {
    const before = await state();
    const previewed = await graphql(app, admin, Ops.previewSubscriptionChange, { input });
    const changed = await graphql(app, admin, Ops.changeSubscription, { input, idempotencyKey });
    expect(await state()).toEqual(before);
    expect(outcome(previewed)).toBe(outcome(changed));
    return changed;
  }

  const detailsOf = (answer: GraphqlAnswer<unknown>) =>
    (answer.errors?.[0]?.extensions as { details?: Record<string, unknown> } | undefined)?.details;

  it.each([
    ['nothing asked for', () => ({ timing: 'NOW' }), 'BAD_USER_INPUT:NOTHING_TO_CHANGE'],
    [
      'the version and seats it has',
      () => ({ planVersionId: versions.team, seatQuantity: 8, timing: 'NOW' }),
      'BAD_USER_INPUT:NOTHING_TO_CHANGE',
    ],
    [
      'its own version at period end',
      () => ({ planVersionId: versions.team, timing: 'PERIOD_END' }),
      'BAD_USER_INPUT:NOTHING_TO_CHANGE',
    ],
    ['seats at period end', () => ({ seatQuantity: 9, timing: 'PERIOD_END' }), 'BAD_USER_INPUT:SEATS_CHANGE_NOW_ONLY'],
    [
      'a confirmed instant at period end',
      () => ({ planVersionId: versions.small, timing: 'PERIOD_END', effectiveAt: at }),
      'BAD_USER_INPUT:EFFECTIVE_AT_NOW_ONLY',
    ],
    [
      'more seats than the version allows',
      () => ({ seatQuantity: 11, timing: 'NOW' }),
      'BAD_USER_INPUT:SEATS_ABOVE_MAXIMUM',
    ],
    ['a version that does not exist', () => ({ planVersionId: randomUUID(), timing: 'NOW' }), 'NOT_FOUND'],
    [
      'a draft version',
      () => ({ planVersionId: versions.teamDraft, timing: 'NOW' }),
      'BAD_USER_INPUT:PLAN_VERSION_NOT_AVAILABLE',
    ],
    [
      'a published version that a newer one replaced',
      () => ({ planVersionId: versions.olderPublished, timing: 'PERIOD_END' }),
      'BAD_USER_INPUT:PLAN_VERSION_NOT_AVAILABLE',
    ],
    [
      'another currency now',
      () => ({ planVersionId: versions.euro, timing: 'NOW' }),
      'CONFLICT:CURRENCY_CHANGE_AT_PERIOD_END',
    ],
    [
      'another interval now',
      () => ({ planVersionId: versions.yearly, timing: 'NOW' }),
      'CONFLICT:INTERVAL_CHANGE_AT_PERIOD_END',
    ],
    [
      'a preview confirmed too late',
      () => ({ seatQuantity: 9, timing: 'NOW', effectiveAt: new Date(Date.now() - 3_600_000) }),
      'CONFLICT:PREVIEW_OUTDATED',
    ],
    ['a negative seat count', () => ({ seatQuantity: -1, timing: 'NOW' }), 'BAD_USER_INPUT:VALIDATION_FAILED'],
    [
      'a version id that is no id',
      () => ({ planVersionId: 'team', timing: 'NOW' }),
      'BAD_USER_INPUT:VALIDATION_FAILED',
    ],
  ])('refuses %s', async (_case, input, expected) => {
    expect(outcome(await refused(input()))).toBe(expected);
  });

  it('refuses fewer seats than are assigned, saying how many are', async () => {
    const answer = await refused({ seatQuantity: 4, timing: 'NOW' });
    expect(outcome(answer)).toBe('CONFLICT:SEATS_IN_USE');
    expect(detailsOf(answer)).toEqual({ seatQuantity: 4, seatsInUse: 5 });
  });

  it('refuses a version whose maximum is below the seats assigned, now and at period end', async () => {
    expect(outcome(await refused({ planVersionId: versions.small, timing: 'NOW' }))).toBe('CONFLICT:SEATS_IN_USE');
    expect(outcome(await refused({ planVersionId: versions.small, timing: 'PERIOD_END' }))).toBe(
      'CONFLICT:SEATS_IN_USE',
    );
  });

  it('refuses an idempotency key that is not one', async () => {
    const answer = await graphql(app, admin, Ops.changeSubscription, {
      input: { seatQuantity: 9, timing: 'NOW' },
      idempotencyKey: 'two words',
    });
    expect(outcome(answer)).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
  });

  it('refuses a period that has ended and is waiting to be closed', async () => {
    const other = await newTenant();
    const otherAdmin = (await signedInTenantMember(other.id, 'ADMIN')).caller;
    await subscriptionOn(other.id, versions.team, periodAround(new Date(), 30, -0.0001), { seatQuantity: 8 });
    const answer = await graphql(app, otherAdmin, Ops.changeSubscription, {
      input: { seatQuantity: 9, timing: 'NOW' },
      idempotencyKey: randomUUID(),
    });
    expect(outcome(answer)).toBe('CONFLICT:PERIOD_CLOSING');
  });

  it('moves to another currency or interval at period end', async () => {
    const scheduled = await graphql(app, admin, Ops.changeSubscription, {
      input: { planVersionId: versions.euro, timing: 'PERIOD_END' },
      idempotencyKey: randomUUID(),
    });
    expect(outcome(scheduled)).toBe('OK');
    expect(await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } })).toMatchObject({
      scheduledPlanVersionId: versions.euro,
    });
    await graphql(app, admin, Ops.resumeSubscription);
  });
});
