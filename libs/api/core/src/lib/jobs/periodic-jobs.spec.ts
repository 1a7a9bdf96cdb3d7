import { Database } from '../database/database';
import { Metrics } from '../metrics/metrics';
import { testConfig } from '../../testing';
import { PeriodicJobs } from './periodic-jobs';

/** A job that runs until the test lets it finish. */
function heldJob(name: string) {
  let finish!: () => void;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const job = {
    name,
    everyMs: 60_000,
    runs: 0,
    run: () =>
      new Promise<void>((resolve) => {
        job.runs += 1;
        finish = resolve;
        started();
      }),
  };
  return { job, running, finish: () => finish() };
}

describe('periodic jobs across instances', () => {
  const config = { ...testConfig(), jobsEnabled: false };
  const first = new Database(config);
  const second = new Database(config);
  const metricsA = new Metrics();
  const metricsB = new Metrics();
  const instanceA = new PeriodicJobs(first, config, metricsA);
  const instanceB = new PeriodicJobs(second, config, metricsB);

  /** The rounds an instance counted for a job, by outcome. */
  async function rounds(metrics: Metrics, name: string): Promise<Record<string, number>> {
    const { values } = await metrics.jobRuns.get();
    return Object.fromEntries(
      values
        .filter((value) => value.labels['job_name'] === name)
        .map((value) => [value.labels['outcome'], value.value]),
    );
  }

  async function lastSuccess(metrics: Metrics, name: string): Promise<number | undefined> {
    const { values } = await metrics.jobLastSuccess.get();
    return values.find((value) => value.labels['job_name'] === name)?.value;
  }

  afterAll(async () => {
    await Promise.all([first.onModuleDestroy(), second.onModuleDestroy()]);
  });

  it('runs a job on one instance at a time and frees it when the run ends', async () => {
    const name = `test-job-${Date.now()}`;
    const onA = heldJob(name);
    const onB = heldJob(name);
    instanceA.register(onA.job);
    instanceB.register(onB.job);

    const runA = instanceA.runNow(name);
    await onA.running;
    expect(await instanceB.runNow(name)).toBe(false);
    expect(onB.job.runs).toBe(0);

    onA.finish();
    expect(await runA).toBe(true);

    const runB = instanceB.runNow(name);
    await onB.running;
    onB.finish();
    expect(await runB).toBe(true);

    expect(await rounds(metricsA, name)).toEqual({ ok: 1 });
    expect(await rounds(metricsB, name)).toEqual({ skipped: 1, ok: 1 });
    expect(await lastSuccess(metricsB, name)).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('frees the lock when a run fails', async () => {
    const name = `failing-job-${Date.now()}`;
    instanceA.register({ name, everyMs: 60_000, run: () => Promise.reject(new Error('boom')) });
    const ok = { name, everyMs: 60_000, runs: 0, run: async () => void (ok.runs += 1) };
    instanceB.register(ok);
    await expect(instanceA.runNow(name)).rejects.toThrow('boom');
    expect(await instanceB.runNow(name)).toBe(true);
    expect(ok.runs).toBe(1);

    expect(await rounds(metricsA, name)).toEqual({ failed: 1 });
    expect(await lastSuccess(metricsA, name)).toBeUndefined();
  });
});
