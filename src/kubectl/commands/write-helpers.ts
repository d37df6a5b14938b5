import { hasTypedOrder, typedJson } from './typed-order.js';
import { parseFieldSelector } from './get.js';
import { parseLabelSelector as parseSelectorText, SelectorParseError } from '../../cluster/store/selectors.js';
import { OBJECT_OUTPUT_FORMATS, parseOutputFlag, printObjects } from '../output-flags.js';
import { cloneJson, isDict, type KubeObject } from '../../cluster/api/meta.js';
import { matchesRequirements, type Requirement } from '../../cluster/api/labels.js';
import { kubectlErrorText, standardErrorMessage, type StatusError } from '../../cluster/apiserver/status-errors.js';
import { kindOf, resourceKey, type KindDefinition } from '../../cluster/kinds/registry.js';
import type { FieldValidation } from '../../cluster/apiserver/api-server.js';
import type { KubectlResult } from '../context.js';
import { ordered } from '../output-order.js';
import { readManifests } from '../manifests.js';
import { fetchResources, parseResourceArgs, resolveResourceArgs } from '../parse/resource-args.js';
import type { FlagSpec } from '../parse/flags.js';
import { fieldManagerOf } from './field-manager.js';
import { flagBool, flagList, flagString, type Invocation } from './types.js';

/**
 * What the commands that change the cluster share: `-f` and resource-argument
 * targets, kubectl's error rendering (cmdutil.CheckErr), operation messages
 * (`deployment.apps/web configured`) and `-o` printing.
 */

// ---------------------------------------------------------------------------
// Errors, as kubectl's cmdutil.CheckErr prints them

/** An error a command collects: an API Status (maybe tied to a file), or plain text. */
export type CmdError =
  | { kind: 'status'; status: StatusError; verb?: string; source?: string }
  | { kind: 'plain'; message: string };

export function statusErr(status: StatusError, verb?: string, source?: string): CmdError {
  return { kind: 'status', status, verb, source };
}

export function plainErr(message: string): CmdError {
  return { kind: 'plain', message };
}

/** The Status with kubectl's AddSourceToErr applied (`error when creating "x.yaml": …`). */
function withSource(e: Extract<CmdError, { kind: 'status' }>): StatusError {
  if (!e.source || !e.verb) return e.status;
  return { ...e.status, message: `error when ${e.verb} "${e.source}": ${e.status.message}` };
}

/** StandardErrorMessage: `Error from server (Reason): message`. */
function standardMessage(e: CmdError): string {
  if (e.kind === 'plain') return e.message;
  return standardErrorMessage(withSource(e));
}

/**
 * Renders errors as CheckErr does: one error gets `error: ` (plain) or the
 * Invalid layout (`The Deployment "web" is invalid: …`); several are printed
 * one per line without a prefix.
 */
export function renderErrors(errors: readonly CmdError[]): string {
  if (errors.length === 0) return '';
  if (errors.length > 1) return errors.map((e) => ensureNewline(standardMessage(e))).join('');
  const e = errors[0];
  if (e.kind === 'plain') return ensureNewline(e.message.startsWith('error: ') ? e.message : `error: ${e.message}`);
  if (e.status.reason === 'Invalid') return invalidText(e.status);
  return ensureNewline(standardMessage(e));
}

function invalidText(s: StatusError): string {
  return kubectlErrorText(s);
}

function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/** A finished command: what it printed, and its errors (exit 1 when any). */
export function finish(stdout: string, errors: readonly CmdError[], warnings = ''): KubectlResult {
  // Warnings (server warnings, notices) reach the terminal before the output; errors after it.
  return ordered(
    [
      { stream: 'stderr', text: warnings },
      { stream: 'stdout', text: stdout },
      { stream: 'stderr', text: renderErrors(errors) },
    ],
    errors.length > 0 ? 1 : 0,
  );
}

// ---------------------------------------------------------------------------
// Names and messages

