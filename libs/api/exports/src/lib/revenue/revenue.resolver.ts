import { Args, Query, Resolver } from '@nestjs/graphql';
import { Can } from '@warbler/api/access';
import { RevenueMonthGql, RevenueSummary, RevenueSummaryArgs } from './revenue-summary';

@Resolver(() => RevenueMonthGql)
export class RevenueResolver {
  constructor(private readonly revenue: RevenueSummary) {}

  @Query(() => [RevenueMonthGql], {
    description: 'Invoiced, paid, outstanding, by plan and MRR, per month and currency',
  })
  @Can('read', 'Export')
  revenueSummary(@Args() { from, to }: RevenueSummaryArgs): Promise<RevenueMonthGql[]> {
    return this.revenue.months(from, to);
  }
}
