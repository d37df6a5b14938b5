import { cloneJson, isDict, type Dict } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString, usageError } from './types.js';
import { collectTargets, dryRunStrategy, finish, operationLine, plainErr, printObjectsText, printsObjects, statusErr, type CmdError } from './write-helpers.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import { fieldManagerOf } from './field-manager.js';

/**
 * `kubectl taint nodes NODE key=value:Effect | key:Effect- | key-`.
 *
 * @see k8s.io/kubectl/pkg/cmd/taint/taint.go, utils.go (ParseTaints, ReorganizeTaints)
 */

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function taintString(t: Taint): string {
  let s = t.key;
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

function parseTaint(st: string): { ok: true; taint: Taint } | { ok: false; message: string } {
  const parts = st.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) return { ok: false, message: `invalid taint effect: ${effect}, unsupported taint effect` };
    const kv = parts[0].split('=');
    if (kv.length > 2) return { ok: false, message: `invalid taint spec: ${st}` };
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      if (!LABEL_VALUE_RE.test(value)) {
        return {
          ok: false,
          message: `invalid taint spec: ${st}, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        };
      }
    }
  } else return { ok: false, message: `invalid taint spec: ${st}` };
  if (!QUALIFIED_NAME_RE.test(key)) {
    return {
      ok: false,
      message: `invalid taint spec: ${st}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    };
  }
  return { ok: true, taint: { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) } };
}

function runTaint(inv: Invocation) {
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of inv.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length > 0) return finish('', [plainErr(`all resources must be specified before taint changes: ${a}`)]);
    else resources.push(a);
  }
  const all = flagBool(inv, 'all');
  if (specs.length === 0) return usageError(inv, 'at least one taint update is required');
  if (resources.length === 0 && !all && flagString(inv, 'selector') === '') {
    return usageError(inv, 'you must provide one or more resources by argument or filename'.replace('you', 'You'));
  }
  const type = resources[0];
  if (type !== undefined && !['node', 'nodes', 'no'].includes(type.split('/')[0])) {
    return finish('', [plainErr(`invalid resource type ${type.split('/')[0]}, only node types are supported`)]);
  }
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const p = parseTaint(s.slice(0, -1));
      if (!p.ok) return usageError(inv, p.message);
      remove.push(p.taint);
    } else {
      const p = parseTaint(s);
      if (!p.ok) return usageError(inv, p.message);
      if (!p.taint.effect) return usageError(inv, `invalid taint spec: ${s}`);
      if (add.some((t) => t.key === p.taint.key && t.effect === p.taint.effect)) {
        return usageError(inv, `duplicated taints with the same key and effect: ${JSON.stringify(p.taint)}`);
      }
      add.push(p.taint);
    }
  }
  for (const r of remove) {
    if (add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))) {
      return finish('', [plainErr('can not both modify and remove the following taint(s) in the same command: ' + r.key)]);
    }
  }
  const args = all ? ['nodes'] : resources.length === 1 && !resources[0].includes('/') ? [resources[0]] : resources;
  const collected = collectTargets(inv, args, { fetchLive: true, requireLive: true, allowSelectAll: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  let stdout = '';
  const printed: KubeObject[] = [];
  const overwrite = flagBool(inv, 'overwrite');
  for (const t of collected.targets) {
    const node = cloneJson(t.live!);
    const spec = (isDict(node.spec) ? node.spec : (node.spec = {})) as Dict;
    const current = (Array.isArray(spec.taints) ? spec.taints : []) as Taint[];
    if (!overwrite) {
      const exists = add.filter((a) => current.some((c) => c.key === a.key && c.effect === a.effect)).map((a) => a.key);
      if (exists.length > 0) {
        errors.push(plainErr(`Node ${t.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
        continue;
      }
    }
    // reorganizeTaints: the new taints first, then the old ones none of them
    // replaces (same key and effect), then the removals. "added" is kubectl's
    // own measure (the list changed length) and "deleted" the LAST removal's
    // outcome, which is what decides between tainted, untainted and modified.
    // No timeAdded, even for NoExecute: kubectl leaves it unset (the taint manager times from when it sees the taint).
    let next: Taint[] = add.map((a) => ({ ...a }));
    for (const c of current) if (!next.some((n) => n.key === c.key && n.effect === c.effect)) next.push(c);
    const added = current.length !== next.length;
    let deleted = false;
    const notFound: string[] = [];
    for (const r of remove) {
      const before = next.length;
      next = next.filter((c) => !(c.key === r.key && (!r.effect || c.effect === r.effect)));
      deleted = next.length !== before;
      if (!deleted) notFound.push(`taint ${JSON.stringify(taintString(r))} not found`);
    }
    if (notFound.length > 0) {
      errors.push(plainErr(notFound.length === 1 ? notFound[0] : `[${notFound.join(', ')}]`));
      continue;
    }
    const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    if (next.length > 0) spec.taints = next;
    else delete spec.taints;
    let result = node;
    if (dry.value !== 'client') {
      const r = inv.ctx.sim.api.update(node, { dryRun: dry.value === 'server', user: inv.user, fieldManager: fieldManagerOf(inv) });
      if (!r.ok) {
        errors.push(statusErr(r.error));
        continue;
      }
      result = r.value;
    }
    // -o yaml|json|…: the node as the server returned it, each in turn.
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, t.name, operation, dry.value, flagString(inv, 'output'));
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors, dry.warning);
}

export const taintCommand: CommandDef = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'all', type: 'bool', default: false },
    { name: 'overwrite', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ],
  run: runTaint,
};