/** `deployment.apps`, `pod`: kubectl's kind string in operation messages. */
export function kindString(def: KindDefinition): string {
  const k = def.kind.toLowerCase();
  return def.group ? `${k}.${def.group}` : k;
}

export type DryRun = 'none' | 'client' | 'server';

/** kubectl's --dry-run values, with its deprecation warning and error texts. */
export function dryRunStrategy(inv: Invocation): { ok: true; value: DryRun; warning: string } | { ok: false; message: string } {
  if (!inv.flags.set.has('dry-run')) return { ok: true, value: 'none', warning: '' };
  const v = flagString(inv, 'dry-run');
  switch (v) {
    case 'client':
      return { ok: true, value: 'client', warning: '' };
    case 'server':
      return { ok: true, value: 'server', warning: '' };
    case 'none':
      return { ok: true, value: 'none', warning: '' };
    case 'unchanged':
      // The bare flag (its NoOptDefVal).
      return { ok: true, value: 'client', warning: `${KLOG_W} helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n` };
  }
  // A value strconv.ParseBool accepts is the old boolean form.
  const bool = GO_BOOLS.get(v);
  if (bool === undefined) return { ok: false, message: `Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
  const value = bool ? 'client' : 'none';
  return { ok: true, value, warning: `${KLOG_W} helpers.go:${bool ? 716 : 719}] --dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${value}.\n` };
}

/** klog's header of a warning line (its time and thread id are fixed in the simulation). */
const KLOG_W = 'W0115 09:00:00.000000   12345';

/** What Go's strconv.ParseBool accepts. */
const GO_BOOLS = new Map<string, boolean>([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((s): [string, boolean] => [s, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((s): [string, boolean] => [s, false]),
]);

/** The `-o name`/default message: `deployment.apps/web configured (dry run)`. */
export function operationLine(def: KindDefinition, name: string, operation: string, dryRun: DryRun, output: string): string {
  if (output === 'name') return `${kindString(def)}/${name}\n`;
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${kindString(def)}/${name} ${operation}${suffix}\n`;
}

// ---------------------------------------------------------------------------
// Printing objects for -o

/** Output formats a mutating command accepts. */
export const PRINT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

/** Checks `-o` up front: kubectl rejects an unknown format before doing anything. */
export function checkOutput(inv: Invocation): string | undefined {
  const o = flagString(inv, 'output');
  if (o === '') return undefined;
  const name = o.split('=')[0];
  const arg = o.includes('=') ? o.slice(o.indexOf('=') + 1) : flagString(inv, 'template');
  if (OBJECT_OUTPUT_FORMATS.includes(name) && name !== 'name' && name !== 'json' && name !== 'yaml' && arg === '') {
    return 'template format specified but no template given';
  }
  const parsed = parseOutputFlag(o, OBJECT_OUTPUT_FORMATS, flagString(inv, 'template'));
  return parsed.ok ? undefined : parsed.message;
}

/** Whether `-o` asks for the object itself (yaml, json, jsonpath…) rather than a message. */
export function printsObjects(inv: Invocation): boolean {
  const o = flagString(inv, 'output');
  return o !== '' && o !== 'name';
}

/**
 * Prints objects for `-o yaml|json|jsonpath=…` as a command's printer does:
 * each object in turn (`---` between YAML documents), or one `List` when
 * `asList` (apply with several objects).
 */
export function printObjectsText(inv: Invocation, objects: readonly KubeObject[], asList = false, typed = false): string {
  // Typed objects (generators, set) print JSON in Go struct order, not sorted.
  if (typed && flagString(inv, 'output') === 'json' && objects.every((o) => hasTypedOrder(o.kind))) {
    return objects.map((o) => typedJson(flagBool(inv, 'show-managed-fields') ? o : stripManagedFields(o))).join('');
  }
  const r = printObjects(objects, flagString(inv, 'output'), {
    asList: asList && objects.length > 1,
    readFile: (p) => inv.ctx.fs.readFile(p),
    showManagedFields: flagBool(inv, 'show-managed-fields'),
    allowMissingKeys: inv.flags.values.has('allow-missing-template-keys') ? flagBool(inv, 'allow-missing-template-keys') : true,
  });
  if (r.ok) return r.value;
  throw new PrintError(r.stderr, r.partial ?? '');
}

