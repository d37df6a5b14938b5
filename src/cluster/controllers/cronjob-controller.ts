/**
 * The CronJob controller (v2): creates `<name>-<minutes since epoch>` Jobs at
 * each scheduled time, honours suspend, concurrencyPolicy,
 * startingDeadlineSeconds and the history limits, and keeps status.active,
 * lastScheduleTime and lastSuccessfulTime.
 *
 * @see k8s.io/kubernetes/pkg/controller/cronjob/cronjob_controllerv2.go
 */
import { cloneJson, parseTime, rfc3339, type KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { isJobFinished } from './job-controller.js';
import { controllerRef, onStore, ownerRefTo, sameJson, splitKey, WorkQueue } from './util.js';

export const CRONJOB_CONTROLLER = 'cronjob-controller';

interface CronSpec {
  schedule: string;
  suspend?: boolean;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: unknown;
  };
}

interface Field {
  values: Set<number>;
  star: boolean;
}

export interface Schedule {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseField(s: string, min: number, max: number, names?: string[]): Field {
  const values = new Set<number>();
  const star = s.startsWith('*') || s.startsWith('?');
  for (const part of s.split(',')) {
    const [range, stepStr] = part.split('/');
    const step = stepStr === undefined ? 1 : Number(stepStr);
    if (!Number.isInteger(step) || step <= 0) throw new Error(`bad step in ${s}`);
    let lo: number;
    let hi: number;
    const num = (x: string) => {
      const i = names?.indexOf(x.toLowerCase()) ?? -1;
      const n = i >= 0 ? i + (min === 1 ? 1 : 0) : Number(x);
      if (!Number.isInteger(n)) throw new Error(`bad value ${x}`);
      return n;
    };
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = num(a);
      hi = num(b);
    } else {
      lo = num(range);
      hi = stepStr === undefined ? lo : max;
    }
    if (lo < min || hi > max || lo > hi) throw new Error(`value out of range in ${s}`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star };
}

/** Parses a standard 5-field cron schedule (robfig/cron semantics). Throws on errors. */
export function parseSchedule(spec: string): Schedule {
  const s = MACROS[spec.trim()] ?? spec.trim();
  const f = s.replace(/^TZ=\S+\s+|^CRON_TZ=\S+\s+/, '').split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: ${spec}`);
  const dow = parseField(f[4], 0, 7, DAYS);
  if (dow.values.has(7)) dow.values.add(0);
  return {
    minute: parseField(f[0], 0, 59),
    hour: parseField(f[1], 0, 23),
    dom: parseField(f[2], 1, 31),
    month: parseField(f[3], 1, 12, MONTHS),
    dow,
  };
}

function dayMatches(s: Schedule, d: Date): boolean {
  const domMatch = s.dom.values.has(d.getUTCDate());
  const dowMatch = s.dow.values.has(d.getUTCDay());
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** The first scheduled time strictly after `t` (ms), in UTC. */
export function nextTime(s: Schedule, t: number): number {
  const d = new Date(Math.floor(t / 60_000) * 60_000 + 60_000);
  const limit = t + 5 * 366 * 24 * 3600_000;
  while (d.getTime() < limit) {
    if (!s.month.values.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.values.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.values.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  return Infinity;
}

export function installCronJobController(sim: Simulation): void {
  const queue = new WorkQueue(sim, CRONJOB_CONTROLLER);
  onStore(sim, ['cronjobs.batch', 'jobs.batch'], (e) => {
    if (e.resource === 'cronjobs.batch')
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    else {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'CronJob') queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    }
  });
  sim.addController({
    name: CRONJOB_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        syncCronJob(sim, queue, key);
      });
    },
  });
}

function syncCronJob(sim: Simulation, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const cj = sim.store.get('cronjobs.batch', ns, name);
  if (!cj) return;
  const spec = (cj.spec ?? {}) as CronSpec;
  const now = sim.now();
  const jobDef = kindByResourceKey('jobs.batch')!;
  const rec = (type: 'Normal' | 'Warning', reason: string, msg: string) =>
    sim.events.record(cj, type, reason, msg, { component: CRONJOB_CONTROLLER });
  const jobs = sim.store
    .list('jobs.batch', ns)
    .filter((j) => controllerRef(j)?.uid === cj.metadata.uid);
  const old = cloneJson(
    (cj.status ?? {}) as {
      active?: { name: string; uid: string }[];
      lastScheduleTime?: string;
      lastSuccessfulTime?: string;
    },
  );
  const status = cloneJson(old);
  // Forget finished or vanished jobs in status.active.
  const active = (status.active ?? []).filter((ref) => {
    const j = jobs.find((x) => x.metadata.uid === ref.uid);
    if (!j) return false;
    if (isJobFinished(j)) {
      const c = (
        (j.status as { conditions?: { type: string; status: string }[] }).conditions ?? []
      ).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')!;
      rec('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${c.type}`);
      if (c.type === 'Complete') {
        const t = (j.status as { completionTime?: string }).completionTime;
        if (t && (!status.lastSuccessfulTime || t > status.lastSuccessfulTime))
          status.lastSuccessfulTime = t;
      }
      return false;
    }
    return true;
  });
  for (const j of jobs) {
    if (!isJobFinished(j) && !active.some((a) => a.uid === j.metadata.uid)) active.push(jobRef(j));
  }
  status.active = active;
  const write = () => {
    const clean: Record<string, unknown> = {};
    if (status.active && status.active.length > 0) clean.active = status.active;
    if (status.lastScheduleTime) clean.lastScheduleTime = status.lastScheduleTime;
    if (status.lastSuccessfulTime) clean.lastSuccessfulTime = status.lastSuccessfulTime;
    if (!sameJson(cj.status ?? {}, clean)) sim.api.updateStatus({ ...cj, status: clean });
  };
  if (cj.metadata.deletionTimestamp) return write();
  cleanupHistory(sim, cj, jobs, spec, rec);
  let sched: Schedule;
  try {
    sched = parseSchedule(spec.schedule);
  } catch (err) {
    rec(
      'Warning',
      'UnparseableSchedule',
      `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${(err as Error).message}`,
    );
    return write();
  }
  if (spec.suspend) return write();
  // The most recent missed time since the last one (or creation).
  const since =
    parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  let t = nextTime(sched, since);
  let latest: number | undefined;
  let missed = 0;
  while (t <= now) {
    latest = t;
    missed++;
    t = nextTime(sched, t);
  }
  const next = t;
  if (next !== Infinity) queue.addAfter(key, next - now);
  if (latest === undefined) return write();
  if (missed > 100)
    rec(
      'Warning',
      'TooManyMissedTimes',
      `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
    );
  if (
    spec.startingDeadlineSeconds !== undefined &&
    now - latest > spec.startingDeadlineSeconds * 1000
  ) {
    rec('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc3339(latest)}`);
    return write();
  }
  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    rec(
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    return write();
  }
  if (policy === 'Replace') {
    for (const ref of [...active]) {
      const res = sim.api.delete(jobDef, ns, ref.name, { propagationPolicy: 'Background' });
      if (res.ok) rec('Normal', 'SuccessfulDelete', `Deleted job ${ref.name}`);
    }
    status.active = [];
  }
  const jobName = `${name}-${Math.floor(latest / 60_000)}`;
  const tmpl = spec.jobTemplate ?? {};
  const res = sim.api.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace: ns,
      ...(tmpl.metadata?.labels ? { labels: cloneJson(tmpl.metadata.labels) } : {}),
      annotations: {
        ...(tmpl.metadata?.annotations ?? {}),
        'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(latest),
      },
      ownerReferences: [ownerRefTo(cj)],
    },
    spec: cloneJson(tmpl.spec ?? {}),
  });
  if (res.ok) {
    rec('Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    status.active = [...(status.active ?? []), jobRef(res.value)];
    status.lastScheduleTime = rfc3339(latest);
  } else if (res.error.reason === 'AlreadyExists') {
    status.lastScheduleTime = rfc3339(latest);
  } else {
    rec('Warning', 'FailedCreate', `Error creating job: ${res.error.message}`);
  }
  write();
}

