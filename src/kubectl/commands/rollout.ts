import { cloneJson, isDict, rfc3339, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { resourceKey } from '../../cluster/kinds/registry.js';
import { parseGoDuration } from '../parse/flags.js';
import { podTemplateText } from '../printers/describe/describers.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagInt, flagString } from './types.js';
import {
  FILENAME_FLAGS,
  apiWarnings,
  collectTargets,
  deepEqual,
  dryRunStrategy,
  finish,
  kindString,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
  statusErr,
  type CmdError,
  type Target,
} from './write-helpers.js';
import { fieldManagerOf, USER_AGENT_MANAGER } from './field-manager.js';

/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for
 * Deployments (and status/restart for DaemonSets and StatefulSets).
 * Rollbacks are done kubectl-side, as real kubectl does: find the
 * ReplicaSet of the target revision and write its template back.
 *
 * @see k8s.io/kubectl/pkg/cmd/rollout, pkg/polymorphichelpers (rollout_status.go, history.go, rollback.go)
 */

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** How long `rollout status` watches at most when no --timeout is given. */
const DEFAULT_STATUS_LIMIT_MS = 15 * 60 * 1000;

// ---------------------------------------------------------------------------
// status

type StatusOutcome = { done: boolean; message: string } | { error: string };

/** kubectl's status viewers: one line per observation, done, or an error. */
export function rolloutStatus(obj: KubeObject): StatusOutcome {
  const spec = (isDict(obj.spec) ? obj.spec : {}) as Dict;
  const status = (isDict(obj.status) ? obj.status : {}) as Dict;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const name = obj.metadata.name ?? '';
  const generation = obj.metadata.generation ?? 0;
  const observed = num(status.observedGeneration);
  switch (obj.kind) {
    case 'Deployment': {
      if (generation > observed) return { done: false, message: 'Waiting for deployment spec update to be observed...\n' };
      const conditions = Array.isArray(status.conditions) ? (status.conditions as Dict[]) : [];
      const progressing = conditions.find((c) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment "${name}" exceeded its progress deadline` };
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const updated = num(status.updatedReplicas);
      if (updated < replicas) {
        return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n` };
      }
      if (num(status.replicas) > updated) {
        return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...\n` };
      }
      if (num(status.availableReplicas) < updated) {
        return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...\n` };
      }
      return { done: true, message: `deployment "${name}" successfully rolled out\n` };
    }
    case 'DaemonSet': {
      const strategy = isDict(spec.updateStrategy) ? spec.updateStrategy.type : 'RollingUpdate';
      if (strategy !== undefined && strategy !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
      if (generation > observed) return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
      const desired = num(status.desiredNumberScheduled);
      if (num(status.updatedNumberScheduled) < desired) {
        return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n` };
      }
      if (num(status.numberAvailable) < desired) {
        return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${num(status.numberAvailable)} of ${desired} updated pods are available...\n` };
      }
      return { done: true, message: `daemon set "${name}" successfully rolled out\n` };
    }
    case 'StatefulSet': {
      const strategy = isDict(spec.updateStrategy) ? spec.updateStrategy.type : 'RollingUpdate';
      if (strategy !== undefined && strategy !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
      if (observed === 0 || generation > observed) return { done: false, message: 'Waiting for statefulset spec update to be observed...\n' };
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      if (num(status.readyReplicas) < replicas) return { done: false, message: `Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...\n` };
      if (status.updateRevision !== status.currentRevision) {
        return { done: false, message: `waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${String(status.updateRevision)}...\n` };
      }
      return { done: true, message: `statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${String(status.currentRevision)}...\n` };
    }
    default:
      return { error: `no status viewer has been implemented for ${obj.kind}` };
  }
}

