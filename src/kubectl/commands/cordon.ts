import { cloneJson, isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../../cluster/api/labels.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import { goDurationString } from '../../cluster/api/human-duration.js';
import { parseGoDuration } from '../parse/flags.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagInt, flagString, usageError } from './types.js';
import { collectTargets, dryRunStrategy, finish, labelMatcher, parseLabelSelector, plainErr, statusErr, type CmdError, type Target } from './write-helpers.js';
import { USER_AGENT_MANAGER } from './field-manager.js';

/**
 * `kubectl cordon|uncordon|drain NODE`: mark nodes (un)schedulable, and
 * evict their pods the way kubectl's drain helper does (DaemonSet, unmanaged
 * and local-storage pods refused unless overridden, PodDisruptionBudgets
 * honoured with retries).
 *
 * @see k8s.io/kubectl/pkg/cmd/drain/drain.go, pkg/drain/drain.go, filters.go
 */

/** How long drain keeps retrying blocked evictions when no --timeout is given. */
const DRAIN_LIMIT_MS = 2 * 60 * 1000;
const EVICTION_RETRY_MS = 5000;

function nodeTargets(inv: Invocation) {
  const selector = flagString(inv, 'selector');
  if (inv.args.length === 0 && selector === '') {
    return { ok: false as const, result: usageError(inv, `USAGE: ${inv.commandPath.split(' ')[1]} NODE [flags]`) };
  }
  if (selector !== '') {
    const sel = parseLabelSelector(selector);
    if (!sel.ok) return { ok: false as const, result: finish('', [plainErr(sel.message)]) };
    const def = kindByResourceKey('nodes')!;
    const nodes = inv.ctx.sim.store.list('nodes').filter(labelMatcher(sel.value));
    return { ok: true as const, targets: nodes.map((n): Target => ({ def, namespace: '', name: n.metadata.name!, live: n })), errors: [] as CmdError[] };
  }
  return collectTargets(inv, ['nodes', ...inv.args], { fetchLive: true, requireLive: true });
}

/** Sets spec.unschedulable; returns the output line. */
function setUnschedulable(inv: Invocation, t: Target, value: boolean, dryRun: 'none' | 'client' | 'server'): { line: string } | { error: CmdError } {
  const node = t.live!;
  const spec = (isDict(node.spec) ? node.spec : {}) as Dict;
  const verb = value ? 'cordoned' : 'uncordoned';
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  if (!!spec.unschedulable === value) return { line: `node/${t.name} already ${verb}${suffix}\n` };
  if (dryRun !== 'client') {
    const next = cloneJson(node);
    const s = (isDict(next.spec) ? next.spec : (next.spec = {})) as Dict;
    if (value) s.unschedulable = true;
    else delete s.unschedulable;
    const r = inv.ctx.sim.api.update(next, { dryRun: dryRun === 'server', user: inv.user, fieldManager: USER_AGENT_MANAGER });
    if (!r.ok) return { error: statusErr(r.error) };
  }
  return { line: `node/${t.name} ${verb}${suffix}\n` };
}

function runCordon(inv: Invocation, value: boolean) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const targets = nodeTargets(inv);
  if (!targets.ok) return targets.result;
  let stdout = '';
  const errors = [...targets.errors];
  for (const t of targets.targets) {
    const r = setUnschedulable(inv, t, value, dry.value);
    if ('error' in r) errors.push(r.error);
    else stdout += r.line;
  }
  return finish(stdout, errors, dry.warning);
}

// ---------------------------------------------------------------------------
// drain

interface PodVerdict {
  pod: KubeObject;
  /** Skipped silently (mirror pods, finished pods) or with a warning (DaemonSet pods with --ignore-daemonsets). */
  skip?: 'silent' | 'daemonset';
  /** Why the pod blocks the drain. */
  fatal?: string;
  /** Deleted anyway, with a warning (--force, --delete-emptydir-data). */
  warning?: string;
}

// kubectl's texts, including the doubled "cannot delete" the drain error format adds to two of them.
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const LOCAL_STORAGE_FATAL = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';

