import type { ChargeTerms } from './charge-terms';
import {
  type FixedTerms,
  fixedFeeLines,
  type InvoiceLineDraft,
  prorationLines,
  totalsOf,
  usageLines,
} from './invoice-composition';
import { formatMinor } from './money';
import type { PricedCharge } from './usage-charges';

/*
 * Invoices whose every figure was worked out by hand; the arithmetic sits next to each expectation.
 * Line amounts are rounded once, half-even, to the minor unit; totals add the rounded lines.
 */

const utc = (iso: string) => new Date(`${iso}Z`);
/** April 2026: 30 days = 2,592,000 s. */
const april = { start: utc('2026-04-01T00:00:00'), end: utc('2026-05-01T00:00:00') };

const teamMonthly: FixedTerms = {
  planVersionId: 'pv-team-2',
  label: 'Team v2',
  currency: 'USD',
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
};
const businessMonthly: FixedTerms = {
  planVersionId: 'pv-business-1',
  label: 'Business v1',
  currency: 'USD',
  baseFeeMinor: '9900',
  seatUnitPrice: '12',
  includedSeats: 10,
};

const usd = (charges: PricedCharge[]) => ({ planVersionId: 'pv-team-2', currency: 'USD', charges });
const billed = (charge: PricedCharge, quantity: string, currency = 'USD') =>
  usageLines({ planVersionId: 'pv', currency, charges: [charge] }, new Map([[charge.metricCode, quantity]]), april);
const summary = (lines: InvoiceLineDraft[]) => lines.map((line) => [line.description, line.amountMinor]);
const sum = (lines: InvoiceLineDraft[]) => lines.reduce((total, line) => total + line.amountMinor, 0n);

/** Stored the way plan_charges.tiers holds them: each tier starts where the previous one ends. */
const edgeTiers = [
  { upTo: '1000', unitPrice: '0.05', flatFee: '0' },
  { upTo: '10000', unitPrice: '0.04', flatFee: '0' },
  { upTo: null, unitPrice: '0.03', flatFee: '0' },
];
const graduated: PricedCharge = { metricCode: 'calls', model: 'GRADUATED', includedUnits: '0', tiers: edgeTiers };
const volume: PricedCharge = { ...graduated, model: 'VOLUME' };

