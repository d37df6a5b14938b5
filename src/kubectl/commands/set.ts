import { goQuote } from '../format/go-fmt.js';
import { cloneJson, isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { QUANTITY_REGEX_ERROR, canonicalQuantity, parseExact } from '../../cluster/apiserver/validation/quantity.js';
import type { CommandDef, Invocation } from './types.js';
import { setSelectorCommand, setServiceAccountCommand } from './set-selector.js';
import { flagBool, flagList, flagString } from './types.js';
import { splitResourcesAndPairs } from './label.js';
import {
  FILENAME_FLAGS,
  apiWarnings,
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
  recordChangeCause,
  recordWarning,
  statusErr,
  typedRoundTrip,
  type CmdError,
  type Target,
} from './write-helpers.js';
import { fieldManagerOf } from './field-manager.js';

/**
 * `kubectl set image|resources|env`: change the pod template of workloads
 * (or a pod's spec) on the server, or of `--local` files.
 *
 * @see k8s.io/kubectl/pkg/cmd/set/set_image.go, set_resources.go, set_env.go
 */

interface Container extends Dict {
  name: string;
  image?: string;
  env?: Dict[];
  resources?: Dict;
}

/** The pod spec inside an object (Pod, workload template, CronJob job template). */
export function podSpecOf(obj: KubeObject): Dict | undefined {
  const spec = isDict(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  switch (obj.kind) {
    case 'Pod':
      return spec;
    case 'CronJob': {
      const jt = isDict(spec.jobTemplate) ? spec.jobTemplate : undefined;
      const js = jt && isDict(jt.spec) ? jt.spec : undefined;
      const t = js && isDict(js.template) ? js.template : undefined;
      return t && isDict(t.spec) ? t.spec : undefined;
    }
    default: {
      const t = isDict(spec.template) ? spec.template : undefined;
      return t && isDict(t.spec) ? t.spec : undefined;
    }
  }
}

function containerLists(spec: Dict): Container[][] {
  const out: Container[][] = [];
  for (const f of ['initContainers', 'containers', 'ephemeralContainers']) {
    if (Array.isArray(spec[f])) out.push(spec[f] as Container[]);
  }
  return out;
}

/** Go's path.Match for the simple globs `-c` takes (`*`, `?`). */
function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return re.test(name);
}

/** Changes an object in place; returns an error text, or calls `warn` for a note that is not one. */
export type Mutator = (obj: KubeObject, target: Target, warn: (text: string) => void) => string | undefined;

/** How a `set` subcommand's loop differs from `set image`'s. */
export interface RunSetOptions {
  /** Write and print objects the mutation left unchanged (selector, serviceaccount send the patch anyway). */
  keepUnchanged?: boolean;
  /** Stop at the first failing object, as a builder Visit does (selector). */
  stopOnError?: boolean;
  /** --local ignores resource arguments instead of rejecting them (serviceaccount). */
  localIgnoresArgs?: boolean;
  /** Wraps a server error (serviceaccount: `failed to patch ServiceAccountName …`). */
  serverError?: (e: CmdError) => CmdError;
  /** `(dry run)` also with --local (selector, serviceaccount print with the dry-run strategy's suffix). */
  localDryRunSuffix?: boolean;
}

/**
 * The shared run loop: collect targets, mutate a copy of each, write it (or
 * print it for --local / client dry run), print `<kind>/<name> <message>`.
 * Unchanged objects print nothing, as kubectl skips empty patches.
 */
export function runSet(inv: Invocation, resources: string[], message: string, mutate: Mutator, opts: RunSetOptions = {}) {
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  let warnings = dry.warning + recordWarning(inv);
  const local = flagBool(inv, 'local');
  if (local && opts.localIgnoresArgs) resources = [];
  if (local && resources.length > 0) {
    return finish('', [plainErr("you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'")], warnings);
  }
  const collected = collectTargets(inv, resources, { fetchLive: !local, requireLive: true, allowSelectAll: true, local });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const output = flagString(inv, 'output');
  let stdout = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    const before = local ? typedRoundTrip(t.manifest!) : t.live!;
    const next = cloneJson(before);
    const err = mutate(next, t, (w) => (warnings += w));
    if (err !== undefined) {
      errors.push(plainErr(err));
      if (opts.stopOnError) break;
      continue;
    }
    if (!opts.keepUnchanged && deepEqual(next, before)) continue;
    let result = next;
    if (!local && dry.value !== 'client') {
      recordChangeCause(inv, next);
      const r = inv.ctx.sim.api.update(next, { dryRun: dry.value === 'server', user: inv.user, fieldManager: fieldManagerOf(inv) });
      if (!r.ok) {
        errors.push(opts.serverError ? opts.serverError(statusErr(r.error)) : statusErr(r.error));
        if (opts.stopOnError) break;
        continue;
      }
      // The server's warnings about the new pod template (a fractional memory limit, a hidden env var).
      warnings += apiWarnings(r);
      result = r.value;
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, t.name, message, local && !opts.localDryRunSuffix ? 'none' : dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed, false, true);
  return finish(stdout, errors, warnings);
}

// ---------------------------------------------------------------------------
// set image

function runSetImage(inv: Invocation) {
  const { resources, pairs } = splitResourcesAndPairs(inv.args);
  if (pairs.length === 0) return finish('', [plainErr('at least one image update is required')]);
  const images: [string, string][] = pairs.filter((p) => p.includes('=')).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]);
  return runSet(inv, resources, 'image updated', (obj) => {
    const spec = podSpecOf(obj);
    if (!spec) return `unable to find a pod template in ${obj.kind}`;
    for (const [name, image] of images) {
      let found = false;
      for (const list of containerLists(spec)) {
        for (const c of list) {
          if (c.name === name || name === '*') {
            c.image = image;
            found = true;
          }
        }
      }
      if (!found) return `unable to find container named "${name}"`;
    }
    return undefined;
  }, { serverError: wrapServerError('failed to patch image update to pod template: ') });
}

