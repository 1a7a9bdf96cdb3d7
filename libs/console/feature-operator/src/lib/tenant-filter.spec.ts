import { NO_FILTER, toQueryArguments } from './tenant-filter';

describe('toQueryArguments', () => {
  it('sends nothing for an empty filter', () => {
    expect(toQueryArguments(NO_FILTER)).toEqual({
      search: null,
      filter: { planId: null, status: null, pastDue: null, overQuota: null },
    });
  });

  it('trims the search and sends only the chips that are on', () => {
    expect(
      toQueryArguments({ search: '  acme ', planId: 'p1', status: 'SUSPENDED', pastDue: true, overQuota: false }),
    ).toEqual({ search: 'acme', filter: { planId: 'p1', status: 'SUSPENDED', pastDue: true, overQuota: null } });
  });
});