function stripManagedFields(o: KubeObject): KubeObject {
  const c = cloneJson(o);
  delete c.metadata.managedFields;
  return c;
}

/** A printer failure (a bad jsonpath template): the command ends with kubectl's message. */
export class PrintError extends Error {
  constructor(
    readonly stderr: string,
    readonly partial: string,
  ) {
    super(stderr);
  }
}

// ---------------------------------------------------------------------------
// Label selectors (`-l`)

/**
 * Parses kubectl's label selector syntax (`app=web,tier!=db,env in (a,b),!canary`)
 * with apimachinery's parser, returning the requirements or its error text.
 */
export function parseLabelSelector(s: string): { ok: true; value: Requirement[] } | { ok: false; message: string } {
  try {
    return { ok: true, value: parseSelectorText(s) };
  } catch (e) {
    if (e instanceof SelectorParseError) return { ok: false, message: e.message };
    throw e;
  }
}

export function labelMatcher(reqs: Requirement[]): (obj: KubeObject) => boolean {
  return (obj) => matchesRequirements(obj.metadata.labels, reqs);
}

// ---------------------------------------------------------------------------
// Targets: -f manifests or resource arguments

/** One object a command acts on. */
export interface Target {
  def: KindDefinition;
  namespace: string;
  name: string;
  /** The live object (undefined for manifest objects not yet in the cluster). */
  live?: KubeObject;
  /** The object as the manifest gives it (for -f). */
  manifest?: KubeObject;
  /** `x.yaml`, `STDIN`, or undefined for resource arguments. */
  source?: string;
}

export interface TargetsOptions {
  /** Whether objects must exist (GET them, NotFound is an error). */
  fetchLive: boolean;
  /** `-f` given objects not found count as NotFound errors (delete, label). */
  requireLive?: boolean;
  allowSelectAll?: boolean;
  /** The verb for `error when <verb> "x.yaml"` on a missing object. */
  verb?: string;
  /** Commands (logs, exec) that name one object. */
  singleResourceType?: boolean;
  /** Skip the namespace-mismatch check (--local). */
  local?: boolean;
  /** The command's --selector is not a label query over the targets (expose). */
  ignoreSelectorFlag?: boolean;
}

export type TargetsResult = { ok: true; targets: Target[]; errors: CmdError[] } | { ok: false; result: KubectlResult };

export const FILENAME_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
  { name: 'recursive', short: 'R', type: 'bool', default: false },
  { name: 'kustomize', short: 'k', type: 'string', default: '' },
];

/** The builder's namespace rules for an object from a file. */
export function manifestNamespace(inv: Invocation, def: KindDefinition, obj: KubeObject): { ok: true; namespace: string } | { ok: false; message: string } {
  if (!def.namespaced) return { ok: true, namespace: '' };
  const own = obj.metadata?.namespace;
  if (own && inv.namespaceExplicit && own !== inv.namespace) {
    return {
      ok: false,
      message: `the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    };
  }
  return { ok: true, namespace: own || inv.namespace };
}

/** Maps a manifest object to its kind, or kubectl's "resource mapping not found" error. */
export function manifestKind(obj: KubeObject, source: string): { ok: true; def: KindDefinition } | { ok: false; message: string } {
  const def = kindOf(obj.apiVersion ?? '', obj.kind);
  if (def) return { ok: true, def };
  return {
    ok: false,
    message: `resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ''}"\nensure CRDs are installed first`,
  };
}

/**
 * Collects what a command acts on, from `-f` or from arguments (with `-l`,
 * `--all`), reading live objects. Per-object problems become errors in
 * order; problems that stop the command come back as a finished result.
 */