// ---------------------------------------------------------------------------
// set resources

function parseResourceList(spec: string): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const out: Record<string, string> = {};
  if (spec === '') return { ok: true, value: out };
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, message: `invalid argument syntax ${part}` };
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!parseExact(value)) return { ok: false, message: QUANTITY_REGEX_ERROR };
    out[name] = canonicalQuantity(value);
  }
  return { ok: true, value: out };
}

function runSetResources(inv: Invocation) {
  const limits = flagString(inv, 'limits');
  const requests = flagString(inv, 'requests');
  if (limits === '' && requests === '') return finish('', [plainErr('you must specify an update to requests or limits (in the form of --requests/--limits)')]);
  const l = parseResourceList(limits);
  if (!l.ok) return finish('', [plainErr(l.message)]);
  const r = parseResourceList(requests);
  if (!r.ok) return finish('', [plainErr(r.message)]);
  const selector = flagString(inv, 'containers') || '*';
  return runSet(inv, inv.args, 'resource requirements updated', (obj) => {
    const spec = podSpecOf(obj);
    if (!spec) return `unable to find a pod template in ${obj.kind}`;
    let found = false;
    for (const list of containerLists(spec).slice(0)) {
      for (const c of list) {
        if (!globMatch(selector, c.name)) continue;
        found = true;
        const res: Dict = isDict(c.resources) ? c.resources : (c.resources = {});
        if (Object.keys(l.value).length > 0) res.limits = { ...(isDict(res.limits) ? res.limits : {}), ...l.value };
        if (Object.keys(r.value).length > 0) res.requests = { ...(isDict(res.requests) ? res.requests : {}), ...r.value };
      }
    }
    if (!found) return `unable to find container named ${selector}`;
    return undefined;
  }, { serverError: wrapServerError('failed to patch resources update to pod template ') });
}

