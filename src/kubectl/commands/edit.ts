import { cloneJson, isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import type { StatusError } from '../../cluster/apiserver/status-errors.js';
import { kindOf } from '../../cluster/kinds/registry.js';
import { clientRng } from '../client-rng.js';
import { toJson } from '../printers/json.js';
import { toYaml } from '../printers/yaml.js';
import { parseManifest, parseYamlDocument } from '../manifests.js';
import type { KubectlResult } from '../context.js';
import type { CommandDef, Invocation } from './types.js';
import { fieldManagerOf } from './field-manager.js';
import { flagBool, flagString } from './types.js';
import { twoWayMergePatch, withLastApplied } from './apply.js';
import {
  FILENAME_FLAGS,
  apiWarnings,
  collectTargets,
  deepEqual,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  recordChangeCause,
  recordWarning,
  validationDirective,
  type Target,
} from './write-helpers.js';

/**
 * `kubectl edit`: opens the objects in the editor (`ctx.edit`) under
 * kubectl's header, then sends each changed object as a strategic merge
 * patch (with `--validate`'s fieldValidation). Syntax errors and objects the
 * server finds invalid re-open the editor with the reasons in the header; an
 * unchanged second try gives up and keeps the file.
 *
 * @see k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go
 */

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The subresources `--subresource` accepts for edit in v1.32. */
const SUBRESOURCES = ['status'];

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

/** Continues a multi-line reason as comment lines (a line already starting with `#` is left alone). */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
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

/** Whether any line has content that is not a comment (an empty file aborts the edit). */
function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && !t.startsWith('#');
  });
}

/** Go's %q for the messages that quote file names and object names. */
const q = (s: string) => JSON.stringify(s);

/** The editor gives up after this many rounds (kubectl loops until the user stops; a script cannot). */
const MAX_ROUNDS = 20;

function resourceString(t: Target): string {
  return t.def.group ? `${t.def.resource}.${t.def.group}` : t.def.resource;
}

function stripManaged(o: KubeObject): KubeObject {
  const c = cloneJson(o);
  delete c.metadata.managedFields;
  return c;
}

