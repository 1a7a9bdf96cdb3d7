import { PeriodicJobs } from '@warbler/api/core';
import { closeOwnerClient, ownerClient, startTestApp, type TestApp } from '../../testing';
import { MeteringModule } from '../metering.module';
import { UsagePartitions } from './usage-partitions.job';

describe('usage-partitions job', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('is registered and keeps partitions three months ahead', async () => {
    expect(await app.app.get(PeriodicJobs).runNow(UsagePartitions.jobName)).toBe(true);
    const ahead = new Date();
    ahead.setUTCMonth(ahead.getUTCMonth() + 3, 1);
    const name = `usage_events_${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
    const [row] = await ownerClient().$queryRaw<{ found: string | null }[]>`SELECT to_regclass(${name})::text AS found`;
    expect(row.found).toBe(name);
  });
});