// ---------------------------------------------------------------------------
// set env

const ENV_NAME_RE = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function envNameError(name: string): string {
  return `"${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`;
}

function describeEnv(e: Dict): string {
  const vf = isDict(e.valueFrom) ? e.valueFrom : undefined;
  if (!vf) return `${String(e.name)}=${typeof e.value === 'string' ? e.value : ''}\n`;
  const cm = isDict(vf.configMapKeyRef) ? vf.configMapKeyRef : undefined;
  if (cm) return `# ${String(e.name)} from configmap ${String(cm.name)}, key ${String(cm.key)}\n`;
  const sec = isDict(vf.secretKeyRef) ? vf.secretKeyRef : undefined;
  if (sec) return `# ${String(e.name)} from secret ${String(sec.name)}, key ${String(sec.key)}\n`;
  const fr = isDict(vf.fieldRef) ? vf.fieldRef : undefined;
  if (fr) return `# ${String(e.name)} from field path ${String(fr.fieldPath)}\n`;
  const rr = isDict(vf.resourceFieldRef) ? vf.resourceFieldRef : undefined;
  if (rr) return `# ${String(e.name)} from resource ${String(rr.resource)}\n`;
  return `# ${String(e.name)} from unknown source\n`;
}

function runSetEnv(inv: Invocation) {
  const { resources, pairs } = splitResourcesAndPairs(inv.args);
  const envFlags = flagList(inv, 'env');
  const all = [...pairs, ...envFlags];
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const p of all) {
    if (p.includes('=')) {
      const k = p.slice(0, p.indexOf('='));
      if (!ENV_NAME_RE.test(k)) return finish('', [plainErr(envNameError(k))]);
      set.push([k, p.slice(p.indexOf('=') + 1)]);
    } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
  }
  const selector = flagString(inv, 'containers') || '*';
  const local = flagBool(inv, 'local');

  if (flagBool(inv, 'list')) {
    const collected = collectTargets(inv, resources, { fetchLive: !local, requireLive: true, allowSelectAll: true, local });
    if (!collected.ok) return collected.result;
    let stdout = '';
    let warnings = '';
    for (const t of collected.targets) {
      const obj = local ? t.manifest! : t.live!;
      const spec = podSpecOf(obj);
      if (!spec) continue;
      const matching = envContainers(spec, selector);
      if (matching.length === 0) warnings += noContainersWarning(obj, t.name, selector);
      for (const c of matching) {
        stdout += `# ${obj.kind} ${t.name}, container ${c.name}\n`;
        for (const e of c.env ?? []) stdout += describeEnv(e);
      }
    }
    return finish(stdout, collected.errors, warnings);
  }

  // --from=configmap/NAME or secret/NAME
  const from = flagString(inv, 'from');
  const prefix = flagString(inv, 'prefix');
  const keys = flagList(inv, 'keys');
  const fromEnv: Dict[] = [];
  if (from !== '') {
    if (local) return finish('', [plainErr('unsupported resource specified in --from')]);
    const m = /^(configmap|configmaps|cm|secret|secrets)\/(.+)$/.exec(from);
    if (!m) return finish('', [plainErr('unsupported resource specified in --from')]);
    const isSecret = m[1].startsWith('secret');
    const resource = isSecret ? 'secrets' : 'configmaps';
    const got = inv.ctx.sim.store.get(resource, inv.namespace, m[2]);
    if (!got) return finish('', [plainErr(`${resource} "${m[2]}" not found`)]);
    const data = { ...(isDict(got.data) ? got.data : {}), ...(!isSecret && isDict(got.binaryData) ? got.binaryData : {}) };
    for (const key of Object.keys(data).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      const name = prefix + key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (!ENV_NAME_RE.test(name)) continue;
      const ref = { name: m[2], key };
      fromEnv.push({ name, valueFrom: isSecret ? { secretKeyRef: ref } : { configMapKeyRef: ref } });
    }
  }
  if (set.length === 0 && remove.length === 0 && fromEnv.length === 0) {
    // kubectl does nothing, successfully, when there is nothing to change.
    const collected = collectTargets(inv, resources, { fetchLive: !local, requireLive: true, allowSelectAll: true, local });
    if (!collected.ok) return collected.result;
    return finish('', collected.errors);
  }
  const overwrite = flagBool(inv, 'overwrite');
  return runSet(
    inv,
    resources,
    'env updated',
    (obj, t, warn) => {
    const spec = podSpecOf(obj);
    if (!spec) return `unable to find a pod template in ${obj.kind}`;
    const matching = envContainers(spec, selector);
    if (matching.length === 0) warn(noContainersWarning(obj, t.name, selector));
    {
      for (const c of matching) {
        let env: Dict[] = Array.isArray(c.env) ? c.env : [];
        const upsert = (e: Dict) => {
          const i = env.findIndex((x) => x.name === e.name);
          if (i >= 0) {
            if (!overwrite) return;
            env[i] = e;
          } else env.push(e);
        };
        for (const e of fromEnv) upsert(e);
        for (const [k, v] of set) upsert({ name: k, value: v });
        env = env.filter((e) => !remove.includes(String(e.name)));
        if (env.length > 0) c.env = env;
        else delete c.env;
      }
    }
    return undefined;
    },
    { serverError: wrapServerError('failed to patch env update to pod template: ') },
  );
}