function runEdit(inv: Invocation): KubectlResult {
  const edit = inv.ctx.edit;
  if (!edit) return finish('', [plainErr('kubectl edit needs an editor: set KUBE_EDITOR or EDITOR')]);
  const warnings = recordWarning(inv);
  const output = flagString(inv, 'output');
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true });
  if (!collected.ok) return collected.result;
  if (collected.errors.length > 0) return finish('', collected.errors, warnings);
  const validation = validationDirective(inv);
  if (!validation.ok) return finish('', [plainErr(validation.message)], warnings);
  const subresource = flagString(inv, 'subresource');
  if (subresource !== '' && !SUBRESOURCES.includes(subresource)) {
    return finish('', [plainErr(`invalid subresource value: ${q(subresource)}. Must be one of [${SUBRESOURCES.join(' ')}]`)], warnings);
  }
  const targets = collected.targets;
  if (targets.length === 0) return finish('', [plainErr('edit cancelled, no objects found')], warnings);
  // The editor's printer knows only json and yaml; json comes without the commented header.
  if (output !== '' && output !== 'yaml' && output !== 'json') {
    return finish('', [plainErr(`unable to match a printer suitable for the output format ${q(output)}, allowed formats are: json,yaml`)], warnings);
  }
  const json = output === 'json';
  const ext = json ? '.json' : '.yaml';
  const sim = inv.ctx.sim;
  const crlf = flagBool(inv, 'windows-line-endings');
  const serialize = (objs: KubeObject[]) => {
    // edit builds its own List: empty metadata, no resourceVersion.
    const v = objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
    return json ? toJson(v) : toYaml(v);
  };
  const rng = clientRng(sim);

  let stdout = '';
  let stderr = warnings;
  const done = (exitCode: number, tail = ''): KubectlResult => ({ stdout, stderr: stderr + tail, exitCode });
  /** preservedFile: the error, after saying where the user's text was kept. */
  const preserved = (message: string, file: string) => done(1, `${file ? `A copy of your changes has been stored to ${q(file)}\n` : ''}error: ${message}\n`);

  let reasons: Reason[] = [];
  let containsError = false;
  let original = '';
  let edited = '';
  let file = '';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let buffer = json ? '' : header(reasons);
    if (!containsError) {
      buffer += serialize(targets.map((t) => stripManaged(t.live!)));
      original = buffer;
    } else {
      // The user's own text again, under the new header.
      buffer += manualStrip(edited);
    }
    if (crlf) buffer = buffer.replace(/\r?\n/g, '\r\n');
    const previous = edited;
    // os.CreateTemp's name: the prefix, a random decimal uint32, the extension.
    file = `/tmp/kubectl-edit-${rng.int(2 ** 32)}${ext}`;
    const result = edit(buffer, ext);
    if (!result.ok) return preserved(result.message, '');
    edited = crlf ? result.text.replace(/\r\n/g, '\n') : result.text;
    if (crlf) original = original.replace(/\r\n/g, '\n');

    if (containsError && stripComments(previous) === stripComments(edited)) return preserved('Edit cancelled, no valid changes were saved.', file);
    reasons = [];
    // Unless --validate=ignore, the text is parsed before anything else
    // (ParamVerifyingSchema.ValidateBytes): a YAML error or a document that is
    // not an object is "invalid" before it is even compared with the original.
    if (validation.value !== 'Ignore') {
      const problem = validationProblem(stripComments(edited));
      if (problem) {
        const t = targets[0];
        reasons.push({ head: `${resourceString(t)} ${q(t.name)} was not valid`, other: [`<nil>: Invalid value: "The edited file failed validation": ${problem}`] });
        stderr += `error: ${resourceString(t)} ${q(t.name)} is invalid\n`;
        containsError = true;
        continue;
      }
    }
    if (stripComments(original) === stripComments(edited)) return done(0, 'Edit cancelled, no changes made.\n');
    if (!hasLines(edited)) return done(0, 'Edit cancelled, saved file was empty.\n');

    const parsed = parseManifest(edited, 'edited-file');
    const syntax = parsed.find((e) => e.type === 'error');
    if (syntax && syntax.type === 'error') {
      reasons.push({ head: `The edited file had a syntax error: ${syntax.message}`, other: [] });
      containsError = true;
      continue;
    }
    containsError = false;
    const objs = parsed.flatMap((e) => (e.type === 'object' ? [e.object] : []));

    // The namespace may not move (resource.RequireNamespace); a missing one is the command's.
    for (const o of objs) {
      const def = kindOf(o.apiVersion, o.kind);
      if (!def?.namespaced) continue;
      const ns = o.metadata?.namespace;
      if (ns && ns !== inv.namespace) {
        return preserved(`the namespace from the provided object ${q(ns)} does not match the namespace ${q(inv.namespace)}. You must pass '--namespace=${ns}' to perform this operation.`, file);
      }
    }

    let invalid = 0;
    let notFound = 0;
    let retryable = 0;
    for (const obj of objs) {
      // Edited objects are matched to what was opened by uid, so a renamed object is caught below.
      const t = targets.find((x) => x.live?.metadata.uid === obj.metadata?.uid) ?? (obj.metadata?.uid ? undefined : targets.find((x) => x.name === obj.metadata?.name && kindOf(obj.apiVersion, obj.kind) === x.def));
      if (!t) return preserved(`no original object found for ${obj.kind ?? ''} ${q(obj.metadata?.name ?? '')}`, file);
      const before = stripManaged(t.live!);
      const after = cloneJson(obj);
      delete after.metadata.managedFields;
      if (t.def.namespaced && !after.metadata.namespace) after.metadata.namespace = t.namespace;
      recordChangeCause(inv, after);
      const saved = flagBool(inv, 'save-config') ? withLastApplied(after) : after;
      if (deepEqual(saved, before)) {
        stdout += printed(inv, t, t.live!, 'skipped');
        continue;
      }
      if (saved.apiVersion !== before.apiVersion || saved.kind !== before.kind || saved.metadata.name !== before.metadata.name) {
        return preserved('At least one of apiVersion, kind and name was changed', file);
      }
      const patch = twoWayMergePatch(before as unknown as Dict, saved as unknown as Dict);
      if (flagBool(inv, 'output-patch')) stdout += `Patch: ${goJsonCompact(patch)}\n`;
      const r = sim.api.patch(t.def, t.namespace, t.name, 'strategic', patch, {
        user: inv.user,
        fieldManager: fieldManagerOf(inv),
        fieldValidation: validation.value,
        ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
      });
      if (!r.ok) {
        const line = addError(r.error, t, reasons);
        if (r.error.reason === 'Invalid') invalid++;
        else if (r.error.reason === 'NotFound') notFound++;
        else retryable++;
        stderr += `${line}\n`;
        continue;
      }
      stderr += apiWarnings(r);
      t.live = r.value;
      stdout += printed(inv, t, r.value, 'edited');
    }
    if (retryable > 0) return done(1, `You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
    if (notFound > 0) return done(1, `The edits you made on deleted resources have been saved to ${q(file)}\n`);
    if (invalid === 0) return done(0);
    containsError = reasons.length > 0;
  }
  return preserved('Edit cancelled, no valid changes were saved.', file);
}

/**
 * What kubectl's client-side check of the edited text finds before sending
 * anything: YAML that does not parse, or a first document that is not an
 * object with apiVersion and kind.
 *
 * @see k8s.io/kubectl/pkg/validation/schema.go paramVerifyingSchema.ValidateBytes, getObjectKind
 */
function validationProblem(text: string): string | undefined {
  const doc = parseYamlDocument(text);
  if (doc.type === 'syntax') return doc.message.replace(/^error converting YAML to JSON: /, '');
  if (!isDict(doc.value)) return 'invalid object to validate';
  if (doc.value.apiVersion === undefined || doc.value.apiVersion === null) return 'apiVersion not set';
  if (doc.value.kind === undefined || doc.value.kind === null) return 'kind not set';
  return undefined;
}

/** editResults.addError: the line kubectl prints at once, and for Invalid the reason for the next header. */
function addError(err: StatusError, t: Target, reasons: Reason[]): string {
  const rs = resourceString(t);
  if (err.reason === 'Invalid') {
    reasons.push({ head: `${rs} ${q(t.name)} was not valid`, other: (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`) });
    return `error: ${rs} ${q(t.name)} is invalid`;
  }
  if (err.reason === 'NotFound') return `error: ${rs} ${q(t.name)} could not be found on the server`;
  return `error: ${rs} ${q(t.name)} could not be patched: ${err.message}`;
}

/** The line for an object: `-o yaml|json` prints the object itself, otherwise `kind/name verb`. */
function printed(inv: Invocation, t: Target, obj: KubeObject, verb: string): string {
  const output = flagString(inv, 'output');
  if (output === 'yaml' || output === 'json') return printObjectsText(inv, [obj]);
  return operationLine(t.def, t.name, verb, 'none', '');
}

/** Go's json.Marshal of a decoded map: compact, keys sorted, HTML characters escaped. */
function goJsonCompact(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (isDict(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])]));
    return x;
  };
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export const editCommand: CommandDef = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    ...FILENAME_FLAGS,
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'output-patch', type: 'bool', default: false },
    // Deprecated and hidden in kubectl's help, still accepted (with pflag's notice).
    { name: 'record', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
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