export function collectTargets(inv: Invocation, args: readonly string[], opts: TargetsOptions): TargetsResult {
  const filenames = flagList(inv, 'filename');
  const selector = inv.flags.values.has('selector') && !opts.ignoreSelectorFlag ? flagString(inv, 'selector') : '';
  const fieldSelector = inv.flags.values.has('field-selector') ? flagString(inv, 'field-selector') : '';
  const all = inv.flags.values.has('all') ? flagBool(inv, 'all') : false;
  const errors: CmdError[] = [];
  const targets: Target[] = [];
  if (filenames.length > 0) {
    if (args.length > 0 && !opts.local) {
      // kubectl: file and resource arguments together
      return { ok: false, result: finish('', [plainErr('When using the -f flag, do not specify resource names or types')]) };
    }
    const read = readManifests({ fs: inv.ctx.fs, stdin: inv.ctx.stdin }, filenames, flagBool(inv, 'recursive'));
    if (!read.ok) return { ok: false, result: finish('', [plainErr(read.message)]) };
    for (const entry of read.entries) {
      if (entry.type === 'error') {
        errors.push(plainErr(entry.message));
        continue;
      }
      const obj = entry.object;
      const mapped = manifestKind(obj, entry.source);
      if (!mapped.ok) {
        errors.push(plainErr(mapped.message));
        continue;
      }
      const def = mapped.def;
      let namespace = obj.metadata?.namespace ?? '';
      if (!opts.local) {
        const ns = manifestNamespace(inv, def, obj);
        if (!ns.ok) {
          errors.push(plainErr(ns.message));
          continue;
        }
        namespace = ns.namespace;
      }
      const name = obj.metadata?.name ?? '';
      const t: Target = { def, namespace, name, manifest: obj, source: entry.source };
      if (opts.fetchLive) {
        const got = inv.ctx.sim.api.get(def, namespace, name, inv.user);
        if (got.ok) t.live = got.value;
        else if (opts.requireLive) {
          errors.push(statusErr(got.error, opts.verb, entry.source));
          continue;
        }
      }
      targets.push(t);
    }
    return { ok: true, targets, errors };
  }

  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, result: finish('', [plainErr(parsed.message)]) };
  const resolved = resolveResourceArgs(parsed.value, {
    namespace: inv.namespace,
    allNamespaces: inv.flags.values.has('all-namespaces') ? flagBool(inv, 'all-namespaces') : false,
    labelSelector: selector,
    fieldSelector,
    selectAll: opts.allowSelectAll ? all : false,
    singleResourceType: opts.singleResourceType,
  });
  if (!resolved.ok) return { ok: false, result: usageLike(inv, resolved.message) };
  let match: ((o: KubeObject) => boolean) | undefined;
  if (selector.trim() !== '') {
    const sel = parseLabelSelector(selector);
    if (!sel.ok) return { ok: false, result: finish('', [plainErr(sel.message)]) };
    match = labelMatcher(sel.value);
  }
  if (fieldSelector.trim() !== '') {
    const fields = parseFieldSelector(fieldSelector);
    if (!fields.ok) return { ok: false, result: finish('', [plainErr(fields.message)]) };
    const byLabel = match;
    match = (o) => (byLabel ? byLabel(o) : true) && fields.value(o);
  }
  const fetched = fetchResources(inv.ctx.sim, resolved.value, { match, user: inv.user });
  for (const g of fetched.groups) {
    for (const info of g.infos) targets.push({ def: info.def, namespace: info.namespace, name: info.name, live: info.object });
  }
  for (const e of fetched.errors) errors.push(statusErr(e));
  return { ok: true, targets, errors };
}

/** The builder's argument errors; the "You must provide" one carries the usage pointer. */
function usageLike(inv: Invocation, message: string): KubectlResult {
  if (message.startsWith('You must provide one or more resources')) {
    return { stdout: '', stderr: `error: ${message}\n`, exitCode: 1 };
  }
  void inv;
  return finish('', [plainErr(message)]);
}

