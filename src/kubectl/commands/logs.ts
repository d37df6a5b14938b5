import { isDict, parseTime, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { labelSelectorMatches, mapSelectorMatches, type LabelSelector } from '../../cluster/api/labels.js';
import type { LogLine } from '../../cluster/kubelet/index.js';
import { parseGoDuration } from '../parse/flags.js';
import { mappingFor } from '../parse/resource-args.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagInt, flagString, usageError } from './types.js';
import { finish, labelMatcher, parseLabelSelector, plainErr, statusErr, type CmdError } from './write-helpers.js';
import { notFound, type StatusError } from '../../cluster/apiserver/status-errors.js';

/**
 * `kubectl logs`: a pod's container logs (or the first pod of a workload,
 * or every pod matching `-l`), with `-c`, `--all-containers`, `--previous`,
 * `--tail`, `--since`, `--timestamps`, `--prefix` and a bounded `-f`.
 *
 * @see k8s.io/kubectl/pkg/cmd/logs/logs.go, pkg/polymorphichelpers/logsforobject.go
 */

/** How long `-f` lets simulated time run in a non-interactive session. */
const FOLLOW_MS = 30_000;

interface PodSpecLike {
  containers?: { name: string }[];
  initContainers?: { name: string }[];
  ephemeralContainers?: { name: string }[];
}

function specOf(pod: KubeObject): PodSpecLike {
  return (isDict(pod.spec) ? pod.spec : {}) as PodSpecLike;
}

/** podcmd.AllContainerNames: `a, b, c (ephem), d (init)`. */
export function allContainerNames(pod: KubeObject): string {
  const s = specOf(pod);
  return [
    ...(s.containers ?? []).map((c) => c.name),
    ...(s.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(s.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/**
 * The container kubectl picks when `-c` is not given: the
 * `kubectl.kubernetes.io/default-container` annotation, else the first one,
 * with the `Defaulted container …` notice when there was a choice.
 */
export function defaultContainer(pod: KubeObject): { name: string; notice: string } {
  const s = specOf(pod);
  const ann = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])];
  if (ann && all.some((c) => c.name === ann)) return { name: ann, notice: '' };
  const first = s.containers?.[0]?.name ?? '';
  const choice = (s.containers?.length ?? 0) > 1 || (s.initContainers?.length ?? 0) > 0 || (s.ephemeralContainers?.length ?? 0) > 0;
  return { name: first, notice: choice ? `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n` : '' };
}

export function hasContainer(pod: KubeObject, name: string): boolean {
  const s = specOf(pod);
  return [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/** podutils.ByLogging: the pod `logs`/`exec` pick among a workload's pods. */
function byLogging(a: KubeObject, b: KubeObject): number {
  const node = (p: KubeObject) => (isDict(p.spec) && p.spec.nodeName ? 0 : 1);
  const phaseRank = (p: KubeObject) => {
    const ph = isDict(p.status) ? p.status.phase : undefined;
    return ph === 'Running' ? 0 : ph === 'Unknown' ? 1 : ph === 'Pending' ? 2 : 3;
  };
  const ready = (p: KubeObject) => {
    const conds = isDict(p.status) && Array.isArray(p.status.conditions) ? (p.status.conditions as Dict[]) : [];
    return conds.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1;
  };
  const restarts = (p: KubeObject) => {
    const cs = isDict(p.status) && Array.isArray(p.status.containerStatuses) ? (p.status.containerStatuses as Dict[]) : [];
    return cs.reduce((n, c) => Math.max(n, typeof c.restartCount === 'number' ? c.restartCount : 0), 0);
  };
  const created = (p: KubeObject) => parseTime(p.metadata.creationTimestamp) ?? Number.MAX_SAFE_INTEGER;
  return node(a) - node(b) || phaseRank(a) - phaseRank(b) || ready(a) - ready(b) || restarts(b) - restarts(a) || created(a) - created(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1);
}

export type PodPick = { ok: true; pod: KubeObject; notice: string } | { ok: false; error: CmdError };

/**
 * Resolves `POD` or `TYPE/NAME` to one pod as kubectl's
 * AttachablePodForObject does: a workload or Service's selector, first pod by
 * ByLogging order.
 */
export function pickPod(inv: Invocation, arg: string, announce: boolean, wrapNotFound = announce): PodPick {
  const lookup = (e: StatusError) => (wrapNotFound ? lookupError(e, inv.namespace) : statusErr(e));
  const sim = inv.ctx.sim;
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const r = sim.api.get(kindByResourceKey('pods')!, inv.namespace, arg, inv.user);
    return r.ok ? { ok: true, pod: r.value, notice: '' } : { ok: false, error: lookup(r.error) };
  }
  const m = mappingFor(arg.slice(0, slash));
  if (!m.ok) return { ok: false, error: plainErr(m.message) };
  const def = m.value;
  const name = arg.slice(slash + 1);
  const got = sim.api.get(def, inv.namespace, name, inv.user);
  if (!got.ok) return { ok: false, error: lookup(got.error) };
  const obj = got.value;
  if (def.kind === 'Pod') return { ok: true, pod: obj, notice: '' };
  const spec = (isDict(obj.spec) ? obj.spec : {}) as Dict;
  let match: (p: KubeObject) => boolean;
  if (def.kind === 'Service' || def.kind === 'ReplicationController') {
    const sel = (isDict(spec.selector) ? spec.selector : {}) as Record<string, string>;
    match = (p) => mapSelectorMatches(sel, p.metadata.labels);
  } else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(def.kind)) {
    const sel = spec.selector as LabelSelector | undefined;
    match = (p) => labelSelectorMatches(sel, p.metadata.labels);
  } else {
    return { ok: false, error: plainErr(`cannot attach to ${def.kind}: selector for ${def.kind} not implemented`) };
  }
  const pods = sim.store.list('pods', inv.namespace).filter(match).sort(byLogging);
  if (pods.length === 0) return { ok: false, error: plainErr('timed out waiting for the condition') };
  const notice = announce && pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n` : '';
  return { ok: true, pod: pods[0], notice };
}

/**
 * How logs/exec/attach report a missing object: kubectl's
 * AttachablePodForObject wraps the API error (`error: error from server
 * (NotFound): pods "x" not found in namespace "default"`).
 */
function lookupError(err: StatusError, namespace: string): CmdError {
  if (err.reason === 'NotFound') return plainErr(`error from server (NotFound): ${err.message} in namespace "${namespace}"`);
  return statusErr(err);
}

/** Go's RFC3339Nano (trailing zeros of the fraction dropped). */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

interface Stream {
  pod: KubeObject;
  container: string;
}

function runLogs(inv: Invocation) {
  const args = inv.args;
  const selector = flagString(inv, 'selector');
  const allContainers = flagBool(inv, 'all-containers');
  const previous = flagBool(inv, 'previous');
  const follow = flagBool(inv, 'follow');
  const timestamps = flagBool(inv, 'timestamps');
  // With a selector kubectl shows the last 10 lines of each container unless told otherwise.
  const tail = inv.flags.set.has('tail') ? flagInt(inv, 'tail') : selector !== '' ? 10 : -1;
  let container = flagString(inv, 'container');
  const sinceFlag = flagString(inv, 'since');
  const sinceTime = flagString(inv, 'since-time');
  const limitBytes = flagInt(inv, 'limit-bytes');
  if (selector === '' && args.length === 0) {
    return usageError(inv, "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  }
  if (selector !== '' && args.length > 0) return usageError(inv, 'only a selector (-l) or a POD name is allowed');
  if (args.length > 2) return usageError(inv, 'expected POD or TYPE/NAME is a required argument for the logs command');
  if (args.length === 2) {
    if (container !== '') return usageError(inv, `only one of -c or an inline [CONTAINER] arg is allowed`);
    container = args[1];
  }
  if (allContainers && container !== '') return usageError(inv, '--all-containers=true should not be specified with container name ' + container);
  if (inv.flags.set.has('since') && inv.flags.set.has('since-time')) return usageError(inv, 'at most one of `sinceTime` or `sinceSeconds` may be specified');
  let sinceMs: number | undefined;
  if (sinceFlag !== '' && inv.flags.set.has('since')) {
    const d = parseGoDuration(sinceFlag) ?? 0;
    if (d <= 0) return usageError(inv, '--since must be greater than 0');
    sinceMs = inv.ctx.sim.now() - d;
  }
  if (sinceTime !== '') {
    const t = parseTime(sinceTime);
    if (t === undefined) return finish('', [plainErr(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`)]);
    sinceMs = t;
  }

  const sim = inv.ctx.sim;
  let stderr = '';
  const streams: Stream[] = [];
  const prefix = flagBool(inv, 'prefix');
  if (selector !== '') {
    const sel = parseLabelSelector(selector);
    if (!sel.ok) return finish('', [plainErr(sel.message)]);
    const pods = sim.store.list('pods', inv.namespace).filter(labelMatcher(sel.value));
    if (pods.length === 0) return { stdout: '', stderr: `No resources found in ${inv.namespace} namespace.\n`, exitCode: 0 };
    const max = flagInt(inv, 'max-log-requests');
    for (const pod of pods) {
      const names = allContainers ? containerNames(pod) : [container || defaultContainer(pod).name];
      for (const c of names) streams.push({ pod, container: c });
    }
    if (follow && streams.length > max) {
      return finish('', [
        plainErr(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`),
      ]);
    }
  } else {
    const pick = pickPod(inv, args[0], true);
    if (!pick.ok) return finish('', [pick.error]);
    stderr += pick.notice;
    const pod = pick.pod;
    if (allContainers) for (const c of containerNames(pod)) streams.push({ pod, container: c });
    else if (container !== '') {
      if (!hasContainer(pod, container)) return finish('', [plainErr(`container ${container} is not valid for pod ${pod.metadata.name}`)], stderr);
      streams.push({ pod, container });
    } else {
      const d = defaultContainer(pod);
      stderr += d.notice;
      streams.push({ pod, container: d.name });
    }
  }

  let stdout = '';
  const errors: CmdError[] = [];
  const seen = new Map<Stream, number>();
  const render = (s: Stream, lines: LogLine[]) => {
    let out = '';
    let selected = lines.filter((l) => sinceMs === undefined || l.time >= sinceMs);
    if (tail >= 0) selected = tail === 0 ? [] : selected.slice(-tail);
    for (const l of selected) {
      let line = l.text;
      if (timestamps) line = `${rfc3339Nano(l.time)} ${line}`;
      if (prefix) line = `[pod/${s.pod.metadata.name}/${s.container}] ${line}`;
      out += line + '\n';
    }
    return out;
  };
  for (const s of streams) {
    const r = sim.kubelet.logs(s.pod.metadata.namespace ?? inv.namespace, s.pod.metadata.name!, s.container, previous);
    if (!r.ok) {
      errors.push(statusErr({ ...notFound({ resource: 'pods', group: '' }, s.pod.metadata.name!), reason: 'BadRequest', code: 400, message: r.message }));
      continue;
    }
    stdout += render(s, r.lines);
    seen.set(s, r.lines.length);
  }
  if (follow && errors.length === 0 && !previous) {
    // Stream what the containers write next, for a bounded stretch of simulated time.
    sim.advanceBy(FOLLOW_MS);
    for (const s of streams) {
      const r = sim.kubelet.logs(s.pod.metadata.namespace ?? inv.namespace, s.pod.metadata.name!, s.container, false);
      if (!r.ok) continue;
      const fresh = r.lines.slice(seen.get(s) ?? 0);
      let out = '';
      for (const l of fresh) {
        let line = l.text;
        if (timestamps) line = `${rfc3339Nano(l.time)} ${line}`;
        if (prefix) line = `[pod/${s.pod.metadata.name}/${s.container}] ${line}`;
        out += line + '\n';
      }
      stdout += out;
    }
  }
  if (limitBytes > 0) stdout = Buffer.from(stdout).subarray(0, limitBytes).toString();
  return finish(stdout, errors, stderr);
}

function containerNames(pod: KubeObject): string[] {
  const s = specOf(pod);
  return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])].map((c) => c.name);
}

export const logsCommand: CommandDef = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'all-containers', type: 'bool', default: false },
    { name: 'all-pods', type: 'bool', default: false },
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'follow', short: 'f', type: 'bool', default: false },
    { name: 'ignore-errors', type: 'bool', default: false },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'prefix', type: 'bool', default: false },
    { name: 'previous', short: 'p', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'since', type: 'duration', default: '0s' },
    { name: 'since-time', type: 'string', default: '' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool', default: false },
  ],
  run: runLogs,
};
