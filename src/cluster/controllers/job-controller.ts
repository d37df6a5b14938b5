/**
 * The Job controller: runs pods until `completions` succeed, recreating
 * failed ones with exponential back-off (10 s doubling, capped at 6 min)
 * until `backoffLimit` is exceeded, honours `activeDeadlineSeconds`,
 * `parallelism`, `suspend` and `ttlSecondsAfterFinished`, and reports the
 * terminal conditions and events kubectl shows.
 *
 * @see k8s.io/kubernetes/pkg/controller/job/job_controller.go
 */
import { cloneJson, parseTime, rfc3339, type KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import {
  controllerRef,
  isPodReady,
  onStore,
  ownerRefTo,
  podStatus,
  sameJson,
  splitKey,
  WorkQueue,
  type Condition,
  type PodIndex,
  podProgressUnchanged,
} from './util.js';

export const JOB_CONTROLLER = 'job-controller';
export const TTL_CONTROLLER = 'ttl-after-finished-controller';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 6 * 60_000;

interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
}

export interface JobStatus {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, unknown>;
  completedIndexes?: string;
}

function jobSpec(job: KubeObject): JobSpec {
  return (job.spec ?? {}) as JobSpec;
}

export function isJobFinished(job: KubeObject): boolean {
  return ((job.status as JobStatus | undefined)?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function jobCondition(sim: Simulation, type: string, reason: string, message: string): Condition {
  const t = rfc3339(sim.now());
  return {
    lastProbeTime: t,
    lastTransitionTime: t,
    message,
    reason,
    status: 'True',
    type,
  } as Condition;
}

/** Restarts of a pod's containers (count toward backoffLimit with restartPolicy OnFailure). */
function restarts(p: KubeObject): number {
  return (podStatus(p).containerStatuses ?? []).reduce((s, c) => s + (c.restartCount ?? 0), 0);
}

export function installJobController(sim: Simulation, pods: PodIndex): void {
  const queue = new WorkQueue(sim, JOB_CONTROLLER);
  /** job uid → when the next pod may be created after failures */
  const backoffUntil = new Map<string, number>();
  onStore(sim, ['jobs.batch', 'pods'], (e) => {
    if (e.resource === 'jobs.batch') {
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      return;
    }
    const ref = controllerRef(e.object);
    if (ref?.kind !== 'Job') return;
    // Restarts count too: they move a Job toward its backoffLimit.
    if (e.type === 'MODIFIED' && e.old && podProgressUnchanged(e.old, e.object) && restarts(e.old) === restarts(e.object)) return;
    queue.add(`${e.object.metadata.namespace}/${ref.name}`);
  });
  sim.addController({
    name: JOB_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        syncJob(sim, pods, queue, backoffUntil, key);
      });
    },
  });
}

