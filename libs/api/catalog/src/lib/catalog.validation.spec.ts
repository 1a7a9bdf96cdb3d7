import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInStaffAs,
} from '@warbler/api/access/testing';
import { closeOwnerClient, ownerClient } from '@warbler/api/core/testing';
import { CatalogOps as Ops, newMetric, planCode, planTerms } from '../testing';
import { CatalogModule } from './catalog.module';

interface Problem {
  path: string;
  message: string;
}

describe('catalog input validation through GraphQL', () => {
  let app: TestApp;
  let admin: Caller;
  let metricCode: string;

  beforeAll(async () => {
    app = await startTestApp([CatalogModule]);
    admin = (await signedInStaffAs('PLATFORM_ADMIN')).caller;
    metricCode = (await newMetric()).code;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function createPlan(terms: Record<string, unknown>) {
    const code = planCode();
    const answer = await graphql(app, admin, Ops.createPlan, { input: { code, name: 'Plan', terms } });
    const problems = (answer.errors?.[0]?.extensions as { details?: { problems?: Problem[] } } | undefined)?.details
      ?.problems;
    return { answer, code, problems: problems ?? [] };
  }

  const graduated = (tiers: unknown[]) => [{ metricCode: '', model: 'GRADUATED', tiers }];

  it.each([
    [
      'an unknown metric',
      { charges: [{ metricCode: 'no_such_metric', model: 'PER_UNIT', unitPrice: '1' }] },
      ['charges[0].metricCode'],
    ],
    ['a negative unit price', { charges: [{ model: 'PER_UNIT', unitPrice: '-0.01' }] }, ['charges[0].unitPrice']],
    ['a price that is not a number', { charges: [{ model: 'PER_UNIT', unitPrice: 'NaN' }] }, ['charges[0].unitPrice']],
    ['an unsupported currency', { currency: 'XBT' }, ['currency']],
    ['fewer seats allowed than included', { includedSeats: 10, maxSeats: 5 }, ['maxSeats']],
    [
      'a gap between tiers',
      {
        charges: graduated([
          { fromUnits: '0', upTo: '400', unitPrice: '1' },
          { fromUnits: '500', upTo: null, unitPrice: '1' },
        ]),
      },
      ['charges[0].tiers[1].fromUnits'],
    ],
    [
      'overlapping tiers',
      {
        charges: graduated([
          { fromUnits: '0', upTo: '400', unitPrice: '1' },
          { fromUnits: '300', upTo: null, unitPrice: '1' },
        ]),
      },
      ['charges[0].tiers[1].fromUnits'],
    ],
    [
      'a bounded last tier',
      { charges: graduated([{ fromUnits: '0', upTo: '400', unitPrice: '1' }]) },
      ['charges[0].tiers[0].upTo'],
    ],
    [
      'a package of zero units',
      { charges: [{ model: 'PACKAGE', packageSize: '0', unitPrice: '5' }] },
      ['charges[0].packageSize'],
    ],
    ['a negative quota', { quotas: [{ periodLimit: '-5', enforcement: 'SOFT' }] }, ['quotas[0].periodLimit']],
    [
      'a metric charged twice',
      {
        charges: [
          { model: 'PER_UNIT', unitPrice: '1' },
          { model: 'PER_UNIT', unitPrice: '2' },
        ],
      },
      ['charges[1].metricCode'],
    ],
    ['a fractional base fee', { baseFeeMinor: '49.5' }, ['baseFeeMinor']],
  ])('refuses %s with BAD_USER_INPUT naming each path', async (_case, overrides, paths) => {
    const withMetric = (items: Record<string, unknown>[] | undefined) =>
      items?.map((item) => ({ ...item, metricCode: item['metricCode'] || metricCode }));
    const terms = planTerms(metricCode, {
      ...overrides,
      ...('charges' in overrides && { charges: withMetric(overrides.charges as Record<string, unknown>[]) }),
      ...('quotas' in overrides && { quotas: withMetric(overrides.quotas as Record<string, unknown>[]) }),
    });
    const { answer, code, problems } = await createPlan(terms);
    expect(outcome(answer)).toBe('BAD_USER_INPUT:INVALID_PLAN_TERMS');
    expect(problems.map((problem) => problem.path)).toEqual(paths);
    expect(await ownerClient().plan.count({ where: { code } })).toBe(0);
  });

  it('lists every problem at once with its message', async () => {
    const { problems } = await createPlan(
      planTerms(metricCode, {
        currency: 'usd',
        charges: [
          {
            metricCode,
            model: 'VOLUME',
            tiers: [
              { fromUnits: '0', upTo: '100', unitPrice: '0.1' },
              { fromUnits: '100', upTo: '400', unitPrice: '0.08' },
              { fromUnits: '500', upTo: null, unitPrice: '-1' },
            ],
          },
        ],
      }),
    );
    expect(problems).toEqual([
      { path: 'currency', message: 'currency "usd" is not supported' },
      { path: 'charges[0].tiers[2].fromUnits', message: 'tier starts at 500 but the previous tier ends at 400 (gap)' },
      { path: 'charges[0].tiers[2].unitPrice', message: 'must be at least 0, got -1' },
    ]);
  });

  it('refuses an archived metric in new terms', async () => {
    const archived = await newMetric();
    await ownerClient().billableMetric.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const { answer, problems } = await createPlan(planTerms(archived.code, { quotas: [] }));
    expect(outcome(answer)).toBe('BAD_USER_INPUT:INVALID_PLAN_TERMS');
    expect(problems).toEqual([{ path: 'charges[0].metricCode', message: `metric "${archived.code}" is archived` }]);
  });

  it('stores decimals exactly and in canonical form', async () => {
    const { answer } = await createPlan(
      planTerms(metricCode, {
        seatUnitPrice: '1.5e1',
        charges: [{ metricCode, model: 'PER_UNIT', unitPrice: '0.000000000001', includedUnits: '1e3' }],
      }),
    );
    const version = dataOf(answer as { data: { createPlan: { versions: Record<string, unknown>[] } } }).createPlan
      .versions[0];
    expect(version['seatUnitPrice']).toBe('15');
    expect(version['charges']).toEqual([
      expect.objectContaining({ unitPrice: '0.000000000001', includedUnits: '1000', tiers: [] }),
    ]);
  });

  it('refuses a taken plan code with CONFLICT and a malformed one with BAD_USER_INPUT', async () => {
    const { code } = await createPlan(planTerms(metricCode));
    const again = await graphql(app, admin, Ops.createPlan, {
      input: { code, name: 'Again', terms: planTerms(metricCode) },
    });
    expect(outcome(again)).toBe('CONFLICT:PLAN_CODE_TAKEN');
    const malformed = await graphql(app, admin, Ops.createPlan, {
      input: { code: 'Not A Code', name: 'x', terms: planTerms(metricCode) },
    });
    expect(outcome(malformed)).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
  });

  it.each([
    ['UNIQUE_COUNT without a property', 'BAD_USER_INPUT:INVALID_METRIC', { aggregation: 'UNIQUE_COUNT' }],
    ['SUM with a property', 'BAD_USER_INPUT:INVALID_METRIC', { aggregation: 'SUM', property: 'user_id' }],
    ['a malformed code', 'BAD_USER_INPUT:VALIDATION_FAILED', { code: '9lives' }],
    ['UNIQUE_COUNT with a property', 'OK', { aggregation: 'UNIQUE_COUNT', property: 'user_id' }],
  ])('createBillableMetric with %s answers %s', async (_case, expected, overrides) => {
    const input = {
      code: `m_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`,
      name: 'Active users',
      unit: 'user',
      aggregation: 'COUNT',
      ...overrides,
    };
    expect(outcome(await graphql(app, admin, Ops.createBillableMetric, { input }))).toBe(expected);
  });

  it('refuses a taken metric code with CONFLICT', async () => {
    const input = { code: metricCode, name: 'Duplicate', unit: 'call', aggregation: 'COUNT' };
    expect(outcome(await graphql(app, admin, Ops.createBillableMetric, { input }))).toBe('CONFLICT:METRIC_CODE_TAKEN');
  });

  it('answers NOT_FOUND for unknown ids', async () => {
    const id = '019ab000-0000-7000-8000-00000000ffff';
    expect(outcome(await graphql(app, admin, Ops.plan, { id }))).toBe('NOT_FOUND');
    expect(outcome(await graphql(app, admin, Ops.publishPlanVersion, { versionId: id }))).toBe('NOT_FOUND');
    expect(outcome(await graphql(app, admin, Ops.createPlanDraft, { planId: id }))).toBe('NOT_FOUND');
  });
});
