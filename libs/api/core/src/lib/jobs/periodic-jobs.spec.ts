import { Database } from '../database/database';
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
  const instanceA = new PeriodicJobs(first, config);
  const instanceB = new PeriodicJobs(second, config);

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
  });

  it('frees the lock when a run fails', async () => {
    const name = `failing-job-${Date.now()}`;
    instanceA.register({ name, everyMs: 60_000, run: () => Promise.reject(new Error('boom')) });
    const ok = { name, everyMs: 60_000, runs: 0, run: async () => void (ok.runs += 1) };
    instanceB.register(ok);
    await expect(instanceA.runNow(name)).rejects.toThrow('boom');
    expect(await instanceB.runNow(name)).toBe(true);
    expect(ok.runs).toBe(1);
  });
});