/** kubectl's drain filters, in their order. */
function classify(inv: Invocation, pod: KubeObject): PodVerdict {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return { pod, skip: 'silent' };
  const phase = isDict(pod.status) ? pod.status.phase : undefined;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const controller = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (controller?.kind === 'DaemonSet') {
    if (!flagBool(inv, 'ignore-daemonsets')) return { pod, fatal: DAEMONSET_FATAL };
    return { pod, skip: 'daemonset' };
  }
  let warning: string | undefined;
  if (!controller && !finished) {
    if (!flagBool(inv, 'force')) return { pod, fatal: UNMANAGED_FATAL };
    warning = UNMANAGED_WARNING;
  }
  const volumes = isDict(pod.spec) && Array.isArray(pod.spec.volumes) ? (pod.spec.volumes as Dict[]) : [];
  if (!finished && volumes.some((v) => isDict(v.emptyDir))) {
    if (!flagBool(inv, 'delete-emptydir-data')) return { pod, fatal: LOCAL_STORAGE_FATAL };
    warning ??= LOCAL_STORAGE_WARNING;
  }
  return { pod, warning };
}

/** Whether an eviction of this pod would violate a PodDisruptionBudget (what the eviction API answers 429 for). */
function blockedByPdb(inv: Invocation, pod: KubeObject, evicted: Set<string>): boolean {
  const sim = inv.ctx.sim;
  const ns = pod.metadata.namespace ?? '';
  for (const pdb of sim.store.list('poddisruptionbudgets.policy', ns)) {
    const spec = (isDict(pdb.spec) ? pdb.spec : {}) as Dict;
    const sel = spec.selector as LabelSelector | undefined;
    if (!labelSelectorMatches(sel, pod.metadata.labels)) continue;
    const pods = sim.store.list('pods', ns).filter((p) => labelSelectorMatches(sel, p.metadata.labels) && !p.metadata.deletionTimestamp);
    const healthy = pods.filter((p) => isReady(p) && !evicted.has(`${ns}/${p.metadata.name}`)).length;
    const expected = pods.length;
    let desired: number;
    if (spec.minAvailable !== undefined) desired = scaled(spec.minAvailable, expected, true);
    else if (spec.maxUnavailable !== undefined) desired = expected - scaled(spec.maxUnavailable, expected, false);
    else desired = expected;
    if (healthy - desired <= 0) return true;
  }
  return false;
}

function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

