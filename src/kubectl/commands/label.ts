import { cloneJson, type KubeObject } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { fieldManagerOf } from './field-manager.js';
import { flagBool, flagList, flagString } from './types.js';
import { goJson } from '../manifests.js';
import { goQuote } from '../format/go-fmt.js';
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
  recordWarning,
  apiWarnings,
  statusErr,
  type CmdError,
} from './write-helpers.js';

/**
 * `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to
 * remove, `--overwrite`, `--list`, `--local`, `--all`, `-l`.
 *
 * @see k8s.io/kubectl/pkg/cmd/label/label.go, annotate/annotate.go
 */

type Mode = 'label' | 'annotate';

const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** kubectl's GetResourcesAndPairs: `k=v` (not starting with `=`) and `k-` are pairs, the rest resources. */
export function splitResourcesAndPairs(args: readonly string[]): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let first = true;
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || s.endsWith('-');
    if (isPair) {
      first = false;
      pairs.push(s);
    } else if (first) resources.push(s);
    else resources.push(s);
  }
  return { resources, pairs };
}

interface Updates {
  set: [string, string][];
  remove: string[];
}

function parsePairs(mode: Mode, pairs: string[]): { ok: true; value: Updates } | { ok: false; message: string } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const p of pairs) {
    if (p.includes('=')) {
      const parts = p.split('=');
      if (parts.length !== 2) return { ok: false, message: `invalid ${mode === 'label' ? 'label' : 'annotation'} spec: ${p}` };
      const [k, v] = parts;
      if (mode === 'label' && !LABEL_VALUE_RE.test(v)) {
        return {
          ok: false,
          message: `invalid label value: "${p}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        };
      }
      set.push([k, v]);
    } else if (p.endsWith('-')) {
      remove.push(p.slice(0, -1));
    }
  }
  for (const r of remove) {
    if (set.some(([k]) => k === r)) return { ok: false, message: `can not both modify and remove ${mode === 'label' ? 'a label' : 'an annotation'} in the same command` };
  }
  return { ok: true, value: { set, remove } };
}

/** Applies the updates to a map, or the overwrite error. */
function update(mode: Mode, current: Record<string, string> | undefined, u: Updates, overwrite: boolean): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const out = { ...(current ?? {}) };
  if (!overwrite) {
    const clashes: string[] = [];
    for (const [k, v] of u.set) {
      if (k in out && out[k] !== v) {
        if (mode === 'label') return { ok: false, message: `'${k}' already has a value (${out[k]}), and --overwrite is false` };
        clashes.push(`'${k}' already has a value (${out[k]})`);
      }
    }
    if (clashes.length > 0) return { ok: false, message: `--overwrite is false but found the following declared annotation(s): ${clashes.join('; ')}` };
  }
  for (const [k, v] of u.set) out[k] = v;
  for (const k of u.remove) delete out[k];
  return { ok: true, value: out };
}

function runLabelLike(mode: Mode, inv: Invocation) {
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  let warnings = dry.warning + recordWarning(inv);
  const { resources, pairs } = splitResourcesAndPairs(inv.args);
  const list = flagBool(inv, 'list');
  const local = flagBool(inv, 'local');
  const overwrite = flagBool(inv, 'overwrite');
  const noun = mode === 'label' ? 'label' : 'annotation';
  if (pairs.length === 0 && !list) return finish('', [plainErr(`at least one ${noun} update is required`)], warnings);
  if (local && resources.length > 0) return finish('', [plainErr('can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set')], warnings);
  if (local && flagList(inv, 'filename').length === 0) return finish('', [plainErr('one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json')], warnings);
  const parsed = parsePairs(mode, pairs);
  if (!parsed.ok) return finish('', [plainErr(parsed.message)], warnings);

  const collected = collectTargets(inv, resources, { fetchLive: !local, requireLive: true, allowSelectAll: true, local });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const output = flagString(inv, 'output');
  let stdout = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    const before = local ? t.manifest! : t.live;
    if (!before) continue;
    const field = mode === 'label' ? 'labels' : 'annotations';
    if (list) {
      const m = (before.metadata[field] as Record<string, string> | undefined) ?? {};
      for (const [k, v] of Object.entries(m)) stdout += `${k}=${v}\n`;
      continue;
    }
    const updated = update(mode, before.metadata[field] as Record<string, string> | undefined, parsed.value, overwrite);
    if (!updated.ok) {
      errors.push(plainErr(updated.message));
      continue;
    }
    if (mode === 'label' && !local && dry.value !== 'client') {
      // On its way to the server (not with --local or a client dry run), kubectl's
      // label tells on stdout about each removal that finds no such label.
      const current = (before.metadata.labels as Record<string, string> | undefined) ?? {};
      for (const k of parsed.value.remove) if (!(k in current)) stdout += `label ${goQuote(k)} not found.\n`;
    }
    const next = cloneJson(before);
    next.metadata[field] = updated.value;
    if (Object.keys(updated.value).length === 0 && before.metadata[field] === undefined) delete next.metadata[field];
    let message: string;
    if (mode === 'label') {
      const oldData = goJson(before);
      const newData = goJson(next);
      message = oldData === newData ? 'not labeled' : !overwrite && Buffer.byteLength(newData) < Buffer.byteLength(oldData) ? 'unlabeled' : 'labeled';
    } else message = 'annotated';
    let result = next;
    if (!local && dry.value !== 'client' && !deepEqual(next, before)) {
      const r = inv.ctx.sim.api.update(next, { dryRun: dry.value === 'server', user: inv.user, fieldManager: fieldManagerOf(inv) });
      if (!r.ok) {
        errors.push(statusErr(r.error));
        continue;
      }
      // The server's warnings (PodSecurity on a namespace lists the pods a new enforce level rejects).
      warnings += apiWarnings(r);
      // annotate prints the server's answer; label prints the object it labelled locally (info.Object),
      // so its managedFields are those read before the patch.
      if (mode === 'annotate') result = r.value;
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, t.name, message, local ? 'none' : dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors, warnings);
}

function flags(mode: Mode) {
  return [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'all', type: 'bool' as const, default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
    { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string' as const, default: mode === 'label' ? 'kubectl-label' : 'kubectl-annotate' },
    { name: 'field-selector', type: 'string' as const, default: '' },
    { name: 'list', type: 'bool' as const, default: false },
    { name: 'local', type: 'bool' as const, default: false },
    { name: 'overwrite', type: 'bool' as const, default: false },
    { name: 'record', type: 'bool' as const, default: false },
    { name: 'resource-version', type: 'string' as const, default: '' },
    { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  ];
}

export const labelCommand: CommandDef = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: flags('label'),
  run: (inv) => runLabelLike('label', inv),
};

export const annotateCommand: CommandDef = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: flags('annotate'),
  run: (inv) => runLabelLike('annotate', inv),
};
