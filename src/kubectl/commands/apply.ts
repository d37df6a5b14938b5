import { cloneJson, isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import type { Simulation } from '../../cluster/simulation.js';
import type { UserInfo } from '../../cluster/apiserver/api-server.js';
import type { StatusError } from '../../cluster/apiserver/status-errors.js';
import { kindOf, resourceKey, type KindDefinition } from '../../cluster/kinds/registry.js';
import { hasPath, union, type ManagedFieldsEntry } from '../../cluster/apiserver/managed-fields.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import {
  FILENAME_FLAGS,
  PRINT_FLAGS,
  checkOutput,
  collectTargets,
  deepEqual,
  dryRunStrategy,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
  statusErr,
  type CmdError,
  type DryRun,
  validationDirective,
  apiWarnings,
  labelMatcher,
  parseLabelSelector,
  recordWarning,
} from './write-helpers.js';
import type { FieldValidation } from '../../cluster/apiserver/api-server.js';

/**
 * `kubectl apply -f`: client-side apply. The object's
 * `kubectl.kubernetes.io/last-applied-configuration` annotation records what
 * was applied last; the new manifest is merged into the live object by a
 * three-way merge (fields dropped from the manifest since last time are
 * removed, fields others set are kept).
 *
 * @see k8s.io/kubectl/pkg/cmd/apply/apply.go, patcher.go
 */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyOperation = 'created' | 'configured' | 'unchanged' | 'serverside-applied';

export type ApplyOutcome =
  | { ok: true; operation: ApplyOperation; object: KubeObject; warning?: string }
  | { ok: false; error: StatusError; verb: string };

/**
 * Applies one object (already carrying its namespace) as `kubectl apply`
 * does. Scenario manifests use this too, so they fail the way kubectl would.
 */