/** The storage key and namespace the API server files a target under. */
export function targetKey(t: Target): string {
  return `${resourceKey(t.def)}/${t.namespace}/${t.name}`;
}

// ---------------------------------------------------------------------------
// Object helpers

export function annotationsOf(obj: KubeObject): Record<string, string> {
  return isDict(obj.metadata?.annotations) ? (obj.metadata.annotations as Record<string, string>) : {};
}

export { deepEqual } from '../../cluster/api/meta.js';

/**
 * kubectl's `kubernetes.io/change-cause` for `--record`: the command path,
 * the arguments, then every flag that was set, sorted, as `--name=value`.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/recorder? (genericclioptions RecordFlags parseCommandArguments)
 */
export function changeCause(inv: Invocation): string {
  let flags = '';
  for (const name of [...inv.flags.set].sort()) {
    const v = inv.flags.values.get(name);
    const text = Array.isArray(v) ? `[${v.join(',')}]` : String(v);
    flags += ` --${name}=${text}`;
  }
  return `${inv.commandPath} ${inv.args.join(' ')}${flags}`;
}

/** Adds the change-cause annotation when `--record` is true. */
export function recordChangeCause(inv: Invocation, obj: KubeObject): void {
  if (!(inv.flags.values.get('record') === true)) return;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(inv) };
}

/**
 * Creates an object that a generator built (create TYPE, run, expose,
 * autoscale) in `namespace` (undefined: as the object says). On
 * --dry-run=client nothing is sent and the object to print is `local`
 * (by default the object itself) as the typed struct prints it; otherwise it
 * is the server's answer, --dry-run=server included, with its warnings as
 * kubectl prints them.
 */
export function createGenerated(inv: Invocation, obj: KubeObject, namespace: string | undefined, dry: DryRun, local: KubeObject = obj): { ok: true; value: KubeObject; warnings: string } | { ok: false; error: CmdError } {
  if (dry === 'client') return { ok: true, value: typedRoundTrip(local), warnings: '' };
  const toCreate = cloneJson(obj);
  if (namespace !== undefined) toCreate.metadata.namespace = namespace;
  const r = inv.ctx.sim.api.create(toCreate, { dryRun: dry === 'server', user: inv.user, fieldManager: fieldManagerOf(inv) });
  return r.ok ? { ok: true, value: r.value, warnings: apiWarnings(r) } : { ok: false, error: statusErr(r.error) };
}

/**
 * What kubectl's typed decoding adds to an object it prints without a server
 * (`set --local`, `create … --dry-run=client`): `creationTimestamp: null`,
 * empty `resources`, `strategy` and `status`.
 */
