import { cloneJson, type KubeObject } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { withLastApplied } from './apply.js';
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
  recordWarning,
} from './write-helpers.js';
import { CREATE_SUBCOMMANDS } from './create-generators.js';
import { fieldManagerOf } from './field-manager.js';

/**
 * `kubectl create -f`: creates each object of the manifests, in order;
 * existing objects fail with AlreadyExists, the others are still created.
 *
 * @see k8s.io/kubectl/pkg/cmd/create/create.go
 */
function runCreate(inv: Invocation) {
  const checked = checkWriteFlags(inv);
  if (!checked.ok) return checked.result;
  const dry = checked.dry;
  const fieldValidation = checked.fieldValidation;
  let warnings = checked.dryWarning + recordWarning(inv);
  const filenames = flagList(inv, 'filename');
  if (inv.args.length > 0) return usageError(inv, `Unexpected args: [${inv.args.join(' ')}]`);
  if (filenames.length === 0 && flagString(inv, 'kustomize') === '') return finish('', [plainErr('must specify one of -f and -k')], warnings);
  const collected = collectTargets(inv, [], { fetchLive: false });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (collected.targets.length === 0 && errors.length === 0) return finish('', [plainErr('no objects passed to create')], warnings);
  const output = flagString(inv, 'output');
  let stdout = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    let obj = cloneJson(t.manifest!);
    if (t.def.namespaced) obj.metadata.namespace = t.namespace;
    if (flagBool(inv, 'save-config')) obj = withLastApplied(obj);
    let result: KubeObject = obj;
    if (dry !== 'client') {
      const r = inv.ctx.sim.api.create(obj, { dryRun: dry === 'server', user: inv.user, fieldValidation, fieldManager: fieldManagerOf(inv) });
      if (!r.ok) {
        errors.push(statusErr(r.error, 'creating', t.source));
        continue;
      }
      result = r.value;
      warnings += apiWarnings(r);
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, result.metadata.name ?? t.name, 'created', dry, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors, warnings);
}

export const createCommand: CommandDef = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'edit', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-create' },
    { name: 'raw', type: 'string', default: '' },
    { name: 'record', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'windows-line-endings', type: 'bool', default: false },
  ],
  run: runCreate,
  subcommands: CREATE_SUBCOMMANDS,
};
