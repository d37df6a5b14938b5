import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { resourceKey } from '../../cluster/kinds/registry.js';
import { goDurationString } from '../../cluster/api/human-duration.js';
import { parseGoDuration } from '../parse/flags.js';
import type { CommandDef, Invocation } from './types.js';
import { flagString, usageError } from './types.js';
import { FILENAME_FLAGS, PRINT_FLAGS, collectTargets, finish, operationLine, plainErr, printObjectsText, printsObjects, type CmdError, type Target } from './write-helpers.js';

/**
 * `kubectl wait --for=delete|condition=C[=V]|jsonpath={…}=V`: lets simulated
 * time pass until every object meets the condition or --timeout (30s) runs out.
 *
 * @see k8s.io/kubectl/pkg/cmd/wait/wait.go
 */

type Condition = { kind: 'delete' } | { kind: 'condition'; type: string; value: string } | { kind: 'jsonpath'; path: string[]; value?: string } | { kind: 'create' };

function parseFor(spec: string): { ok: true; value: Condition } | { ok: false; message: string } {
  if (spec === 'delete') return { ok: true, value: { kind: 'delete' } };
  if (spec === 'create') return { ok: true, value: { kind: 'create' } };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = eq >= 0 ? rest.slice(0, eq) : rest;
    const value = eq >= 0 ? rest.slice(eq + 1) : 'true';
    return { ok: true, value: { kind: 'condition', type, value } };
  }
  if (spec.startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    const m = /^\{([^}]*)\}(?:=(.*))?$/.exec(rest);
    if (!m) return { ok: false, message: `unrecognized condition: "${spec}"` };
    const path = m[1].replace(/^\./, '').split('.').filter((p) => p !== '');
    return { ok: true, value: { kind: 'jsonpath', path, value: m[2] } };
  }
  return { ok: false, message: `unrecognized condition: "${spec}"` };
}

function conditionMet(obj: KubeObject, c: Condition): boolean {
  switch (c.kind) {
    case 'condition': {
      const conds = isDict(obj.status) && Array.isArray(obj.status.conditions) ? (obj.status.conditions as Dict[]) : [];
      const found = conds.find((x) => String(x.type).toLowerCase() === c.type.toLowerCase());
      if (!found) return false;
      // Stale conditions (an older generation) do not count.
      if (typeof found.observedGeneration === 'number' && obj.metadata.generation !== undefined && found.observedGeneration < obj.metadata.generation) return false;
      return String(found.status).toLowerCase() === c.value.toLowerCase();
    }
    case 'jsonpath': {
      let v: unknown = obj;
      for (const p of c.path) {
        const m = /^(\w+)\[(\d+)\]$/.exec(p);
        if (m) {
          v = isDict(v) ? v[m[1]] : undefined;
          v = Array.isArray(v) ? v[Number(m[2])] : undefined;
        } else v = isDict(v) ? v[p] : undefined;
      }
      if (c.value === undefined) return v !== undefined;
      return v !== undefined && String(v) === c.value;
    }
    default:
      return true;
  }
}

function runWait(inv: Invocation) {
  const forSpec = flagString(inv, 'for');
  if (forSpec === '') return usageError(inv, '--for must be specified');
  const cond = parseFor(forSpec);
  if (!cond.ok) return finish('', [plainErr(cond.message)]);
  const timeoutMs = parseGoDuration(flagString(inv, 'timeout')) ?? 30_000;
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: cond.value.kind !== 'delete', allowSelectAll: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0 && errors.length === 0) return finish('', [plainErr('no matching resources found')]);
  const sim = inv.ctx.sim;
  const deadline = sim.now() + Math.max(0, timeoutMs);
  let stdout = '';
  const pending: Target[] = [...collected.targets];
  const output = flagString(inv, 'output');
  // -o yaml|json|…: each object as it was when it met the condition (a deleted one as last seen).
  const printed: KubeObject[] = [];
  const done = (t: Target): KubeObject | undefined => {
    const cur = sim.store.get(resourceKey(t.def), t.def.namespaced ? t.namespace : '', t.name);
    if (cond.value.kind === 'delete') return !cur || cur.metadata.uid !== t.live?.metadata.uid ? t.live : undefined;
    if (!cur) return undefined;
    return conditionMet(cur, cond.value) ? cur : undefined;
  };
  while (true) {
    for (let i = 0; i < pending.length; ) {
      const met = done(pending[i]);
      if (met) {
        if (printsObjects(inv)) printed.push(met);
        else stdout += operationLine(pending[i].def, pending[i].name, 'condition met', 'none', output);
        pending.splice(i, 1);
      } else i++;
    }
    if (pending.length === 0 || sim.now() >= deadline || sim.frozen) break;
    const next = sim.clock.nextDueAt();
    sim.advanceTo(next !== undefined && next <= deadline ? Math.max(next, sim.now() + 1) : deadline);
  }
  for (const t of pending) {
    void goDurationString;
    const gone = !sim.store.get(resourceKey(t.def), t.def.namespaced ? t.namespace : '', t.name);
    if (gone && cond.value.kind !== 'delete') errors.push(plainErr(`${t.def.resource} "${t.name}" not found`));
    else errors.push(plainErr(`timed out waiting for the condition on ${t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource}/${t.name}`));
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors);
}

export const waitCommand: CommandDef = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    // kubectl wait reads -f recursively by default and has no -k.
    ...FILENAME_FLAGS.filter((f) => f.name !== 'kustomize').map((f) => (f.name === 'recursive' ? { ...f, default: true } : f)),
    // -o prints each object that met the condition instead of its "condition met" line.
    ...PRINT_FLAGS.filter((f) => f.name !== 'output'),
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'for', type: 'string', default: '' },
    { name: 'local', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'timeout', type: 'duration', default: '30s' },
  ],
  run: runWait,
};