describe('golden invoices', () => {
  describe('graduated and volume at a tier edge', () => {
    it('exactly at upTo stays in the lower tier for both', () => {
      // GRADUATED 1,000: tier 1 holds 1,000 × 0.05 = 50.00
      expect(summary(billed(graduated, '1000'))).toEqual([['calls, tier 1 (1,000 × 0.05)', 5000n]]);
      // VOLUME 1,000: 1,000 ≤ upTo 1,000 → tier 1, 1,000 × 0.05 = 50.00
      expect(summary(billed(volume, '1000'))).toEqual([['calls, tier 1 (1,000 × 0.05)', 5000n]]);
    });

    it('one unit above, graduated prices the unit alone and volume reprices them all', () => {
      // GRADUATED 1,001: tier 1 1,000 × 0.05 = 50.00; tier 2 1 × 0.04 = 0.04; total 50.04
      const graduatedLines = billed(graduated, '1001');
      expect(summary(graduatedLines)).toEqual([
        ['calls, tier 1 (1,000 × 0.05)', 5000n],
        ['calls, tier 2 (1 × 0.04)', 4n],
      ]);
      expect(sum(graduatedLines)).toBe(5004n);
      // VOLUME 1,001: 1,000 < 1,001 ≤ 10,000 → tier 2, 1,001 × 0.04 = 40.04
      expect(summary(billed(volume, '1001'))).toEqual([['calls, tier 2 (1,001 × 0.04)', 4004n]]);
    });
  });

  describe('graduated flat fees', () => {
    const tiers = [
      { upTo: '10', unitPrice: '0', flatFee: '0' },
      { upTo: '100', unitPrice: '1.50', flatFee: '20' },
      { upTo: null, unitPrice: '1', flatFee: '50' },
    ];
    const seats: PricedCharge = { metricCode: 'agents', model: 'GRADUATED', includedUnits: '0', tiers };

    it('charges a flat fee once per tier entered', () => {
      // 10: tier 1 10 × 0 + 0 = 0.00 → no line at all
      expect(billed(seats, '10')).toEqual([]);
      // 11: tier 1 is free (no line); tier 2 1 × 1.50 + 20.00 = 21.50
      expect(summary(billed(seats, '11'))).toEqual([['agents, tier 2 (1 × 1.50 + 20.00)', 2150n]]);
      // 250: tier 2 90 × 1.50 + 20 = 135 + 20 = 155.00; tier 3 150 × 1.00 + 50 = 200.00; total 355.00
      const lines = billed(seats, '250');
      expect(summary(lines)).toEqual([
        ['agents, tier 2 (90 × 1.50 + 20.00)', 15500n],
        ['agents, tier 3 (150 × 1.00 + 50.00)', 20000n],
      ]);
      expect(sum(lines)).toBe(35500n);
      // The same 250 in VOLUME: tier 3, 250 × 1.00 + 50.00 = 300.00
      expect(summary(billed({ ...seats, model: 'VOLUME' }, '250'))).toEqual([
        ['agents, tier 3 (250 × 1.00 + 50.00)', 30000n],
      ]);
    });
  });

  describe('package rounding', () => {
    const sms: PricedCharge = {
      metricCode: 'sms',
      model: 'PACKAGE',
      packageSize: '1000',
      unitPrice: '2.50',
      includedUnits: '0',
    };

    it('bills a started package whole', () => {
      // 1,001 / 1,000 = 1.001 → 2 packages × 2.50 = 5.00
      expect(summary(billed(sms, '1001'))).toEqual([['sms, packages of 1,000 (2 × 2.50)', 500n]]);
    });

    it('bills exactly full packages without an extra one', () => {
      // 3,000 / 1,000 = 3 packages × 2.50 = 7.50
      expect(summary(billed(sms, '3000'))).toEqual([['sms, packages of 1,000 (3 × 2.50)', 750n]]);
    });

    it('counts packages after the included units, and none below them', () => {
      const withIncluded = { ...sms, includedUnits: '500' };
      // 400 − 500 < 0 → 0 billable → no package, no line
      expect(billed(withIncluded, '400')).toEqual([]);
      // 1,500 − 500 = 1,000 → 1 package = 2.50
      expect(summary(billed(withIncluded, '1500'))).toEqual([
        ['sms above 500 included, packages of 1,000 (1 × 2.50)', 250n],
      ]);
      // 1,501 − 500 = 1,001 → 2 packages = 5.00
      expect(billed(withIncluded, '1501')[0].amountMinor).toBe(500n);
    });
  });

  describe('per-unit fractional prices in USD', () => {
    const messages: PricedCharge = {
      metricCode: 'messages',
      model: 'PER_UNIT',
      unitPrice: '0.0004',
      includedUnits: '0',
    };

    it('prices 1,234,567 messages at 0.0004', () => {
      // 1,234,567 × 0.0004 = 493.8268 → 493.83 (0.68 of a cent is above the half)
      const lines = usageLines(
        usd([messages]),
        new Map([['messages', '1234567']]),
        april,
        new Map([['messages', 'Messages sent']]),
      );
      expect(summary(lines)).toEqual([['Messages sent (1,234,567 × 0.0004)', 49383n]]);
    });

    it('rounds an exact half cent to the even cent', () => {
      // At 0.0004 an integer count never ends in half a cent (q × 0.04 cents = q/25), so take 0.0005:
      // q × 0.05 cents = q/20 cents, a half cent whenever q ends in 10 modulo 20.
      const cheap = { ...messages, unitPrice: '0.0005' };
      // 1,234,570 × 0.0005 = 617.285 → the half goes to the even 617.28 (half-up would give 617.29)
      expect(billed(cheap, '1234570')[0].amountMinor).toBe(61728n);
      // 1,234,590 × 0.0005 = 617.295 → the half goes up to the even 617.30
      expect(billed(cheap, '1234590')[0].amountMinor).toBe(61730n);
    });
  });

  describe('mid-period plan changes (April, 10 days in: 20 of 30 days remain, 2/3)', () => {
    const at = utc('2026-04-11T00:00:00');

    it('upgrades Team with 8 seats to Business with 13 seats', () => {
      const lines = prorationLines({
        from: teamMonthly,
        fromSeats: 8,
        to: businessMonthly,
        toSeats: 13,
        period: april,
        at,
      });
      expect(summary(lines)).toEqual([
        // 49.00 × 2/3 = 32.666… → 32.67 credited
        ['Unused time on Team v2 base fee (2/3 of the period)', -3267n],
        // (8 − 5) × 8.00 = 24.00 × 2/3 = 16.00 credited
        ['Unused time on Team v2 seats above 5 included (2/3 of the period, 3 × 8.00)', -1600n],
        // 99.00 × 2/3 = 66.00
        ['Remaining time on Business v1 base fee (2/3 of the period)', 6600n],
        // (13 − 10) × 12.00 = 36.00 × 2/3 = 24.00
        ['Remaining time on Business v1 seats above 10 included (2/3 of the period, 3 × 12.00)', 2400n],
      ]);
      // −32.67 − 16.00 + 66.00 + 24.00 = 41.33
      expect(totalsOf(lines, 'USD')).toEqual({ subtotalMinor: 4133n, taxMinor: 0n, totalMinor: 4133n });
      expect(lines.every((line) => line.periodStart.getTime() === at.getTime())).toBe(true);
    });

    it('downgrades Business with 13 seats to Team with 8 seats, a credit without tax', () => {
      const lines = prorationLines({
        from: businessMonthly,
        fromSeats: 13,
        to: teamMonthly,
        toSeats: 8,
        period: april,
        at,
      });
      // −66.00 − 24.00 + 32.67 + 16.00 = −41.33; a negative subtotal carries no tax even at 20 %
      expect(lines.map((line) => line.amountMinor)).toEqual([-6600n, -2400n, 3267n, 1600n]);
      expect(totalsOf(lines, 'USD', '20')).toEqual({ subtotalMinor: -4133n, taxMinor: 0n, totalMinor: -4133n });
    });
  });

  describe('mid-period seat changes on the same version (April 21 12:00: 9.5 of 30 days remain, 19/60)', () => {
    // 2026-04-21T12:00 → 2026-05-01T00:00 = 9.5 days = 820,800 s; 820,800 / 2,592,000 = 19/60
    const at = utc('2026-04-21T12:00:00');

    it('adds seats 6 → 9', () => {
      const lines = prorationLines({ from: teamMonthly, fromSeats: 6, to: teamMonthly, toSeats: 9, period: april, at });
      expect(summary(lines)).toEqual([
        // 1 × 8.00 × 19/60 = 152/60 = 2.5333… → 2.53 credited
        ['Unused time on Team v2 seats above 5 included (19/60 of the period, 1 × 8.00)', -253n],
        // 4 × 8.00 × 19/60 = 608/60 = 10.1333… → 10.13
        ['Remaining time on Team v2 seats above 5 included (19/60 of the period, 4 × 8.00)', 1013n],
      ]);
      // −2.53 + 10.13 = 7.60, the same as the 3 added seats × 8.00 × 19/60 = 456/60 = 7.60
      expect(sum(lines)).toBe(760n);
    });

    it('removes seats 9 → 4, below the included ones', () => {
      const lines = prorationLines({ from: teamMonthly, fromSeats: 9, to: teamMonthly, toSeats: 4, period: april, at });
      // credit 4 × 8.00 × 19/60 = 10.13; 4 seats are within the 5 included, so no charge line
      expect(summary(lines)).toEqual([
        ['Unused time on Team v2 seats above 5 included (19/60 of the period, 4 × 8.00)', -1013n],
      ]);
    });
  });

  it('prorates over leap-year February by its 29 days', () => {
    // 2028-02-01 → 2028-03-01 = 29 days = 2,505,600 s; from 2028-02-15: 15 days = 1,296,000 s → 15/29
    const february = { start: utc('2028-02-01T00:00:00'), end: utc('2028-03-01T00:00:00') };
    const lines = prorationLines({
      from: teamMonthly,
      fromSeats: 5,
      to: businessMonthly,
      toSeats: 10,
      period: february,
      at: utc('2028-02-15T00:00:00'),
    });
    expect(summary(lines)).toEqual([
      // 49.00 × 15/29 = 735/29 = 25.3448… (29 × 25 = 725, 10/29 = 0.3448) → 25.34 credited
      ['Unused time on Team v2 base fee (15/29 of the period)', -2534n],
      // 99.00 × 15/29 = 1485/29 = 51.2068… (29 × 51 = 1479, 6/29 = 0.2068) → 51.21
      ['Remaining time on Business v1 base fee (15/29 of the period)', 5121n],
    ]);
    // −25.34 + 51.21 = 25.87; no seat lines: 5 and 10 seats are all included
    expect(sum(lines)).toBe(2587n);
    expect(lines[0].explain).toMatchObject({ remainingSeconds: 1_296_000, periodSeconds: 2_505_600 });
  });

  describe('a yearly period (2026-03-01 → 2027-03-01, 365 days)', () => {
    const year = { start: utc('2026-03-01T00:00:00'), end: utc('2027-03-01T00:00:00') };
    const teamYearly = {
      ...teamMonthly,
      planVersionId: 'pv-team-2y',
      label: 'Team v2 yearly',
      baseFeeMinor: '49000',
      seatUnitPrice: '80',
    };
    const businessYearly = {
      ...businessMonthly,
      planVersionId: 'pv-business-1y',
      label: 'Business v1 yearly',
      baseFeeMinor: '99000',
      seatUnitPrice: '120',
    };

    it('bills the year in advance', () => {
      // base 490.00; (8 − 5) × 80.00 = 240.00
      expect(summary(fixedFeeLines(teamYearly, 8, year))).toEqual([
        ['Team v2 yearly base fee', 49000n],
        ['Seats above 5 included (3 × 80.00)', 24000n],
      ]);
    });

    it('prorates an upgrade on 2026-09-01 by the 181 days left', () => {
      // Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 = 184 days used, 365 − 184 = 181 left
      const lines = prorationLines({
        from: teamYearly,
        fromSeats: 8,
        to: businessYearly,
        toSeats: 8,
        period: year,
        at: utc('2026-09-01T00:00:00'),
      });
      expect(summary(lines)).toEqual([
        // 490 × 181/365 = 88,690/365 = 242.9863… (365 × 242 = 88,330, 360/365 = 0.9863) → 242.99 credited
        ['Unused time on Team v2 yearly base fee (181/365 of the period)', -24299n],
        // 3 × 80 = 240 × 181/365 = 43,440/365 = 119.0136… (365 × 119 = 43,435, 5/365 = 0.0136) → 119.01 credited
        ['Unused time on Team v2 yearly seats above 5 included (181/365 of the period, 3 × 80.00)', -11901n],
        // 990 × 181/365 = 179,190/365 = 490.9315… (365 × 490 = 178,850, 340/365 = 0.9315) → 490.93
        ['Remaining time on Business v1 yearly base fee (181/365 of the period)', 49093n],
      ]);
      // 8 seats are within Business's 10 included: no seat charge; −242.99 − 119.01 + 490.93 = 128.93
      expect(sum(lines)).toBe(12893n);
    });
  });

  describe('zero-decimal JPY', () => {
    const yen: FixedTerms = { ...teamMonthly, currency: 'JPY', baseFeeMinor: '5000', seatUnitPrice: '800' };
    const calls: ChargeTerms = { metricCode: 'api_calls', model: 'PER_UNIT', unitPrice: '0.3', includedUnits: '0' };

    it('rounds to whole yen, half to even', () => {
      // 12,345 × 0.3 = 3,703.5 → the half goes to the even 3,704
      expect(summary(billed(calls, '12345', 'JPY'))).toEqual([['api_calls (12,345 × 0.3)', 3704n]]);
      // 12,335 × 0.3 = 3,700.5 → the half goes to the even 3,700
      expect(billed(calls, '12335', 'JPY')[0].amountMinor).toBe(3700n);
    });

    it('bills, prorates and taxes in whole yen', () => {
      // base ¥5,000 (the minor unit is the yen); 7 seats: (7 − 5) × 800 = ¥1,600
      const fixed = fixedFeeLines(yen, 7, april);
      expect(summary(fixed)).toEqual([
        ['Team v2 base fee', 5000n],
        ['Seats above 5 included (2 × 800)', 1600n],
      ]);
      const lines = [...fixed, ...billed(calls, '12345', 'JPY')];
      // 5,000 + 1,600 + 3,704 = 10,304; tax 10 % = 1,030.4 → 1,030; total 11,334
      expect(totalsOf(lines, 'JPY', '10')).toEqual({ subtotalMinor: 10304n, taxMinor: 1030n, totalMinor: 11334n });
      expect(formatMinor(11334n, 'JPY')).toBe('11334');
      // Upgrade at 10 days into April to a ¥10,000 base fee with 7 seats kept:
      // base credit 5,000 × 2/3 = 3,333.33 → 3,333; base charge 10,000 × 2/3 = 6,666.67 → 6,667;
      // seats credit and charge 1,600 × 2/3 = 1,066.67 → 1,067 each
      const to = { ...yen, planVersionId: 'pv-team-3', label: 'Team v3', baseFeeMinor: '10000' };
      const change = prorationLines({
        from: yen,
        fromSeats: 7,
        to,
        toSeats: 7,
        period: april,
        at: utc('2026-04-11T00:00:00'),
      });
      expect(change.map((line) => line.amountMinor)).toEqual([-3333n, -1067n, 6667n, 1067n]);
    });
  });

  describe('three-decimal KWD', () => {
    const dinar: FixedTerms = { ...teamMonthly, currency: 'KWD', baseFeeMinor: '12500', seatUnitPrice: '2.125' };
    const calls: ChargeTerms = { metricCode: 'api_calls', model: 'PER_UNIT', unitPrice: '0.0025', includedUnits: '0' };

    it('rounds to the fils, half to even', () => {
      // 1,235 × 0.0025 = 3.0875 → the half fils goes to the even 3.088
      expect(summary(billed(calls, '1235', 'KWD'))).toEqual([['api_calls (1,235 × 0.0025)', 3088n]]);
      // 1,233 × 0.0025 = 3.0825 → the half fils goes to the even 3.082
      expect(billed(calls, '1233', 'KWD')[0].amountMinor).toBe(3082n);
    });

    it('bills and taxes in fils', () => {
      // base 12.500; 6 seats: 1 × 2.125 = 2.125; calls 3.088
      const lines = [...fixedFeeLines(dinar, 6, april), ...billed(calls, '1235', 'KWD')];
      expect(summary(lines)).toEqual([
        ['Team v2 base fee', 12500n],
        ['Seats above 5 included (1 × 2.125)', 2125n],
        ['api_calls (1,235 × 0.0025)', 3088n],
      ]);
      // 12.500 + 2.125 + 3.088 = 17.713; tax 5 % = 0.88565 → 0.886; total 18.599
      expect(totalsOf(lines, 'KWD', '5')).toEqual({ subtotalMinor: 17713n, taxMinor: 886n, totalMinor: 18599n });
      expect(formatMinor(18599n, 'KWD')).toBe('18.599');
    });
  });

  it('adds tax on top of a full month and keeps total = rounded lines + tax', () => {
    const messages: ChargeTerms = {
      metricCode: 'messages',
      model: 'GRADUATED',
      includedUnits: '0',
      tiers: [
        { fromUnits: '0', upTo: '100000', unitPrice: '0', flatFee: '0' },
        { fromUnits: '100000', upTo: '1000000', unitPrice: '0.0004', flatFee: '0' },
        { fromUnits: '1000000', upTo: null, unitPrice: '0.0002', flatFee: '0' },
      ],
    };
    const names = new Map([['messages', 'Messages sent']]);
    const lines = [
      ...fixedFeeLines(teamMonthly, 8, april),
      ...usageLines(usd([messages]), new Map([['messages', '1234567']]), april, names),
    ];
    expect(summary(lines)).toEqual([
      // 49.00
      ['Team v2 base fee', 4900n],
      // (8 − 5) × 8.00 = 24.00
      ['Seats above 5 included (3 × 8.00)', 2400n],
      // tier 1: 100,000 × 0 = 0 → no line; tier 2: 900,000 × 0.0004 = 360.00
      ['Messages sent, tier 2 (900,000 × 0.0004)', 36000n],
      // tier 3: 1,234,567 − 1,000,000 = 234,567 × 0.0002 = 46.9134 → 46.91
      ['Messages sent, tier 3 (234,567 × 0.0002)', 4691n],
    ]);
    // subtotal 49.00 + 24.00 + 360.00 + 46.91 = 479.91
    // tax 8.875 %: 479.91 × 8.875 = 3,839.28 + 419.92125 = 4,259.20125 → ÷ 100 = 42.5920125 → 42.59
    // total 479.91 + 42.59 = 522.50
    const totals = totalsOf(lines, 'USD', '8.875');
    expect(totals).toEqual({ subtotalMinor: 47991n, taxMinor: 4259n, totalMinor: 52250n });
    expect(totals.totalMinor).toBe(sum(lines) + totals.taxMinor);
    expect(formatMinor(totals.totalMinor, 'USD')).toBe('522.50');
  });
});
