import { cloneJson, type KubeObject } from '../../cluster/api/meta.js';
import { malformedPatchBody, patchDocument, type PatchType } from '../../cluster/apiserver/patch/index.js';
import { goJsonUnmarshalError, parseYamlDocument } from '../manifests.js';
import type { CommandDef, Invocation } from './types.js';
import { fieldManagerOf } from './field-manager.js';
import { flagBool, flagString } from './types.js';
import {
  FILENAME_FLAGS,
  PRINT_FLAGS,
  apiWarnings,
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
  statusErr,
  type CmdError,
} from './write-helpers.js';

/**
 * `kubectl patch`: strategic (default), merge or JSON patches given inline
 * (`-p`, JSON or YAML) or from `--patch-file`, on server objects or
 * `--local -f` files; `patched` / `patched (no change)`.
 *
 * @see k8s.io/kubectl/pkg/cmd/patch/patch.go
 */

const PATCH_TYPES: Record<string, PatchType> = { json: 'json', merge: 'merge', strategic: 'strategic' };

export type PatchText = { ok: true; value: unknown } | { ok: false; invalidJson: string } | { ok: false; message: string };

/**
 * apimachinery's yaml.ToJSON: text starting with `{` is taken as JSON as is
 * (a malformed one fails later, in the patch); anything else is YAML.
 */
export function parsePatchText(text: string): PatchText {
  if (/^\s*\{/.test(text)) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, invalidJson: text };
    }
  }
  const doc = parseYamlDocument(text);
  if (doc.type === 'syntax') {
    return { ok: false, message: `unable to parse ${goQuoted(text)}: ${doc.message.replace(/^error converting YAML to JSON: /, '')}` };
  }
  return { ok: true, value: doc.value };
}

function goQuoted(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** What each patch library says about a malformed JSON document (client side, --local). */
function invalidJsonMessage(type: PatchType, text: string): string {
  if (type === 'strategic') return 'invalid JSON document';
  if (type === 'merge') return 'Invalid JSON Patch';
  return goJsonSyntaxError(text);
}

/** encoding/json's Unmarshal error for malformed input (the first problem only). */
export function goJsonSyntaxError(text: string): string {
  return goJsonUnmarshalError(text) ?? '';
}

function runPatch(inv: Invocation) {
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  let warnings = dry.warning + recordWarning(inv);
  const patchArg = flagString(inv, 'patch');
  const patchFile = flagString(inv, 'patch-file');
  const local = flagBool(inv, 'local');
  if (patchArg !== '' && patchFile !== '') return finish('', [plainErr('cannot specify --patch and --patch-file together')], warnings);
  if (patchArg === '' && patchFile === '') return finish('', [plainErr('must specify --patch or --patch-file containing the contents of the patch')], warnings);
  if (local && inv.args.length > 0) return finish('', [plainErr('cannot specify --local and server resources')], warnings);
  if (local && dry.value === 'server') return finish('', [plainErr('cannot specify --local and --dry-run=server - did you mean --dry-run=client?')], warnings);
  const typeArg = flagString(inv, 'type');
  const type = PATCH_TYPES[typeArg.toLowerCase()];
  if (!type) return finish('', [plainErr(`--type must be one of [json merge strategic], not "${typeArg}"`)], warnings);
  const subresource = flagString(inv, 'subresource');
  if (subresource !== '' && subresource !== 'status' && subresource !== 'scale') {
    return finish('', [plainErr(`invalid subresource value: "${subresource}". Must be one of [status scale]`)], warnings);
  }

  let text = patchArg;
  if (patchFile !== '') {
    const content = inv.ctx.fs.readFile(patchFile);
    if (content === undefined) return finish('', [plainErr(`unable to read patch file: open ${patchFile}: no such file or directory`)], warnings);
    text = content;
  }
  const parsed = parsePatchText(text);
  if (!parsed.ok && 'message' in parsed) return finish('', [plainErr(parsed.message)], warnings);

  const collected = collectTargets(inv, inv.args, { fetchLive: !local, requireLive: true, local });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  if (errors.length > 0) return finish('', errors, warnings);
  const output = flagString(inv, 'output');
  let stdout = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    if (local) {
      if (!parsed.ok) return finish(stdout, [plainErr(invalidJsonMessage(type, text))], warnings);
      const out = patchDocument(cloneJson(t.manifest!) as unknown as Record<string, unknown>, type, parsed.value);
      if (!out.ok) return finish(stdout, [plainErr(out.message)], warnings);
      if (printsObjects(inv)) printed.push(out.value as unknown as KubeObject);
      else stdout += operationLine(t.def, t.name, 'patched', 'none', output);
      continue;
    }
    // kubectl sends a body that looks like JSON as is; the server's decoder rejects it.
    if (!parsed.ok) return finish(stdout, [statusErr(malformedPatchBody(type, goJsonSyntaxError(text)))], warnings);
    const sim = inv.ctx.sim;
    const r = sim.api.patch(t.def, t.namespace, t.name, type, parsed.value, {
      dryRun: dry.value !== 'none',
      user: inv.user,
      fieldManager: fieldManagerOf(inv),
      ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
    });
    if (!r.ok) return finish(stdout, [statusErr(r.error)], warnings);
    warnings += apiWarnings(r, warnings);
    let result = r.value;
    const changed = !deepEqual(result, t.live);
    if (flagBool(inv, 'record') && dry.value === 'none') {
      const rec = cloneJson(result);
      rec.metadata.annotations = { ...(rec.metadata.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl patch ${inv.args.join(' ')} --patch=${text} --record=true` };
      const u = sim.api.update(rec, { user: inv.user });
      if (u.ok) {
        warnings += apiWarnings(u, warnings);
        result = u.value;
      }
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(t.def, t.name, changed ? 'patched' : 'patched (no change)', dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed);
  return finish(stdout, errors, warnings);
}

export const patchCommand: CommandDef = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'patch-file', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'local', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    { name: 'record', type: 'bool', default: false },
    { name: 'subresource', type: 'string', default: '' },
  ],
  run: runPatch,
};