function runStatus(inv: Invocation) {
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true });
  if (!collected.ok) return collected.result;
  if (collected.errors.length > 0) return finish('', collected.errors);
  if (collected.targets.length !== 1) {
    return finish('', [plainErr('rollout status is only supported on individual resources and resource collections are not supported yet')]);
  }
  const t = collected.targets[0];
  const sim = inv.ctx.sim;
  const watch = flagBool(inv, 'watch');
  const timeoutMs = parseGoDuration(flagString(inv, 'timeout')) ?? 0;
  const limit = sim.now() + (timeoutMs > 0 ? timeoutMs : DEFAULT_STATUS_LIMIT_MS);
  const key = resourceKey(t.def);
  let stdout = '';
  const first = rolloutStatus(t.live!);
  if ('error' in first) return finish('', [plainErr(first.error)]);
  stdout += first.message;
  if (first.done || !watch) return finish(stdout, []);

  // Watch the object: every change is an observation, as kubectl's watch sees it.
  let outcome: StatusOutcome | undefined;
  let deleted = false;
  const stop = sim.store.watch((e) => {
    if (outcome || e.resource !== key) return;
    if ((e.object.metadata.namespace ?? '') !== (t.def.namespaced ? t.namespace : '') || e.object.metadata.name !== t.name) return;
    if (e.type === 'DELETED') {
      deleted = true;
      outcome = { error: `object has been deleted` };
      return;
    }
    const s = rolloutStatus(e.object);
    if ('error' in s) outcome = s;
    else {
      stdout += s.message;
      if (s.done) outcome = s;
    }
  });
  try {
    // A frozen cluster never changes: nothing more to observe.
    while (!outcome && sim.now() < limit && !sim.frozen) {
      const due = sim.clock.nextDueAt();
      if (due === undefined || due > limit) {
        sim.advanceTo(limit);
        break;
      }
      sim.advanceTo(Math.max(due, sim.now()));
      if (due <= sim.now() && sim.clock.nextDueAt() === due) sim.advanceBy(1);
    }
  } finally {
    stop();
  }
  if (outcome && 'error' in outcome) return finish(stdout, [plainErr(deleted ? `${t.def.resource} "${t.name}" not found` : outcome.error)]);
  if (!outcome) return finish(stdout, [plainErr('timed out waiting for the condition')]);
  return finish(stdout, []);
}

// ---------------------------------------------------------------------------
// history and undo

interface Revision {
  revision: number;
  rs: KubeObject;
}

/** The ReplicaSets a Deployment controls, with their revision annotations, oldest first. */
export function deploymentRevisions(inv: Invocation, deployment: KubeObject): Revision[] {
  const list = inv.ctx.sim.store.list('replicasets.apps', deployment.metadata.namespace ?? '');
  const out: Revision[] = [];
  for (const rs of list) {
    if (!rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === deployment.metadata.uid)) continue;
    const v = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? '', 10);
    if (Number.isNaN(v)) continue;
    out.push({ revision: v, rs });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

function runHistory(inv: Invocation) {
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const revision = flagInt(inv, 'revision');
  let stdout = '';
  for (const t of collected.targets) {
    const kind = t.def.kind;
    if (kind !== 'Deployment' && kind !== 'DaemonSet' && kind !== 'StatefulSet') {
      errors.push(plainErr(`no history viewer has been implemented for ${JSON.stringify(kind).slice(1, -1)}`));
      continue;
    }
    // Deployments keep their history in ReplicaSets, the others in ControllerRevisions.
    const revs: { revision: number; object: KubeObject; template: () => unknown }[] =
      kind === 'Deployment'
        ? deploymentRevisions(inv, t.live!).map((r) => ({ revision: r.revision, object: r.rs, template: () => templateWithCause(r.rs) }))
        : controllerRevisions(inv, t.live!).map((r) => ({ revision: r.revision, object: r.cr, template: () => revisionTemplate(r.cr) }));
    let info: string;
    if (revs.length === 0) info = 'No rollout history found.';
    else if (revision > 0) {
      const r = revs.find((x) => x.revision === revision);
      if (!r) {
        errors.push(plainErr('unable to find the specified revision'));
        continue;
      }
      info = podTemplateText(r.template());
    } else {
      const rows = revs.map((r) => [String(r.revision), r.object.metadata.annotations?.[CHANGE_CAUSE] || '<none>']);
      info = tabbed([['REVISION', 'CHANGE-CAUSE'], ...rows]);
    }
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    stdout += `${kindString(t.def)}/${t.name} ${withRevision}\n${info}\n`;
  }
  return finish(stdout, errors);
}