function jobRef(j: KubeObject): {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  resourceVersion: string;
  uid: string;
} {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: j.metadata.name!,
    namespace: j.metadata.namespace!,
    resourceVersion: j.metadata.resourceVersion!,
    uid: j.metadata.uid!,
  };
}

function cleanupHistory(
  sim: Simulation,
  cj: KubeObject,
  jobs: KubeObject[],
  spec: CronSpec,
  rec: (t: 'Normal' | 'Warning', r: string, m: string) => void,
): void {
  const def = kindByResourceKey('jobs.batch')!;
  const finished = (type: string) =>
    jobs
      .filter((j) =>
        (
          (j.status as { conditions?: { type: string; status: string }[] } | undefined)
            ?.conditions ?? []
        ).some((c) => c.type === type && c.status === 'True'),
      )
      .sort(
        (a, b) =>
          String(a.metadata.creationTimestamp).localeCompare(
            String(b.metadata.creationTimestamp),
          ) || (a.metadata.name! < b.metadata.name! ? -1 : 1),
      );
  for (const [type, limit] of [
    ['Complete', spec.successfulJobsHistoryLimit ?? 3],
    ['Failed', spec.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const list = finished(type);
    for (const j of list.slice(0, Math.max(0, list.length - limit))) {
      if (j.metadata.deletionTimestamp) continue;
      const res = sim.api.delete(def, j.metadata.namespace!, j.metadata.name!, {
        propagationPolicy: 'Background',
      });
      if (res.ok) rec('Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
    }
  }
  void cj;
}