export function applyObject(
  sim: Simulation,
  def: KindDefinition,
  manifest: KubeObject,
  opts: { dryRun?: DryRun; user?: UserInfo; fieldValidation?: FieldValidation; fieldManager?: string } = {},
): ApplyOutcome {
  // Scenario manifests and `kubectl apply` alike write as kubectl's client-side apply manager.
  const fieldManager = opts.fieldManager ?? 'kubectl-client-side-apply';
  const dryRun = opts.dryRun ?? 'none';
  const desired = withLastApplied(manifest);
  const namespace = def.namespaced ? (manifest.metadata.namespace ?? 'default') : '';
  const name = manifest.metadata.name ?? '';
  const got = sim.api.get(def, namespace, name, opts.user);
  if (!got.ok) {
    if (got.error.reason !== 'NotFound') return { ok: false, error: got.error, verb: 'retrieving current configuration of' };
    if (dryRun === 'client') return { ok: true, operation: 'created', object: desired };
    const created = sim.api.create(desired, { dryRun: dryRun === 'server', user: opts.user, fieldValidation: opts.fieldValidation, fieldManager });
    if (!created.ok) return { ok: false, error: created.error, verb: 'creating' };
    return { ok: true, operation: 'created', object: created.value, warning: opts.fieldValidation ? apiWarnings(created) || undefined : undefined };
  }
  const live = got.value;
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  let warning: string | undefined;
  let last: Dict | undefined;
  if (lastText === undefined) {
    warning = `Warning: resource ${def.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
  } else {
    try {
      const parsed: unknown = JSON.parse(lastText);
      if (isDict(parsed)) last = parsed;
    } catch {
      last = undefined;
    }
  }
  const merged = threeWayMerge(live, last, desired, def.kind) as KubeObject;
  if (dryRun === 'client') return { ok: true, operation: 'configured', object: merged, warning };
  if (deepEqual(stripVolatile(merged), stripVolatile(live))) return { ok: true, operation: 'unchanged', object: live, warning };
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  const updated = sim.api.update(merged, { dryRun: dryRun === 'server', user: opts.user, fieldValidation: opts.fieldValidation, fieldManager });
  if (!updated.ok) {
    // kubectl wraps a rejected apply patch with the patch and the object it was for.
    const patch = goJsonLine(strategicDiff(live, merged, [])).trimEnd();
    const info = `Resource: ${JSON.stringify(`${def.group}/${def.version}, Resource=${def.resource}`)}, GroupVersionKind: ${JSON.stringify(`${def.group}/${def.version}, Kind=${def.kind}`)}\nName: ${JSON.stringify(name)}, Namespace: ${JSON.stringify(namespace)}`;
    return { ok: false, error: updated.error, verb: `applying patch:\n${patch}\nto:\n${info}\nfor:` };
  }
  const serverWarnings = opts.fieldValidation ? apiWarnings(updated) : '';
  return { ok: true, operation: 'configured', object: updated.value, warning: warning || serverWarnings ? (warning ?? '') + serverWarnings : undefined };
}

/** The manifest with the annotation recording it (Go's json.Encoder output: sorted, compact, newline). */
export function withLastApplied(manifest: KubeObject): KubeObject {
  const obj = cloneJson(manifest);
  const forAnnotation = cloneJson(manifest);
  // kubectl empties the map rather than removing it: `"annotations":{}` is in every annotation it writes.
  const ann = isDict(forAnnotation.metadata.annotations) ? forAnnotation.metadata.annotations : {};
  delete ann[LAST_APPLIED];
  forAnnotation.metadata.annotations = ann;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: goJsonLine(forAnnotation) };
  return obj;
}

function goJsonLine(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (isDict(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])]));
    return x;
  };
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n';
}

function stripVolatile(o: KubeObject): unknown {
  const c = cloneJson(o);
  delete c.metadata.resourceVersion;
  delete c.metadata.managedFields;
  return c;
}

// ---------------------------------------------------------------------------
// Three-way merge (what the strategic merge patch kubectl computes does to the live object)

/** Lists merged element by element, by their merge key (from the API types' patchMergeKey tags). */
function mergeKeyFor(path: string[]): string | undefined {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'env':
    case 'schedulingGates':
    case 'secrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      // Container ports merge by containerPort, Service ports by port.
      return parent === 'spec' && !path.includes('template') && !path.includes('containers') ? 'port' : 'containerPort';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ownerReferences':
      return 'uid';
    default:
      return undefined;
  }
}

/**
 * The strategic merge patch from `original` to `modified` (changed fields,
 * nulls for removed ones, `$setElementOrder` and `$patch: delete` for
 * lists merged by key): what kubectl sends for `edit`, and for `apply` once
 * it has merged.
 *
 * @see k8s.io/apimachinery/pkg/util/strategicpatch CreateTwoWayMergePatch
 */
export function twoWayMergePatch(original: Dict, modified: Dict): Dict {
  return strategicDiff(original, modified, []);
}

function strategicDiff(live: Dict, merged: Dict, path: string[]): Dict {
  const out: Dict = {};
  for (const k of Object.keys(live)) if (!(k in merged) && k !== 'status') out[k] = null;
  for (const [k, m] of Object.entries(merged)) {
    if (k === 'status' && path.length === 0) continue;
    const l = live[k];
    if (deepEqual(l, m)) continue;
    const p = [...path, k];
    if (isDict(m) && isDict(l)) {
      const sub = strategicDiff(l, m, p);
      if (Object.keys(sub).length > 0) out[k] = sub;
      continue;
    }
    const key = Array.isArray(m) && Array.isArray(l) ? mergeKeyFor(p) : undefined;
    if (key && Array.isArray(m) && Array.isArray(l)) {
      out[`$setElementOrder/${k}`] = m.map((e) => (isDict(e) ? { [key]: e[key] } : e));
      const items: unknown[] = [];
      for (const e of m) {
        const match = l.find((x) => isDict(x) && isDict(e) && deepEqual(x[key], e[key]));
        if (!match) items.push(e);
        else if (isDict(match) && isDict(e) && !deepEqual(match, e)) items.push({ [key]: e[key], ...strategicDiff(match, e, p) });
      }
      for (const x of l) if (isDict(x) && !m.some((e) => isDict(e) && deepEqual(e[key], x[key]))) items.push({ $patch: 'delete', [key]: x[key] });
      if (items.length > 0) out[k] = items;
      continue;
    }
    out[k] = cloneJson(m);
  }
  return out;
}

function threeWayMerge(live: unknown, last: unknown, desired: unknown, kind: string): unknown {
  void kind;
  return mergeMap(live as Dict, isDict(last) ? last : undefined, desired as Dict, []);
}

function mergeMap(live: Dict, last: Dict | undefined, desired: Dict, path: string[]): Dict {
  const out = cloneJson(live);
  if (last) {
    for (const k of Object.keys(last)) if (!(k in desired)) delete out[k];
  }
  for (const [k, d] of Object.entries(desired)) {
    const l = live[k];
    const o = last?.[k];
    const p = [...path, k];
    if (d === null) {
      delete out[k];
    } else if (isDict(d) && isDict(l)) {
      out[k] = mergeMap(l, isDict(o) ? o : undefined, d, p);
    } else if (Array.isArray(d) && Array.isArray(l)) {
      const key = mergeKeyFor(p);
      out[k] = key ? mergeList(l, Array.isArray(o) ? o : undefined, d, key, p) : cloneJson(d);
    } else {
      out[k] = cloneJson(d);
    }
  }
  return out;
}

function mergeList(live: unknown[], last: unknown[] | undefined, desired: unknown[], key: string, path: string[]): unknown[] {
  const keyOf = (x: unknown) => (isDict(x) ? x[key] : undefined);
  const find = (list: unknown[] | undefined, k: unknown) => list?.find((x) => k !== undefined && deepEqual(keyOf(x), k));
  const out: unknown[] = [];
  for (const d of desired) {
    const k = keyOf(d);
    const l = find(live, k);
    const o = find(last, k);
    out.push(isDict(d) && isDict(l) ? mergeMap(l, isDict(o) ? o : undefined, d, path) : cloneJson(d));
  }
  for (const l of live) {
    const k = keyOf(l);
    if (k === undefined) continue;
    if (find(desired, k)) continue;
    if (find(last, k)) continue; // removed from the manifest since last apply
    out.push(cloneJson(l));
  }
  return out;
}

// ---------------------------------------------------------------------------
// The command

/**
 * kubectl's checks of the apply flags (ApplyFlags.ToOptions, then
 * ApplyOptions.Validate), in its order; all made before any request.
 */
function checkApplyFlags(inv: Invocation): string | undefined {
  const serverSide = flagBool(inv, 'server-side');
  const dry = flagString(inv, 'dry-run');
  const dryClient = inv.flags.set.has('dry-run') && ['client', 'true', 'unchanged'].includes(dry);
  const dryServer = inv.flags.set.has('dry-run') && dry === 'server';
  const force = flagBool(inv, 'force');
  const prune = flagBool(inv, 'prune');
  const all = flagBool(inv, 'all');
  const selector = flagString(inv, 'selector');
  if (prune) {
    const kinds = pruneKinds(flagList(inv, 'prune-allowlist'));
    if (!kinds.ok) return kinds.message;
  }
  if (flagString(inv, 'subresource') !== '' && !serverSide) return '--subresource can only be specified for --server-side';
  if (flagBool(inv, 'force-conflicts') && !serverSide) return '--force-conflicts only works with --server-side';
  if (dryClient && serverSide) return "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)";
  if (serverSide && force) return '--force cannot be used with --server-side';
  if (dryServer && force) return '--dry-run=server cannot be used with --force';
  if (all && selector !== '') return 'cannot set --all and --selector at the same time';
  if (prune) {
    if (force) return '--force cannot be used with --prune';
    if (!all && selector === '') {
      return 'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector';
    }
    if (serverSide) return "--prune is in alpha and doesn't currently work on objects created by server-side apply";
  }
  return undefined;
}

/** The default field manager: `kubectl` for server-side apply, `kubectl-client-side-apply` otherwise. */
function fieldManagerOf(inv: Invocation): string {
  if (inv.flags.set.has('field-manager')) return flagString(inv, 'field-manager');
  return flagBool(inv, 'server-side') ? 'kubectl' : 'kubectl-client-side-apply';
}

/** What kubectl adds to a server-side apply conflict (apply.go). */
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * One server-side apply as kubectl makes it: the apply PATCH, then (for the
 * `kubectl` manager) keeping the last-applied annotation owned by
 * `kubectl-last-applied` and folding client-side-apply's fields into
 * `kubectl`'s, re-applying once so fields dropped from the manifest go.
 *
 * @see k8s.io/kubectl/pkg/cmd/apply/apply.go applyOneObject, saveLastApplyAnnotationIfNecessary, migrateToSSAIfNecessary
 */
function serverSideApply(inv: Invocation, def: KindDefinition, manifest: KubeObject, opts: { dryRun: boolean; force: boolean; fieldManager: string; fieldValidation?: FieldValidation }): ApplyOutcome {
  const sim = inv.ctx.sim;
  const ns = def.namespaced ? (manifest.metadata.namespace ?? 'default') : '';
  const name = manifest.metadata.name ?? '';
  const write = { dryRun: opts.dryRun, user: inv.user, fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation };
  const r = sim.api.apply(def, ns, name, manifest, { ...write, force: opts.force });
  if (!r.ok) return { ok: false, error: r.error, verb: '' };
  let obj = r.value;
  let warning = apiWarnings(r);
  const done = (): ApplyOutcome => ({ ok: true, operation: 'serverside-applied', object: obj, warning: warning || undefined });
  // Only the default manager keeps the annotation and migrates client-side apply's fields.
  if (opts.fieldManager !== 'kubectl') return done();
  const entries = () => ((obj.metadata.managedFields ?? []) as ManagedFieldsEntry[]).filter((e) => !e.subresource);
  const ownsAnnotation = (e: ManagedFieldsEntry) => hasPath(e.fieldsV1, ['f:metadata', 'f:annotations', `f:${LAST_APPLIED}`]);
  const annotation = obj.metadata.annotations?.[LAST_APPLIED];
  if (annotation !== undefined && !entries().some((e) => e.operation === 'Apply' && ownsAnnotation(e))) {
    const only = { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: { name, ...(def.namespaced ? { namespace: ns } : {}), annotations: { [LAST_APPLIED]: annotation } } };
    const saved = sim.api.apply(def, ns, name, only, { dryRun: opts.dryRun, user: inv.user, fieldManager: 'kubectl-last-applied', fieldValidation: opts.fieldValidation });
    if (!saved.ok) {
      warning += `Warning: failed to migrate kubectl.kubernetes.io/last-applied-configuration for Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ${saved.error.message}\n`;
      return done();
    }
    obj = saved.value;
  }
  // csaupgrade.UpgradeManagedFieldsPatch: client-side apply's fields join the applier's, as one JSON patch.
  const csaNames = new Set(entries().filter((e) => e.operation === 'Update' && ownsAnnotation(e)).map((e) => e.manager));
  if (csaNames.size === 0) return done();
  const all = ((obj.metadata.managedFields ?? []) as ManagedFieldsEntry[]).map((e) => cloneJson(e));
  const isCsa = (e: ManagedFieldsEntry) => csaNames.has(e.manager) && e.operation === 'Update' && !e.subresource;
  let target = all.find((e) => e.manager === opts.fieldManager && e.operation === 'Apply' && !e.subresource);
  if (!target) {
    target = [...all].reverse().find(isCsa)!;
    target.manager = opts.fieldManager;
    target.operation = 'Apply';
  }
  for (const e of all) if (isCsa(e) && e !== target) target.fieldsV1 = union(target.fieldsV1, e.fieldsV1);
  const upgraded = all.filter((e) => e === target || !isCsa(e));
  const patch = [
    { op: 'replace', path: '/metadata/managedFields', value: upgraded },
    { op: 'replace', path: '/metadata/resourceVersion', value: obj.metadata.resourceVersion },
  ];
  const migrated = sim.api.patch(def, ns, name, 'json', patch, write);
  if (!migrated.ok) {
    warning += `Warning: server rejected managed fields migration to Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ${migrated.error.message}\n`;
    return done();
  }
  obj = migrated.value;
  // Sent again, so fields dropped from the manifest since the client-side applies go.
  const again = sim.api.apply(def, ns, name, manifest, { ...write, force: opts.force });
  if (!again.ok) warning += `Warning: failed to re-apply configuration after performing Server-Side Apply migration. This is non-fatal and will be retried next time you apply. Error: ${again.error.message}\n`;
  else obj = again.value;
  return done();
}

/** The kinds `--prune` looks at when no --prune-allowlist is given (prune.go), in its order. */
const DEFAULT_PRUNE: [string, string][] = [
  ['v1', 'ConfigMap'], ['v1', 'Endpoints'], ['v1', 'PersistentVolumeClaim'], ['v1', 'Pod'], ['v1', 'ReplicationController'], ['v1', 'Secret'], ['v1', 'Service'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['networking.k8s.io/v1', 'Ingress'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'],
  ['v1', 'Namespace'], ['v1', 'PersistentVolume'],
];

/**
 * Deletes what earlier applies created (objects carrying the last-applied
 * annotation) that this apply did not visit, among the pruned kinds: in each
 * namespace this apply touched for namespaced kinds, cluster-wide for the
 * rest. `-l` narrows the candidates.
 *
 * @see k8s.io/kubectl/pkg/cmd/apply/prune.go pruneAll, prune; k8s.io/kubectl/pkg/util/prune/prune.go
 */
function prune(inv: Invocation, visitedUids: Set<string>, visitedNamespaces: string[], dryRun: DryRun): { ok: true; stdout: string; warning: string } | { ok: false; message: string; warning: string } {
  const allowlist = flagList(inv, 'prune-allowlist');
  const kinds = pruneKinds(allowlist);
  if (!kinds.ok) return { ok: false, warning: '', message: kinds.message };
  const defs = kinds.value;
  // With the default kinds, klog warns (always: the namespace is never empty, it defaults from kubeconfig).
  const warning = allowlist.length > 0 ? '' : `${klogHeader('W', inv.ctx.sim.now(), 'prune.go:71')}Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n`;
  const selector = flagString(inv, 'selector');
  const matcher = selector === '' ? undefined : parseLabelSelector(selector);
  const matches = (o: KubeObject) => !matcher || (matcher.ok && labelMatcher(matcher.value)(o));
  const sim = inv.ctx.sim;
  let stdout = '';
  const pruneIn = (def: KindDefinition, namespace: string) => {
    const objs = sim.store.list(resourceKey(def)).filter((o) => !def.namespaced || (o.metadata.namespace ?? 'default') === namespace);
    for (const o of [...objs].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))) {
      if (!matches(o)) continue;
      if (o.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      if (visitedUids.has(o.metadata.uid ?? '')) continue;
      if (dryRun !== 'client') {
        const d = sim.api.delete(def, namespace, o.metadata.name ?? '', { dryRun: dryRun === 'server', user: inv.user, propagationPolicy: cascadePolicy(inv) });
        if (!d.ok) return d.error;
      }
      stdout += flagString(inv, 'output') === '' || flagString(inv, 'output') === 'name' ? operationLine(def, o.metadata.name ?? '', 'pruned', dryRun, flagString(inv, 'output')) : printObjectsText(inv, [o]);
    }
    return undefined;
  };
  for (const ns of visitedNamespaces) {
    for (const def of defs.filter((d) => d.namespaced)) {
      const err = pruneIn(def, ns);
      if (err) return { ok: false, warning, message: `error pruning namespaced object ${def.group ? `${def.group}/` : ''}${def.version}, Kind=${def.kind}: ${err.message}` };
    }
  }
  for (const def of defs.filter((d) => !d.namespaced)) {
    const err = pruneIn(def, '');
    if (err) return { ok: false, warning, message: `error pruning nonNamespaced object ${def.group ? `${def.group}/` : ''}${def.version}, Kind=${def.kind}: ${err.message}` };
  }
  return { ok: true, stdout, warning };
}

/** klog's line header: severity, date and time (UTC, microseconds), a thread id, file:line. */
function klogHeader(severity: string, ms: number, where: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)} ${String(12345).padStart(7)} ${where}] `;
}

/**
 * The kinds to prune: `--prune-allowlist` entries (`core` is the legacy
 * group), else the default list; prune.ParseResources' errors.
 */
function pruneKinds(allowlist: string[]): { ok: true; value: KindDefinition[] } | { ok: false; message: string } {
  const out: KindDefinition[] = [];
  if (allowlist.length === 0) {
    for (const [gv, kind] of DEFAULT_PRUNE) {
      const def = kindOf(gv, kind);
      if (def) out.push(def);
    }
    return { ok: true, value: out };
  }
  for (const gvk of allowlist) {
    const parts = gvk.split('/');
    if (parts.length !== 3) return { ok: false, message: `invalid GroupVersionKind format: ${gvk}, please follow <group/version/kind>` };
    const [group, version, kind] = parts;
    const gv = group === 'core' || group === '' ? version : `${group}/${version}`;
    const def = kindOf(gv, kind);
    if (!def) return { ok: false, message: `no matches for kind "${kind}" in version "${gv}"` };
    out.push(def);
  }
  return { ok: true, value: out };
}

function cascadePolicy(inv: Invocation): 'Background' | 'Foreground' | 'Orphan' {
  const c = flagString(inv, 'cascade');
  return c === 'foreground' ? 'Foreground' : c === 'orphan' || c === 'false' ? 'Orphan' : 'Background';
}

function runApply(inv: Invocation) {
  if (inv.args.length > 0) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');
  // kubectl's order: --dry-run, -f/-k, --validate, the prune allowlist, the flag combinations, then -o.
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const filenames = flagList(inv, 'filename');
  const kustomize = flagString(inv, 'kustomize');
  if (filenames.length === 0 && kustomize === '') return finish('', [plainErr('must specify one of -f and -k')]);
  const validation = validationDirective(inv);
  if (!validation.ok) return finish('', [plainErr(validation.message)]);
  const flagErr = checkApplyFlags(inv);
  if (flagErr) return finish('', [plainErr(flagErr)]);
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  if (kustomize !== '') return finish('', [plainErr('kustomize directories are not supported by this trainer')]);
  const serverSide = flagBool(inv, 'server-side');
  if (serverSide && flagString(inv, 'subresource') !== '') return finish('', [plainErr('server-side apply to a subresource is not simulated by this trainer')]);
  let warnings = dry.warning + recordWarning(inv);

  const collected = collectTargets(inv, [], { fetchLive: false });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0 && errors.length === 0) return finish('', [plainErr('no objects passed to apply')], warnings);
  let stdout = '';
  const printed: KubeObject[] = [];
  const output = flagString(inv, 'output');
  const fieldManager = fieldManagerOf(inv);
  const visitedUids = new Set<string>();
  const visitedNamespaces: string[] = inv.namespaceExplicit ? [inv.namespace] : [];
  for (const t of collected.targets) {
    const manifest = cloneJson(t.manifest!);
    if (t.def.namespaced) manifest.metadata.namespace = t.namespace;
    if (t.def.namespaced && !visitedNamespaces.includes(t.namespace)) visitedNamespaces.push(t.namespace);
    if (inv.flags.set.has('record') && flagBool(inv, 'record')) {
      manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl apply --filename=${flagList(inv, 'filename').join(',')} --record=true` };
    }
    const r = serverSide
      ? serverSideApply(inv, t.def, manifest, { dryRun: dry.value === 'server', force: flagBool(inv, 'force-conflicts'), fieldManager, fieldValidation: validation.value })
      : applyObject(inv.ctx.sim, t.def, manifest, { dryRun: dry.value, user: inv.user, fieldValidation: validation.value, fieldManager });
    if (!r.ok) {
      if (serverSide && r.error.reason === 'Conflict' && r.error.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')) {
        errors.push(plainErr(`${r.error.message}\n${CONFLICT_ADVICE}`));
      } else errors.push(serverSide ? statusErr(r.error) : statusErr(r.error, r.verb, t.source));
      continue;
    }
    if (r.object.metadata.uid) visitedUids.add(r.object.metadata.uid);
    if (r.warning) warnings += r.warning;
    if (printsObjects(inv)) printed.push(r.object);
    else stdout += operationLine(t.def, t.name, r.operation, dry.value, output);
  }
  if (errors.length > 0) return finish(stdout, errors, warnings);
  if (printed.length > 0) stdout += printObjectsText(inv, printed, true);
  if (flagBool(inv, 'prune')) {
    const pruned = prune(inv, visitedUids, visitedNamespaces, dry.value);
    warnings += pruned.warning;
    if (!pruned.ok) return finish(stdout, [plainErr(pruned.message)], warnings);
    stdout += pruned.stdout;
  }
  return finish(stdout, errors, warnings);
}

function runViewLastApplied(inv: Invocation) {
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true, verb: 'retrieving' });
  if (!collected.ok) return collected.result;
  let stdout = '';
  const errors = [...collected.errors];
  for (const t of collected.targets) {
    const text = t.live?.metadata.annotations?.[LAST_APPLIED];
    if (text === undefined) {
      errors.push(plainErr(`no last-applied-configuration annotation found on resource: ${t.name}`));
      continue;
    }
    const parsed: unknown = JSON.parse(text);
    const o = flagString(inv, 'output') || 'yaml';
    stdout += o === 'json' ? JSON.stringify(parsed, null, 2) + '\n' : printObjectsText({ ...inv, flags: { ...inv.flags, values: new Map([...inv.flags.values, ['output', 'yaml']]) } }, [parsed as KubeObject]);
  }
  return finish(stdout, errors);
}

export const applyCommand: CommandDef = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'server-side', type: 'bool', default: false },
    { name: 'force', type: 'bool', default: false },
    { name: 'force-conflicts', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'prune', type: 'bool', default: false },
    { name: 'prune-allowlist', type: 'stringArray', default: [] },
    { name: 'record', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'wait', type: 'bool', default: false },
    { name: 'openapi-patch', type: 'bool', default: true },
    { name: 'subresource', type: 'string', default: '' },
  ],
  run: runApply,
  subcommands: [
    {
      name: 'view-last-applied',
      short: 'View the latest last-applied-configuration annotations of a resource/object',
      flags: [...FILENAME_FLAGS, { name: 'output', short: 'o', type: 'string', default: 'yaml' }, { name: 'selector', short: 'l', type: 'string', default: '' }, { name: 'all', type: 'bool', default: false }],
      run: runViewLastApplied,
    },
  ],
};

/** Kind lookup for callers holding a manifest (scenario loader). */
export function kindForManifest(obj: KubeObject): KindDefinition | undefined {
  return kindOf(obj.apiVersion, obj.kind);
}