function templateWithCause(rs: KubeObject): Dict {
  const spec = isDict(rs.spec) ? rs.spec : {};
  const template = cloneJson(isDict(spec.template) ? spec.template : {}) as Dict;
  const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
  if (cause) {
    const meta = (isDict(template.metadata) ? template.metadata : (template.metadata = {})) as Dict;
    meta.annotations = { ...(isDict(meta.annotations) ? meta.annotations : {}), [CHANGE_CAUSE]: cause };
  }
  return template;
}

/** The ControllerRevisions a DaemonSet or StatefulSet controls, oldest first. */
function controllerRevisions(inv: Invocation, owner: KubeObject): { revision: number; cr: KubeObject }[] {
  return inv.ctx.sim.store
    .list('controllerrevisions.apps', owner.metadata.namespace ?? '')
    .filter((cr) => cr.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid))
    .map((cr) => ({ revision: Number((cr as { revision?: unknown }).revision ?? 0), cr }))
    .sort((a, b) => a.revision - b.revision);
}

/**
 * The pod template a ControllerRevision restores: its data is a strategic
 * merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`, so applied to
 * the workload it is exactly the stored template.
 */
function revisionTemplate(cr: KubeObject): Dict {
  const data = (cr as { data?: unknown }).data;
  const template = isDict(data) && isDict(data.spec) && isDict(data.spec.template) ? cloneJson(data.spec.template) : {};
  delete template.$patch;
  return template;
}

/** Go tabwriter (minwidth 0, tabwidth 8, padding 2): history.go's tabbedString. */
function tabbed(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, Buffer.byteLength(c) + 2)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c + ' '.repeat(widths[i] - Buffer.byteLength(c)) : c)).join('') + '\n').join('');
}

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: unknown): unknown {
  const t = cloneJson(template) as Dict;
  if (isDict(t.metadata) && isDict(t.metadata.labels)) {
    delete t.metadata.labels[HASH_LABEL];
  }
  return t;
}