function isReady(p: KubeObject): boolean {
  const conds = isDict(p.status) && Array.isArray(p.status.conditions) ? (p.status.conditions as Dict[]) : [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

function runDrain(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const targets = nodeTargets(inv);
  if (!targets.ok) return targets.result;
  if (targets.errors.length > 0) return finish('', targets.errors);
  const sim = inv.ctx.sim;
  const podDef = kindByResourceKey('pods')!;
  const timeout = parseGoDuration(flagString(inv, 'timeout')) ?? 0;
  const limit = timeout > 0 ? timeout : DRAIN_LIMIT_MS;
  const grace = flagInt(inv, 'grace-period');
  const podSelector = flagString(inv, 'pod-selector');
  let podMatch: ((p: KubeObject) => boolean) | undefined;
  if (podSelector !== '') {
    const sel = parseLabelSelector(podSelector);
    if (!sel.ok) return finish('', [plainErr(sel.message)]);
    podMatch = labelMatcher(sel.value);
  }
  let stdout = '';
  let stderr = dry.warning;
  const suffix = dry.value === 'client' ? ' (dry run)' : dry.value === 'server' ? ' (server dry run)' : '';
  const drained: string[] = [];
  for (const t of targets.targets) {
    const c = setUnschedulable(inv, t, true, dry.value);
    if ('error' in c) return finish(stdout, [c.error], stderr);
    stdout += c.line;
    const pods = sim.store.list('pods').filter((p) => isDict(p.spec) && p.spec.nodeName === t.name && (!podMatch || podMatch(p)));
    const verdicts = pods.map((p) => classify(inv, p));
    // Reasons and warnings group pods by message (a Go map: in pod order here).
    const group = (pick: (v: PodVerdict) => string | undefined) => {
      const m = new Map<string, string[]>();
      for (const v of verdicts) {
        const k = pick(v);
        if (k) m.set(k, [...(m.get(k) ?? []), `${v.pod.metadata.namespace}/${v.pod.metadata.name}`]);
      }
      return [...m.entries()];
    };
    const fatal = group((v) => v.fatal);
    if (fatal.length > 0) {
      const reasons = fatal.map(([msg, list]) => `cannot delete ${msg}: ${list.join(', ')}`);
      const joined = reasons.length === 1 ? reasons[0] : `[${reasons.join(', ')}]`;
      stderr += `error: unable to drain node "${t.name}" due to error: ${joined}, continuing command...\n`;
      const pending = targets.targets.filter((x) => !drained.includes(x.name)).map((x) => ` ${x.name}\n`);
      stderr += `There are pending nodes to be drained:\n${pending.join('')}`;
      // The drain error is an aggregate: printed one reason per line, without a prefix.
      stderr += reasons.map((r) => `${r}\n`).join('');
      return { stdout, stderr, exitCode: 1 };
    }
    const warnings = group((v) => v.warning ?? (v.skip === 'daemonset' ? DAEMONSET_WARNING : undefined));
    if (warnings.length > 0) stderr += `Warning: ${warnings.map(([msg, list]) => `${msg}: ${list.join(', ')}`).join('; ')}\n`;
    const toEvict = verdicts.filter((v) => !v.skip).map((v) => v.pod);
    if (dry.value === 'client') {
      for (const p of toEvict) stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix}\n`;
      stdout += `node/${t.name} drained${suffix}\n`;
      drained.push(t.name);
      continue;
    }
    const start = sim.now();
    const evicted = new Set<string>();
    const pending = [...toEvict];
    for (const p of pending) stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`;
    const disableEviction = flagBool(inv, 'disable-eviction');
    // A frozen cluster's clock never moves: one pass, no waiting.
    let rounds = sim.frozen ? 1 : Math.ceil(limit / EVICTION_RETRY_MS) + 1;
    while (pending.length > 0 && rounds-- > 0) {
      for (let i = 0; i < pending.length; ) {
        const p = pending[i];
        const key = `${p.metadata.namespace}/${p.metadata.name}`;
        if (!disableEviction && blockedByPdb(inv, p, evicted)) {
          stderr += `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
          i++;
          continue;
        }
        const r = sim.api.delete(podDef, p.metadata.namespace ?? '', p.metadata.name!, { gracePeriodSeconds: grace >= 0 ? grace : undefined, user: inv.user });
        if (!r.ok && r.error.reason !== 'NotFound') return finish(stdout, [statusErr(r.error)], stderr);
        evicted.add(key);
        pending.splice(i, 1);
      }
      if (pending.length === 0) break;
      if (sim.now() - start >= limit || rounds <= 0) {
        return finish(stdout, [plainErr(`error when waiting for pod "${pending[0].metadata.name}" in namespace "${pending[0].metadata.namespace}" to terminate: global timeout reached: ${goDurationString(limit * 1e6)}`)], stderr);
      }
      sim.advanceBy(EVICTION_RETRY_MS);
    }
    // Wait for the evicted pods to go, reporting each.
    const gone = new Set<string>();
    const uid = new Map(toEvict.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.metadata.uid]));
    let ticks = sim.frozen ? 1 : Math.ceil((limit + 10 * 60 * 1000) / 1000);
    while (gone.size < toEvict.length && ticks-- > 0) {
      // Evictions run in parallel in kubectl; pods gone at the same instant are reported in list order.
      for (const p of toEvict) {
        const key = `${p.metadata.namespace}/${p.metadata.name}`;
        if (gone.has(key)) continue;
        const cur = sim.store.get('pods', p.metadata.namespace ?? '', p.metadata.name!);
        // Frozen clusters have no kubelet to finish a graceful deletion: being deleted counts as gone.
        if (!cur || cur.metadata.uid !== uid.get(key) || (sim.frozen && cur.metadata.deletionTimestamp)) {
          gone.add(key);
          stdout += `pod/${p.metadata.name} evicted\n`;
        }
      }
      if (gone.size < toEvict.length) sim.advanceBy(1000);
    }
    stdout += `node/${t.name} drained\n`;
    drained.push(t.name);
  }
  return { stdout, stderr, exitCode: 0 };
}

const COMMON = [
  { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged' },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
];

export const cordonCommand: CommandDef = { name: 'cordon', short: 'Mark node as unschedulable', flags: COMMON, run: (inv) => runCordon(inv, true) };
export const uncordonCommand: CommandDef = { name: 'uncordon', short: 'Mark node as schedulable', flags: COMMON, run: (inv) => runCordon(inv, false) };
export const drainCommand: CommandDef = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    ...COMMON,
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'delete-emptydir-data', type: 'bool', default: false },
    { name: 'disable-eviction', type: 'bool', default: false },
    { name: 'force', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'ignore-daemonsets', type: 'bool', default: false },
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'timeout', type: 'duration', default: '0s' },
  ],
  run: runDrain,
};