export function typedRoundTrip(input: KubeObject): KubeObject {
  const obj = cloneJson(input);
  const meta = (m: unknown) => {
    if (isDict(m) && !('creationTimestamp' in m)) m.creationTimestamp = null;
  };
  const podSpec = (spec: unknown) => {
    if (!isDict(spec)) return;
    for (const f of ['initContainers', 'containers']) {
      const cs = spec[f];
      if (Array.isArray(cs)) for (const c of cs) if (isDict(c) && !('resources' in c)) c.resources = {};
    }
  };
  const template = (t: unknown) => {
    if (!isDict(t)) return;
    if (!isDict(t.metadata)) t.metadata = {};
    meta(t.metadata);
    podSpec(t.spec);
  };
  meta(obj.metadata);
  const spec = isDict(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Pod':
      podSpec(spec);
      break;
    case 'Deployment':
      if (spec && !('strategy' in spec)) spec.strategy = {};
      template(spec?.template);
      break;
    case 'DaemonSet':
      if (spec && !('updateStrategy' in spec)) spec.updateStrategy = {};
      template(spec?.template);
      break;
    case 'StatefulSet':
      if (spec && !('updateStrategy' in spec)) spec.updateStrategy = {};
      template(spec?.template);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      template(spec?.template);
      break;
    case 'CronJob': {
      const jt = isDict(spec?.jobTemplate) ? spec.jobTemplate : undefined;
      if (jt) {
        if (!isDict(jt.metadata)) jt.metadata = {};
        meta(jt.metadata);
        template(isDict(jt.spec) ? jt.spec.template : undefined);
      }
      break;
    }
    case 'Service':
      // ServicePort.targetPort is an IntOrString struct: omitempty keeps its zero value.
      if (Array.isArray(spec?.ports)) for (const p of spec.ports) if (isDict(p) && !('targetPort' in p)) p.targetPort = 0;
      break;
    default:
      break;
  }
  const withStatus: Record<string, unknown> = {
    Pod: {},
    Deployment: {},
    DaemonSet: {},
    StatefulSet: { availableReplicas: 0, replicas: 0 },
    ReplicaSet: { replicas: 0 },
    ReplicationController: { replicas: 0 },
    Job: {},
    CronJob: {},
    Service: { loadBalancer: {} },
    Ingress: { loadBalancer: {} },
    Namespace: {},
    ResourceQuota: {},
    PersistentVolumeClaim: {},
    HorizontalPodAutoscaler: { currentMetrics: null, desiredReplicas: 0 },
    PodDisruptionBudget: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  };
  if (obj.kind in withStatus && !('status' in obj)) obj.status = withStatus[obj.kind];
  if (obj.kind === 'Namespace' && !('spec' in obj)) obj.spec = {};
  return obj;
}

/**
 * `--validate`: the fieldValidation directive kubectl sends. strconv.ParseBool
 * spellings mean strict (true) or ignore (false); otherwise exactly strict,
 * warn or ignore.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/helpers.go GetValidationDirective
 */
export function validationDirective(inv: Invocation): { ok: true; value: FieldValidation } | { ok: false; message: string } {
  const v = flagString(inv, 'validate');
  if (['1', 't', 'T', 'TRUE', 'true', 'True', 'strict'].includes(v)) return { ok: true, value: 'Strict' };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'ignore'].includes(v)) return { ok: true, value: 'Ignore' };
  if (v === 'warn') return { ok: true, value: 'Warn' };
  return { ok: false, message: `invalid - validate option ${JSON.stringify(v)}; must be one of: strict (or true), warn, ignore (or false)` };
}

/**
 * The flag checks of create and replace, in kubectl's order: --dry-run,
 * --validate, then -o. The first failure is the command's result.
 */
export function checkWriteFlags(
  inv: Invocation,
): { ok: true; dry: DryRun; dryWarning: string; fieldValidation: FieldValidation } | { ok: false; result: KubectlResult } {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return { ok: false, result: finish('', [plainErr(dry.message)]) };
  const validation = validationDirective(inv);
  if (!validation.ok) return { ok: false, result: finish('', [plainErr(validation.message)]) };
  const outErr = checkOutput(inv);
  if (outErr) return { ok: false, result: finish('', [plainErr(outErr)]) };
  return { ok: true, dry: dry.value, dryWarning: dry.warning, fieldValidation: validation.value };
}

/**
 * The API server's warnings, as kubectl prints them on stderr. kubectl's
 * warning writer deduplicates: a warning already in `printed` (what the
 * command printed before) is not printed again.
 */
export function apiWarnings(r: { warnings?: string[] }, printed = ''): string {
  const seen = new Set(printed.split('\n'));
  let out = '';
  for (const w of r.warnings ?? []) {
    const line = `Warning: ${w}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out += `${line}\n`;
  }
  return out;
}

/** pflag's deprecation notice for `--record`, printed whenever the flag is given. */
export function recordWarning(inv: Invocation): string {
  return inv.flags.set.has('record') ? 'Flag --record has been deprecated, --record will be removed in the future\n' : '';
}