/** set env works on the containers, then the init containers, that `-c` matches (not ephemeral ones). */
function envContainers(spec: Dict, selector: string): Container[] {
  const pick = (f: string) => (Array.isArray(spec[f]) ? (spec[f] as Container[]) : []).filter((c) => globMatch(selector, c.name));
  return [...pick('containers'), ...pick('initContainers')];
}

/** What set env prints, as a warning and not an error, when `-c` matches nothing. */
function noContainersWarning(obj: KubeObject, name: string, selector: string): string {
  return `Warning: ${obj.kind}/${name} does not have any containers matching ${goQuote(selector)}\n`;
}

/** set image/env/resources report a refused patch as their own error around the server's message. */
function wrapServerError(prefix: string): (e: CmdError) => CmdError {
  return (e) => (e.kind === 'status' ? plainErr(`${prefix}${e.status.message}`) : e);
}

// ---------------------------------------------------------------------------

const COMMON = [
  ...FILENAME_FLAGS,
  ...PRINT_FLAGS,
  { name: 'all', type: 'bool' as const, default: false },
  { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-set' },
  { name: 'local', type: 'bool' as const, default: false },
  { name: 'record', type: 'bool' as const, default: false },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
];

export const setCommand: CommandDef = {
  name: 'set',
  short: 'Set specific features on objects',
  subcommands: [
    { name: 'image', short: 'Update the image of a pod template', flags: COMMON, run: runSetImage },
    {
      name: 'resources',
      short: 'Update resource requests/limits on objects with pod templates',
      flags: [
        ...COMMON,
        { name: 'containers', short: 'c', type: 'string', default: '*' },
        { name: 'limits', type: 'string', default: '' },
        { name: 'requests', type: 'string', default: '' },
      ],
      run: runSetResources,
    },
    {
      name: 'env',
      short: 'Update environment variables on a pod template',
      flags: [
        ...COMMON,
        { name: 'containers', short: 'c', type: 'string', default: '*' },
        { name: 'env', short: 'e', type: 'stringArray', default: [] },
        { name: 'from', type: 'string', default: '' },
        { name: 'keys', type: 'stringSlice', default: [] },
        { name: 'list', type: 'bool', default: false },
        { name: 'overwrite', type: 'bool', default: true },
        { name: 'prefix', type: 'string', default: '' },
        { name: 'resolve', type: 'bool', default: false },
      ],
      run: runSetEnv,
    },
    setSelectorCommand,
    setServiceAccountCommand,
  ],
};