function runUndo(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const toRevision = flagInt(inv, 'to-revision');
  const output = flagString(inv, 'output');
  let stdout = '';
  let warnings = '';
  for (const t of collected.targets) {
    const d = t.live!;
    if (t.def.kind === 'DaemonSet' || t.def.kind === 'StatefulSet') {
      const r = undoFromControllerRevision(inv, t, toRevision, dry.value);
      if ('error' in r) errors.push(plainErr(r.error));
      else {
        warnings += r.warnings;
        stdout += operationLine(t.def, t.name, r.operation, dry.value, output);
      }
      continue;
    }
    if (t.def.kind !== 'Deployment') {
      errors.push(plainErr(`no rollbacker has been implemented for "${t.def.kind}"`));
      continue;
    }
    const revs = deploymentRevisions(inv, d);
    let target: Revision | undefined;
    if (toRevision > 0) {
      target = revs.find((r) => r.revision === toRevision);
      if (!target) {
        errors.push(plainErr(`unable to find specified revision ${toRevision} in history`));
        continue;
      }
    } else {
      target = revs.length >= 2 ? revs[revs.length - 2] : undefined;
      if (!target) {
        errors.push(plainErr(`no rollout history found for deployment "${t.name}"`));
        continue;
      }
    }
    // DeploymentRollbacker looks for the revision first, then refuses a paused deployment
    // (kubectl v1.32.5, scripts/write-sweep.ts on the paused-rollout drill).
    const spec = (isDict(d.spec) ? d.spec : {}) as Dict;
    if (spec.paused === true) {
      errors.push(plainErr("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"));
      continue;
    }
    const rsSpec = (isDict(target.rs.spec) ? target.rs.spec : {}) as Dict;
    // A client dry run shows the template it would restore, as the ReplicaSet holds it.
    if (dry.value === 'client') {
      stdout += operationLine(t.def, t.name, podTemplateText(rsSpec.template), dry.value, output);
      continue;
    }
    if (deepEqual(withoutHash(rsSpec.template), withoutHash(spec.template))) {
      stdout += operationLine(t.def, t.name, `skipped rollback (current template already matches revision ${toRevision})`, 'none', output);
      continue;
    }
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(target.rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    const next = cloneJson(d);
    (next.spec as Dict).template = withoutHash(rsSpec.template);
    next.metadata.annotations = annotations;
    const r = inv.ctx.sim.api.update(next, { dryRun: dry.value === 'server', user: inv.user, fieldManager: USER_AGENT_MANAGER });
    if (!r.ok) {
      errors.push(plainErr(`failed restoring revision ${target.revision}: ${r.error.message}`));
      continue;
    }
    warnings += apiWarnings(r);
    stdout += operationLine(t.def, t.name, 'rolled back', dry.value, output);
  }
  inv.ctx.sim.settle();
  return finish(stdout, errors, warnings);
}

/**
 * DaemonSetRollbacker and StatefulSetRollbacker: the previous (or the named)
 * ControllerRevision's patch written back; a client dry run shows the
 * template it would restore.
 */
function undoFromControllerRevision(inv: Invocation, t: Target, toRevision: number, dry: 'none' | 'client' | 'server'): { operation: string; warnings: string } | { error: string } {
  const live = t.live!;
  const revs = controllerRevisions(inv, live);
  if (toRevision === 0 && revs.length <= 1) return { error: 'no last revision to roll back to' };
  const target = toRevision === 0 ? revs[revs.length - 2] : revs.find((r) => r.revision === toRevision);
  if (!target) return { error: `unable to find specified revision ${toRevision} in history` };
  const template = revisionTemplate(target.cr);
  if (dry === 'client') return { operation: `will roll back to ${podTemplateText(template)}`, warnings: '' };
  const spec = (isDict(live.spec) ? live.spec : {}) as Dict;
  if (deepEqual(template, spec.template)) return { operation: `skipped rollback (current template already matches revision ${toRevision})`, warnings: '' };
  const next = cloneJson(live);
  (next.spec as Dict).template = template;
  const r = inv.ctx.sim.api.update(next, { dryRun: dry === 'server', user: inv.user, fieldManager: USER_AGENT_MANAGER });
  if (!r.ok) return { error: `failed restoring revision ${toRevision}: ${r.error.message}` };
  return { operation: 'rolled back', warnings: apiWarnings(r) };
}

// ---------------------------------------------------------------------------
// restart, pause, resume

function patchEach(inv: Invocation, change: (t: Target, obj: KubeObject) => { error?: string; unchanged?: string; message?: string }) {
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true, allowSelectAll: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const output = flagString(inv, 'output');
  let stdout = '';
  let warnings = '';
  // -o yaml|json|…: the object as the server returned it (as read when nothing changed), each in turn.
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    const next = cloneJson(t.live!);
    const r = change(t, next);
    if (r.error) {
      errors.push(plainErr(r.error));
      continue;
    }
    if (r.unchanged) {
      if (printsObjects(inv)) printed.push(t.live!);
      else stdout += operationLine(t.def, t.name, r.unchanged, 'none', output);
      continue;
    }
    const u = inv.ctx.sim.api.update(next, { user: inv.user, fieldManager: fieldManagerOf(inv) });
    if (!u.ok) {
      errors.push(plainErr(`failed to patch: ${r.message ?? ''}${u.error.message}`));
      void statusErr;
      continue;
    }
    warnings += apiWarnings(u);
    if (printsObjects(inv)) printed.push(u.value);
    else stdout += operationLine(t.def, t.name, r.message ?? '', 'none', output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  inv.ctx.sim.settle();
  return finish(stdout, errors, warnings);
}

function resourceString(t: Target): string {
  return t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource;
}

function runRestart(inv: Invocation) {
  const at = rfc3339(inv.ctx.sim.now());
  return patchEach(inv, (t, obj) => {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.def.kind)) return { error: `error: ${resourceString(t)} "${t.name}" restarting is not supported` };
    const spec = obj.spec as Dict;
    if (t.def.kind === 'Deployment' && spec.paused === true) {
      return { error: `error: ${resourceString(t)} "${t.name}" can't restart paused deployment (run rollout resume first)` };
    }
    const template = (isDict(spec.template) ? spec.template : (spec.template = {})) as Dict;
    const meta = (isDict(template.metadata) ? template.metadata : (template.metadata = {})) as Dict;
    const ann = (isDict(meta.annotations) ? meta.annotations : (meta.annotations = {})) as Dict;
    if (ann[RESTARTED_AT] === at) {
      return { error: `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another` };
    }
    ann[RESTARTED_AT] = at;
    return { message: 'restarted' };
  });
}