function syncJob(
  sim: Simulation,
  index: PodIndex,
  queue: WorkQueue,
  backoffUntil: Map<string, number>,
  key: string,
): void {
  const [ns, name] = splitKey(key);
  const job = sim.store.get('jobs.batch', ns, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const spec = jobSpec(job);
  const now = sim.now();
  const old = cloneJson((job.status ?? {}) as JobStatus);
  const status: JobStatus = cloneJson(old);
  const podDef = kindByResourceKey('pods')!;
  const all = index.ownedBy(job.metadata.uid).filter((p) => p.metadata.namespace === ns);
  const podsNever = (spec.template?.spec?.restartPolicy ?? 'Never') === 'Never';

  if (isJobFinished(job)) {
    scheduleTTL(sim, job);
    return;
  }
  const activePods = all.filter(
    (p) =>
      !p.metadata.deletionTimestamp &&
      podStatus(p).phase !== 'Succeeded' &&
      podStatus(p).phase !== 'Failed',
  );
  const succeeded = all.filter((p) => podStatus(p).phase === 'Succeeded').length;
  const failedPods = all.filter((p) => podStatus(p).phase === 'Failed').length;
  const failed = failedPods + (podsNever ? 0 : activePods.reduce((s, p) => s + restarts(p), 0));
  const terminating = all.filter(
    (p) =>
      p.metadata.deletionTimestamp &&
      podStatus(p).phase !== 'Succeeded' &&
      podStatus(p).phase !== 'Failed',
  ).length;
  const suspended = !!spec.suspend;
  if (!status.startTime && !suspended) status.startTime = rfc3339(now);

  const completions = spec.completions === undefined ? 1 : spec.completions;
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? 6;
  let finished: { type: 'Complete' | 'Failed'; reason: string; message: string } | undefined;
  const started = parseTime(status.startTime);
  if (completions !== null && succeeded >= completions)
    finished = {
      type: 'Complete',
      reason: 'CompletionsReached',
      message: 'Reached expected number of succeeded pods',
    };
  else if (completions === null && succeeded > 0 && activePods.length === 0)
    finished = {
      type: 'Complete',
      reason: 'CompletionsReached',
      message: 'Reached expected number of succeeded pods',
    };
  else if (failed > backoffLimit)
    finished = {
      type: 'Failed',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    };
  else if (
    spec.activeDeadlineSeconds !== undefined &&
    started !== undefined &&
    !suspended &&
    now - started >= spec.activeDeadlineSeconds * 1000
  ) {
    finished = {
      type: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    };
  }

  let active = activePods.length;
  if (finished) {
    for (const p of activePods) {
      const res = sim.api.delete(podDef, ns, p.metadata.name!);
      if (res.ok)
        sim.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, {
          component: JOB_CONTROLLER,
        });
    }
    active = 0;
    const conds = status.conditions ?? [];
    if (finished.type === 'Failed') {
      conds.push(
        jobCondition(sim, 'FailureTarget', finished.reason, finished.message),
        jobCondition(sim, 'Failed', finished.reason, finished.message),
      );
      sim.events.record(job, 'Warning', finished.reason, finished.message, {
        component: JOB_CONTROLLER,
      });
    } else {
      conds.push(
        jobCondition(sim, 'SuccessCriteriaMet', finished.reason, finished.message),
        jobCondition(sim, 'Complete', finished.reason, finished.message),
      );
      status.completionTime = rfc3339(now);
      sim.events.record(job, 'Normal', 'Completed', 'Job completed', { component: JOB_CONTROLLER });
    }
    status.conditions = conds;
  } else if (suspended) {
    for (const p of activePods) {
      const res = sim.api.delete(podDef, ns, p.metadata.name!);
      if (res.ok)
        sim.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, {
          component: JOB_CONTROLLER,
        });
    }
    active = 0;
    const conds = status.conditions ?? [];
    if (!conds.some((c) => c.type === 'Suspended' && c.status === 'True')) {
      status.conditions = [
        ...conds.filter((c) => c.type !== 'Suspended'),
        jobCondition(sim, 'Suspended', 'JobSuspended', 'Job suspended'),
      ];
      sim.events.record(job, 'Normal', 'Suspended', 'Job suspended', { component: JOB_CONTROLLER });
    }
  } else {
    const conds = status.conditions ?? [];
    const susp = conds.find((c) => c.type === 'Suspended' && c.status === 'True');
    if (susp) {
      status.conditions = conds.map((c) =>
        c === susp
          ? { ...jobCondition(sim, 'Suspended', 'JobResumed', 'Job resumed'), status: 'False' }
          : c,
      );
      sim.events.record(job, 'Normal', 'Resumed', 'Job resumed', { component: JOB_CONTROLLER });
    }
    const remaining =
      completions === null ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
    const want = Math.max(0, Math.min(parallelism, remaining));
    const uid = job.metadata.uid!;
    const lastFailures = backoffUntil.get(`${uid}/n`) ?? 0;
    if (failed > lastFailures) {
      // Each new failure pushes the next creation back: 10 s, 20 s, 40 s … (max 6 min).
      backoffUntil.set(uid, now + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)));
      backoffUntil.set(`${uid}/n`, failed);
    }
    const readyAt = failed > 0 ? (backoffUntil.get(uid) ?? 0) : 0;
    if (active < want) {
      if (readyAt > now) queue.addAfter(key, readyAt - now);
      else {
        for (let i = active; i < want; i++) {
          const res = sim.api.create(jobPod(job, spec));
          if (res.ok) {
            active++;
            sim.events.record(
              job,
              'Normal',
              'SuccessfulCreate',
              `Created pod: ${res.value.metadata.name}`,
              { component: JOB_CONTROLLER },
            );
          } else {
            sim.events.record(
              job,
              'Warning',
              'FailedCreate',
              `Error creating: ${res.error.message}`,
              { component: JOB_CONTROLLER },
            );
            queue.addAfter(key, 10_000);
            break;
          }
        }
      }
    } else if (active > want) {
      for (const p of activePods.slice(want)) sim.api.delete(podDef, ns, p.metadata.name!);
      active = want;
    }
    if (spec.activeDeadlineSeconds !== undefined && started !== undefined)
      queue.addAfter(key, started + spec.activeDeadlineSeconds * 1000 - now);
  }
  status.active = active;
  status.ready = activePods.filter(isPodReady).length;
  status.succeeded = succeeded;
  status.failed = failed;
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  const clean: JobStatus = {};
  for (const [k, v] of Object.entries(status))
    if (v !== undefined && !(v === 0 && k !== 'ready' && k !== 'terminating'))
      (clean as Record<string, unknown>)[k] = v;
  if (!sameJson(old, clean)) {
    const res = sim.api.updateStatus({ ...job, status: clean });
    if (res.ok && finished) scheduleTTL(sim, res.value);
  }
}

function jobPod(job: KubeObject, spec: JobSpec): KubeObject {
  const t = spec.template ?? {};
  const uid = job.metadata.uid!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${job.metadata.name}-`,
      namespace: job.metadata.namespace,
      labels: {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': job.metadata.name!,
        'controller-uid': uid,
        'job-name': job.metadata.name!,
        ...(t.metadata?.labels ?? {}),
      },
      ...(t.metadata?.annotations ? { annotations: cloneJson(t.metadata.annotations) } : {}),
      ownerReferences: [ownerRefTo(job)],
    },
    spec: cloneJson(t.spec ?? {}),
  };
}

const ttlTimers = new WeakMap<Simulation, Set<string>>();

/** ttlSecondsAfterFinished: the Job (and its pods) go that long after it finished. */
function scheduleTTL(sim: Simulation, job: KubeObject): void {
  const ttl = jobSpec(job).ttlSecondsAfterFinished;
  if (ttl === undefined) return;
  const st = (job.status ?? {}) as JobStatus;
  const finishedAt =
    parseTime(st.completionTime) ??
    parseTime(st.conditions?.find((c) => c.type === 'Failed')?.lastTransitionTime) ??
    sim.now();
  let set = ttlTimers.get(sim);
  if (!set) ttlTimers.set(sim, (set = new Set()));
  const uid = job.metadata.uid!;
  if (set.has(uid)) return;
  set.add(uid);
  const ns = job.metadata.namespace!;
  const name = job.metadata.name!;
  sim.clock.setTimeout(
    () => {
      const cur = sim.store.get('jobs.batch', ns, name);
      if (cur?.metadata.uid === uid)
        sim.api.delete(kindByResourceKey('jobs.batch')!, ns, name, {
          propagationPolicy: 'Background',
        });
    },
    Math.max(0, finishedAt + ttl * 1000 - sim.now()),
  );
}
