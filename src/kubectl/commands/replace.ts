import { cloneJson, type KubeObject } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList } from './types.js';
import { withLastApplied, LAST_APPLIED } from './apply.js';
import {
  FILENAME_FLAGS,
  PRINT_FLAGS,
  checkWriteFlags,
  collectTargets,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
  statusErr,
  apiWarnings,
  type CmdError,
} from './write-helpers.js';
import { flagString } from './types.js';
import { fieldManagerOf } from './field-manager.js';

/**
 * `kubectl replace -f`: a PUT of each object (`replaced`); `--force`
 * deletes and re-creates it.
 *
 * @see k8s.io/kubectl/pkg/cmd/replace/replace.go
 */
function runReplace(inv: Invocation) {
  const checked = checkWriteFlags(inv);
  if (!checked.ok) return checked.result;
  const dry = checked.dry;
  const fieldValidation = checked.fieldValidation;
  let warnings = '';
  if (flagList(inv, 'filename').length === 0) return finish('', [plainErr('must specify --filename to replace')]);
  const collected = collectTargets(inv, [], { fetchLive: true, requireLive: true, verb: 'replacing' });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0 && errors.length === 0) return finish('', [plainErr('no objects passed to replace')]);
  const force = flagBool(inv, 'force');
  const sim = inv.ctx.sim;
  let stdout = '';
  const printed: KubeObject[] = [];
  const output = flagString(inv, 'output');
  for (const t of collected.targets) {
    let obj = cloneJson(t.manifest!);
    if (t.def.namespaced) obj.metadata.namespace = t.namespace;
    if (flagBool(inv, 'save-config') || obj.metadata.annotations?.[LAST_APPLIED] !== undefined) obj = withLastApplied(obj);
    if (force) {
      const d = sim.api.delete(t.def, t.namespace, t.name, { gracePeriodSeconds: 0, user: inv.user });
      if (!d.ok) {
        errors.push(statusErr(d.error, 'deleting', t.source));
        continue;
      }
      stdout += `${t.def.group ? `${t.def.kind.toLowerCase()}.${t.def.group}` : t.def.kind.toLowerCase()} "${t.name}" deleted\n`;
      sim.settle();
      const c = sim.api.create(obj, { user: inv.user, fieldValidation, fieldManager: fieldManagerOf(inv) });
      if (!c.ok) {
        errors.push(statusErr(c.error, 'creating', t.source));
        continue;
      }
      stdout += operationLine(t.def, t.name, 'replaced', 'none', output);
      continue;
    }
    // An unconditional update unless the file names a resourceVersion (then a stale one conflicts).
    obj.metadata.resourceVersion = t.manifest!.metadata.resourceVersion ?? t.live!.metadata.resourceVersion;
    let result: KubeObject = obj;
    if (dry !== 'client') {
      const r = sim.api.update(obj, { dryRun: dry === 'server', user: inv.user, fieldValidation, fieldManager: fieldManagerOf(inv) });
      if (!r.ok) {
        errors.push(statusErr(r.error, 'replacing', t.source));
        continue;
      }
      result = r.value;
      warnings += apiWarnings(r);
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, t.name, 'replaced', dry, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors, warnings);
}

export const replaceCommand: CommandDef = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'force', type: 'bool', default: false },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'wait', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
  ],
  run: runReplace,
};
