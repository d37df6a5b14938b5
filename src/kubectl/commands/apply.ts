import { cloneJson, isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import type { Simulation } from '../../cluster/simulation.js';
import type { UserInfo } from '../../cluster/apiserver/api-server.js';
import type { StatusError } from '../../cluster/apiserver/status-errors.js';
import { kindOf, type KindDefinition } from '../../cluster/kinds/registry.js';
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

export type ApplyOperation = 'created' | 'configured' | 'unchanged';

export type ApplyOutcome =
  | { ok: true; operation: ApplyOperation; object: KubeObject; warning?: string }
  | { ok: false; error: StatusError; verb: string };

/**
 * Applies one object (already carrying its namespace) as `kubectl apply`
 * does. Scenario manifests use this too, so they fail the way kubectl would.
 */
export function applyObject(sim: Simulation, def: KindDefinition, manifest: KubeObject, opts: { dryRun?: DryRun; user?: UserInfo; fieldValidation?: FieldValidation } = {}): ApplyOutcome {
  const dryRun = opts.dryRun ?? 'none';
  const desired = withLastApplied(manifest);
  const namespace = def.namespaced ? (manifest.metadata.namespace ?? 'default') : '';
  const name = manifest.metadata.name ?? '';
  const got = sim.api.get(def, namespace, name, opts.user);
  if (!got.ok) {
    if (got.error.reason !== 'NotFound') return { ok: false, error: got.error, verb: 'retrieving current configuration of' };
    if (dryRun === 'client') return { ok: true, operation: 'created', object: desired };
    const created = sim.api.create(desired, { dryRun: dryRun === 'server', user: opts.user, fieldValidation: opts.fieldValidation });
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
  const updated = sim.api.update(merged, { dryRun: dryRun === 'server', user: opts.user, fieldValidation: opts.fieldValidation });
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

function runApply(inv: Invocation) {
  // kubectl's order: --dry-run, -f/-k, --validate, then -o.
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const filenames = flagList(inv, 'filename');
  const kustomize = flagString(inv, 'kustomize');
  if (filenames.length === 0 && kustomize === '') return finish('', [plainErr('must specify one of -f and -k')]);
  const validation = validationDirective(inv);
  if (!validation.ok) return finish('', [plainErr(validation.message)]);
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  if (flagBool(inv, 'server-side')) {
    return finish('', [plainErr('server-side apply is not supported by this trainer; use client-side apply (the default)')]);
  }
  if (kustomize !== '') return finish('', [plainErr('kustomize directories are not supported by this trainer')]);
  let warnings = dry.warning;
  if (inv.flags.set.has('record')) warnings += 'Flag --record has been deprecated, --record will be removed in the future\n';
  if (inv.args.length > 0) return usageError(inv, 'Unexpected args: [' + inv.args.join(' ') + ']');

  const collected = collectTargets(inv, [], { fetchLive: false });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0 && errors.length === 0) return finish('', [plainErr('no objects passed to apply')], warnings);
  let stdout = '';
  const printed: KubeObject[] = [];
  const output = flagString(inv, 'output');
  for (const t of collected.targets) {
    const manifest = cloneJson(t.manifest!);
    if (t.def.namespaced) manifest.metadata.namespace = t.namespace;
    if (inv.flags.set.has('record') && flagBool(inv, 'record')) {
      manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl apply --filename=${flagList(inv, 'filename').join(',')} --record=true` };
    }
    const r = applyObject(inv.ctx.sim, t.def, manifest, { dryRun: dry.value, user: inv.user, fieldValidation: validation.value });
    if (!r.ok) {
      errors.push(statusErr(r.error, r.verb, t.source));
      continue;
    }
    if (r.warning) warnings += r.warning;
    if (printsObjects(inv)) printed.push(r.object);
    else stdout += operationLine(t.def, t.name, r.operation, dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed, true);
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
