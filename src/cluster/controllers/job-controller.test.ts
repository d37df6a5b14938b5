import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { eventsFor, mustCreate, mustUpdate, testCluster } from './test-support.js';
import { nextTime, parseSchedule } from './cronjob-controller.js';

function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } }, ...spec },
  };
}
const conds = (o: KubeObject) => ((o.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] }).conditions ?? []);

describe('job controller', () => {
  it('completes when the pod succeeds', () => {
    const { sim } = testCluster({ exit: () => ({ afterMs: 5000, code: 0 }) });
    mustCreate(sim, job('pi'));
    sim.advanceBy(10_000);
    const j = sim.store.get('jobs.batch', 'default', 'pi')!;
    expect(j.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, startTime: '2026-01-15T09:00:00Z', completionTime: '2026-01-15T09:00:07Z' });
    expect(conds(j).map((c) => `${c.type}:${c.reason}`)).toEqual(['SuccessCriteriaMet:CompletionsReached', 'Complete:CompletionsReached']);
    const ev = eventsFor(sim, 'default', 'pi');
    expect(ev[0]).toMatch(/^SuccessfulCreate: Created pod: pi-[a-z0-9]{5}$/);
    expect(ev[1]).toBe('Completed: Job completed');
    const pod = sim.store.list('pods', 'default')[0];
    expect(pod.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' });
  });

  it('retries failed pods with back-off until backoffLimit, then fails', () => {
    const { sim } = testCluster({ exit: () => ({ afterMs: 1000, code: 1 }) });
    mustCreate(sim, job('bad', { backoffLimit: 2 }));
    sim.advanceBy(5000);
    expect(sim.store.list('pods', 'default')).toHaveLength(1);
    // second pod 10 s after the first failure, third 20 s after the second
    sim.advanceBy(10_000);
    expect(sim.store.list('pods', 'default')).toHaveLength(2);
    sim.advanceBy(25_000);
    expect(sim.store.list('pods', 'default')).toHaveLength(3);
    sim.advanceBy(60_000);
    const j = sim.store.get('jobs.batch', 'default', 'bad')!;
    expect(j.status).toMatchObject({ failed: 3 });
    expect(conds(j).map((c) => `${c.type}:${c.status}:${c.reason}:${c.message}`)).toEqual([
      'FailureTarget:True:BackoffLimitExceeded:Job has reached the specified backoff limit',
      'Failed:True:BackoffLimitExceeded:Job has reached the specified backoff limit',
    ]);
    expect(eventsFor(sim, 'default', 'bad').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(sim.store.list('pods', 'default')).toHaveLength(3);
  });

  it('fails a job active longer than activeDeadlineSeconds', () => {
    const { sim } = testCluster();
    mustCreate(sim, job('slow', { activeDeadlineSeconds: 30 }));
    sim.advanceBy(29_000);
    expect(conds(sim.store.get('jobs.batch', 'default', 'slow')!)).toEqual([]);
    sim.advanceBy(2000);
    const j = sim.store.get('jobs.batch', 'default', 'slow')!;
    expect(conds(j).find((c) => c.type === 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(eventsFor(sim, 'default', 'slow')).toContain('DeadlineExceeded: Job was active longer than specified deadline');
    expect(sim.store.list('pods', 'default').every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });

  it('runs completions with parallelism and deletes the job after its TTL', () => {
    const { sim } = testCluster({ exit: () => ({ afterMs: 3000, code: 0 }) });
    mustCreate(sim, job('batch', { completions: 5, parallelism: 2, ttlSecondsAfterFinished: 60 }));
    expect(sim.store.list('pods', 'default')).toHaveLength(2);
    sim.advanceBy(30_000);
    const j = sim.store.get('jobs.batch', 'default', 'batch')!;
    expect(j.status).toMatchObject({ succeeded: 5 });
    sim.advanceBy(61_000);
    expect(sim.store.get('jobs.batch', 'default', 'batch')).toBeUndefined();
    expect(sim.store.list('pods', 'default')).toHaveLength(0);
  });
});

describe('cronjob controller', () => {
  it('parses schedules like robfig/cron', () => {
    const t0 = Date.UTC(2026, 0, 15, 9, 0, 0);
    expect(new Date(nextTime(parseSchedule('*/5 * * * *'), t0)).toISOString()).toBe('2026-01-15T09:05:00.000Z');
    expect(new Date(nextTime(parseSchedule('0 3 * * mon'), t0)).toISOString()).toBe('2026-01-19T03:00:00.000Z');
    expect(new Date(nextTime(parseSchedule('@monthly'), t0)).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(new Date(nextTime(parseSchedule('30 9 1,15 * 5'), t0)).toISOString()).toBe('2026-01-15T09:30:00.000Z');
    expect(() => parseSchedule('* * *')).toThrow();
  });

  it('creates a Job each minute, records completions and keeps three', () => {
    const { sim } = testCluster({ exit: () => ({ afterMs: 5000, code: 0 }) });
    mustCreate(sim, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36' }] } } } } },
    });
    sim.advanceBy(60_000);
    const first = `hello-${Math.floor(Date.UTC(2026, 0, 15, 9, 1) / 60_000)}`;
    expect(sim.store.get('jobs.batch', 'default', first)!.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-15T09:01:00Z');
    sim.advanceBy(5 * 60_000);
    const jobs = sim.store.list('jobs.batch', 'default').filter((j) => !j.metadata.deletionTimestamp);
    expect(jobs.length).toBeLessThanOrEqual(4);
    const ev = eventsFor(sim, 'default', 'hello');
    expect(ev[0]).toBe(`SuccessfulCreate: Created job ${first}`);
    expect(ev).toContain(`SawCompletedJob: Saw completed job: ${first}, status: Complete`);
    expect(ev).toContain(`SuccessfulDelete: Deleted job ${first}`);
    const cj = sim.store.get('cronjobs.batch', 'default', 'hello')!;
    expect(cj.status).toMatchObject({ lastScheduleTime: '2026-01-15T09:06:00Z', lastSuccessfulTime: '2026-01-15T09:05:07Z' });
  });

  it('with concurrencyPolicy Forbid, skips a run while the previous job is active', () => {
    const { sim } = testCluster({ exit: () => ({ afterMs: 90_000, code: 0 }) });
    mustCreate(sim, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'slow', namespace: 'default' },
      spec: { schedule: '* * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } },
    });
    sim.advanceBy(2 * 60_000);
    expect(sim.store.list('jobs.batch', 'default')).toHaveLength(1);
    expect(eventsFor(sim, 'default', 'slow')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    const cj = sim.store.get('cronjobs.batch', 'default', 'slow')!;
    expect((cj.status as { active: unknown[] }).active).toHaveLength(1);
  });
});

describe('job suspension', () => {
  it('deletes active pods when suspended and starts again when resumed', () => {
    const { sim } = testCluster();
    mustCreate(sim, job('long'));
    expect(sim.store.list('pods', 'default')).toHaveLength(1);
    mustUpdate(sim, 'jobs.batch', 'default', 'long', (j) => ((j.spec as { suspend: boolean }).suspend = true));
    expect(sim.store.list('pods', 'default').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    const j = sim.store.get('jobs.batch', 'default', 'long')!;
    expect(conds(j).find((c) => c.type === 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    sim.advanceBy(31_000);
    mustUpdate(sim, 'jobs.batch', 'default', 'long', (x) => ((x.spec as { suspend: boolean }).suspend = false));
    expect(sim.store.list('pods', 'default')).toHaveLength(1);
    expect(eventsFor(sim, 'default', 'long')).toContain('Resumed: Job resumed');
  });
});