function runPause(inv: Invocation, pause: boolean) {
  return patchEach(inv, (t, obj) => {
    if (t.def.kind !== 'Deployment') return { error: `error: ${resourceString(t)} "${t.name}" ${pause ? 'pausing' : 'resuming'} is not supported` };
    const spec = obj.spec as Dict;
    const paused = spec.paused === true;
    // kubectl v1.32.5: pausing a paused rollout and resuming a running one are both errors.
    if (paused === pause) return { error: `${resourceString(t)} "${t.name}" ${pause ? 'is already paused' : 'is not paused'}` };
    if (pause) spec.paused = true;
    else delete spec.paused;
    return { message: pause ? 'paused' : 'resumed' };
  });
}

const OUTPUT_FLAGS = [
  { name: 'output', short: 'o', type: 'string' as const, default: '' },
  { name: 'template', type: 'string' as const, default: '' },
  { name: 'show-managed-fields', type: 'bool' as const, default: false },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
];

export const rolloutCommand: CommandDef = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  subcommands: [
    {
      name: 'history',
      short: 'View rollout history',
      flags: [...FILENAME_FLAGS, ...OUTPUT_FLAGS, { name: 'revision', type: 'int', default: 0 }, { name: 'selector', short: 'l', type: 'string', default: '' }],
      run: runHistory,
    },
    {
      name: 'pause',
      short: 'Mark the provided resource as paused',
      flags: [...FILENAME_FLAGS, ...OUTPUT_FLAGS, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, { name: 'selector', short: 'l', type: 'string', default: '' }],
      run: (inv) => runPause(inv, true),
    },
    {
      name: 'restart',
      short: 'Restart a resource',
      flags: [...FILENAME_FLAGS, ...OUTPUT_FLAGS, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, { name: 'selector', short: 'l', type: 'string', default: '' }],
      run: runRestart,
    },
    {
      name: 'resume',
      short: 'Resume a paused resource',
      flags: [...FILENAME_FLAGS, ...OUTPUT_FLAGS, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }, { name: 'selector', short: 'l', type: 'string', default: '' }],
      run: (inv) => runPause(inv, false),
    },
    {
      name: 'status',
      short: 'Show the status of the rollout',
      flags: [
        ...FILENAME_FLAGS,
        { name: 'revision', type: 'int', default: 0 },
        { name: 'selector', short: 'l', type: 'string', default: '' },
        { name: 'timeout', type: 'duration', default: '0s' },
        { name: 'watch', short: 'w', type: 'bool', default: true },
      ],
      run: runStatus,
    },
    {
      name: 'undo',
      short: 'Undo a previous rollout',
      flags: [
        ...FILENAME_FLAGS,
        ...OUTPUT_FLAGS,
        { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
        { name: 'selector', short: 'l', type: 'string', default: '' },
        { name: 'to-revision', type: 'int', default: 0 },
      ],
      run: runUndo,
    },
  ],
};
