import { cloneJson, isDict, type KubeObject } from '../../cluster/api/meta.js';
import { kindOf } from '../../cluster/kinds/registry.js';
import { toJson } from '../printers/json.js';
import { listWrapper, toYaml } from '../printers/yaml.js';
import { parseManifest } from '../manifests.js';
import type { CommandDef, Invocation } from './types.js';
import { flagString } from './types.js';
import {
  FILENAME_FLAGS,
  collectTargets,
  deepEqual,
  finish,
  kindString,
  operationLine,
  plainErr,
  recordChangeCause,
  recordWarning,
  statusErr,
  type CmdError,
  type Target,
} from './write-helpers.js';

/**
 * `kubectl edit`: opens the objects in the editor (`ctx.edit`), with
 * kubectl's header; saves the changes; on an invalid result re-opens the
 * editor with the errors in the header, as kubectl does.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go
 */

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

function hashOnLineBreak(s: string): string {
  return s.replace(/\n/g, '\n# ');
}

/** cmdutil.ManualStrip: the text without its comment lines. */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

/** cmdutil.StripComments: drops lines whose first non-space character is `#`. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

const MAX_ROUNDS = 20;

function runEdit(inv: Invocation) {
  const edit = inv.ctx.edit;
  if (!edit) return finish('', [plainErr('kubectl edit needs an editor: set KUBE_EDITOR or EDITOR')]);
  const output = flagString(inv, 'output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') return finish('', [plainErr(`the edit mode doesn't support output the format "${output}"`)]);
  const warnings = recordWarning(inv);
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true, allowSelectAll: true });
  if (!collected.ok) return collected.result;
  if (collected.errors.length > 0) return finish('', collected.errors, warnings);
  let targets = collected.targets;
  if (targets.length === 0) return finish('', [plainErr('edit cancelled, no objects found')], warnings);
  const ext = output === 'json' ? '.json' : '.yaml';
  const serialize = (objs: KubeObject[]) => {
    const v = objs.length === 1 ? objs[0] : listWrapper(objs);
    return output === 'json' ? toJson(v) : toYaml(v);
  };
  const sim = inv.ctx.sim;
  const file = `/tmp/kubectl-edit-${String(sim.now() % 1e10).padStart(10, '0')}${ext}`;
  let reasons: Reason[] = [];
  // The body under the header: the objects, or after an error the user's own text (comments stripped).
  let body = serialize(targets.map((t) => stripManaged(t.live!)));
  const original = body;
  let stdout = '';
  const errors: CmdError[] = [];
  let containsError = false;
  let previousEdited: string | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const buffer = header(reasons) + body;
    const result = edit(buffer, ext);
    if (!result.ok) return finish(stdout, [plainErr(result.message)], warnings);
    const edited = result.text;
    if (containsError && previousEdited !== undefined && stripComments(edited) === stripComments(previousEdited)) {
      return { stdout, stderr: `${warnings}A copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`, exitCode: 1 };
    }
    if (stripComments(edited) === stripComments(original)) return { stdout, stderr: `${warnings}Edit cancelled, no changes made.\n`, exitCode: 0 };
    if (stripComments(edited).trim() === '') return { stdout, stderr: `${warnings}Edit cancelled, saved file was empty.\n`, exitCode: 0 };
    previousEdited = edited;
    body = manualStrip(edited);
    reasons = [];
    containsError = false;
    const parsed = parseManifest(edited, 'edited-file');
    const syntax = parsed.find((e) => e.type === 'error');
    if (syntax && syntax.type === 'error') {
      reasons.push({ head: `The edited file had a syntax error: ${syntax.message}`, other: [] });
      containsError = true;
      continue;
    }
    const objs = parsed.flatMap((e) => (e.type === 'object' ? [e.object] : []));
    const remaining: Target[] = [];
    for (const t of targets) {
      const obj = objs.find((o) => o.metadata?.name === t.name && kindOf(o.apiVersion, o.kind) === t.def);
      if (!obj) {
        if (objs.length === targets.length) {
          reasons.push({ head: 'At least one of apiVersion, kind and name was changed', other: [] });
          containsError = true;
          remaining.push(t);
        }
        continue;
      }
      const live = sim.store.get(resourceKeyOf(t), t.def.namespaced ? t.namespace : '', t.name);
      if (!live) {
        errors.push(statusErr({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource} "${t.name}" not found` }));
        continue;
      }
      const original = stripManaged(t.live!);
      if (deepEqual(comparable(obj), comparable(original))) {
        stdout += operationLine(t.def, t.name, 'skipped', 'none', '');
        continue;
      }
      const next = cloneJson(obj);
      next.metadata.resourceVersion = live.metadata.resourceVersion;
      if (t.def.namespaced) next.metadata.namespace = t.namespace;
      recordChangeCause(inv, next);
      const r = sim.api.update(next, { user: inv.user });
      if (!r.ok) {
        if (r.error.reason === 'Invalid') {
          const causes = r.error.details?.causes ?? [];
          reasons.push({ head: `${kindStringPlural(t)} "${t.name}" was not valid`, other: causes.map((c) => `${c.field}: ${c.message}`) });
          containsError = true;
          remaining.push(t);
          continue;
        }
        errors.push(statusErr(r.error));
        continue;
      }
      stdout += operationLine(t.def, t.name, 'edited', 'none', '');
    }
    if (!containsError) break;
    targets = remaining;
  }
  sim.settle();
  if (errors.length > 0) return { stdout, stderr: `${warnings}A copy of your changes has been stored to "${file}"\n${renderFor(errors)}`, exitCode: 1 };
  if (containsError) return { stdout, stderr: `${warnings}A copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`, exitCode: 1 };
  return finish(stdout, [], warnings);
}

function renderFor(errors: CmdError[]): string {
  return finish('', errors).stderr;
}

function resourceKeyOf(t: Target): string {
  return t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource;
}

function kindStringPlural(t: Target): string {
  void kindString;
  return resourceKeyOf(t);
}

function stripManaged(o: KubeObject): KubeObject {
  const c = cloneJson(o);
  delete c.metadata.managedFields;
  return c;
}

/** What counts as an edit: everything but server-owned status. */
function comparable(o: KubeObject): unknown {
  const c = cloneJson(o) as Record<string, unknown>;
  if (isDict(c.metadata)) delete c.metadata.managedFields;
  return c;
}

export const editCommand: CommandDef = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'output-patch', type: 'bool', default: false },
    { name: 'record', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'windows-line-endings', type: 'bool', default: false },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ],
  run: runEdit,
};
