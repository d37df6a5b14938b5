import type { Pod, ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.js';
import { cols, type TableHandler } from './types.js';
import { timeOf, translateTimestampSince } from './format.js';
import type { Timestamp } from '../api/human-duration.js';

/**
 * `kubectl get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE
 * NOMINATED NODE READINESS GATES.
 *
 * @see kubernetes/pkg/printers/internalversion/printers.go printPod
 */
export const podTable: TableHandler = {
  columns: cols('Name', 'Ready', 'Status', 'Restarts', 'Age', ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]),
  row: (obj, now) => podRow(obj, now),
};

function isRestartableInit(c: { restartPolicy?: string } | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** The pod STATUS column (printPod's `reason`). */
export function podStatusReason(obj: KubeObject): string {
  return podSummary(obj).reason;
}

interface PodSummary {
  reason: string;
  ready: number;
  total: number;
  restarts: number;
  lastRestart?: number;
}

/** What a pod's row needs that does not depend on the time. */
interface PodRowBase {
  summary: PodSummary;
  /** The row with RESTARTS as a bare count and AGE left blank. */
  cells: (string | number)[];
  /** metadata.creationTimestamp, parsed once when it is text. */
  created: Timestamp;
}

/**
 * Row bases of stored pods. A stored object is deep-frozen, so `get pods` on
 * a big cluster works out each pod version's summary and cells once instead
 * of on every command; only RESTARTS `(Xm ago)` and AGE are redone.
 */
const rowBases = new WeakMap<KubeObject, PodRowBase>();

function rowBase(obj: KubeObject): PodRowBase {
  const frozen = Object.isFrozen(obj);
  let base = frozen ? rowBases.get(obj) : undefined;
  if (base === undefined) {
    base = buildRowBase(obj);
    if (frozen) rowBases.set(obj, base);
  }
  return base;
}

function podSummary(obj: KubeObject): PodSummary {
  return rowBase(obj).summary;
}

function summarize(obj: KubeObject): PodSummary {
  const pod = obj as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const phase = status.phase ?? '';
  let reason = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initContainers = spec.initContainers ?? [];
  // Most pods have no init containers: no map to build for them (get runs this per row).
  const inits = initContainers.length > 0 ? new Map(initContainers.map((c) => [c.name, c])) : undefined;
  for (const c of initContainers) if (isRestartableInit(c)) total++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
    const restartable = isRestartableInit(inits?.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableInitRestart = later(lastRestartableInitRestart, c.lastState.terminated.finishedAt);
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
      initializing = true;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { reason, ready, total, restarts, lastRestart };
}

/** The later of a time so far and a timestamp (absent or zero timestamps ignored). */
function later(cur: number | undefined, t: unknown): number | undefined {
  const ms = timeOf(t);
  return ms !== undefined && (cur === undefined || ms > cur) ? ms : cur;
}

function podRow(obj: KubeObject, now: number): (string | number)[] {
  const { summary: s, cells, created } = rowBase(obj);
  const row = cells.slice();
  if (s.restarts !== 0 && s.lastRestart !== undefined) row[3] = `${s.restarts} (${translateTimestampSince(s.lastRestart, now)} ago)`;
  row[4] = translateTimestampSince(created, now);
  return row;
}

function buildRowBase(obj: KubeObject): PodRowBase {
  const pod = obj as unknown as Pod;
  const s = summarize(obj);
  const status = pod.status ?? {};
  const podIP = status.podIPs?.[0]?.ip || '<none>';
  const node = pod.spec?.nodeName || '<none>';
  const nominated = status.nominatedNodeName || '<none>';
  let gates = '<none>';
  const rg = pod.spec?.readinessGates ?? [];
  if (rg.length > 0) {
    let t = 0;
    for (const g of rg) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c && c.status === 'True') t++;
    }
    gates = `${t}/${rg.length}`;
  }
  const ts = obj.metadata.creationTimestamp as Timestamp;
  // timeOf treats '' and Go's zero time as unset, as translateTimestampSince does
  const created = typeof ts === 'string' ? (timeOf(ts) ?? null) : ts;
  return { summary: s, cells: [obj.metadata.name ?? '', `${s.ready}/${s.total}`, s.reason, String(s.restarts), '', podIP, node, nominated, gates], created };
}
