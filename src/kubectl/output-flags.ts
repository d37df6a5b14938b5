import type { KubeObject } from '../cluster/api/meta.js';
import { kindOf } from '../cluster/kinds/registry.js';
import { toJson } from './printers/json.js';
import { listWrapper, toYaml, toYamlDocuments } from './printers/yaml.js';
import { JsonPathPrinter } from './printers/jsonpath/index.js';
import { CustomColumnsError, CustomColumnsPrinter, templateReadError } from './printers/custom-columns.js';
import { GoTemplatePrinter } from './printers/go-template.js';

/**
 * kubectl's `-o` handling shared by every command that prints objects
 * (`get`, `create`, `apply`, `patch`, `label`…): format selection with
 * kubectl's "unable to match a printer" error, and printing objects as
 * yaml, json, name, jsonpath, custom-columns or go-template.
 *
 * @see k8s.io/cli-runtime/pkg/genericclioptions/print_flags.go
 */

/** Formats `kubectl get` accepts, in the order its error lists them. */
export const GET_OUTPUT_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

/** Formats of commands that print objects they changed (create, apply, patch…). */
export const OBJECT_OUTPUT_FORMATS = GET_OUTPUT_FORMATS.filter((f) => !f.startsWith('custom-columns') && f !== 'wide');

export type OutputFormat =
  | 'table'
  | 'wide'
  | 'yaml'
  | 'json'
  | 'name'
  | 'jsonpath'
  | 'jsonpath-as-json'
  | 'jsonpath-file'
  | 'custom-columns'
  | 'custom-columns-file'
  | 'go-template'
  | 'go-template-file';

export interface OutputSpec {
  format: OutputFormat;
  /** The text after `=` (`jsonpath={.x}`), or `--template`. */
  arg: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Parses `-o` (and `--template`): `''` is the table, `jsonpath=…`,
 * `custom-columns=…`, `go-template=…` take an argument.
 */
export function parseOutputFlag(output: string, allowed: readonly string[] = GET_OUTPUT_FORMATS, template = ''): Outcome<OutputSpec> {
  if (output === '') return { ok: true, value: { format: 'table', arg: '' } };
  const eq = output.indexOf('=');
  let name = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : template;
  if (name === 'template') name = 'go-template';
  if (name === 'templatefile') name = 'go-template-file';
  const known = allowed.includes(output.slice(0, eq >= 0 ? eq : undefined));
  if (!known) {
    return { ok: false, message: `unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}` };
  }
  if (['jsonpath', 'jsonpath-as-json', 'jsonpath-file'].includes(name) && arg === '') {
    return { ok: false, message: 'template format specified but no template given' };
  }
  if (['go-template', 'go-template-file'].includes(name) && arg === '') {
    return { ok: false, message: 'template format specified but no template given' };
  }
  if (['custom-columns'].includes(name) && arg === '') {
    return { ok: false, message: 'custom-columns format specified but no custom columns given' };
  }
  return { ok: true, value: { format: name as OutputFormat, arg } };
}

/** `deployment.apps`, `pod`: how `-o name` names a kind. */
export function kindString(obj: KubeObject): string {
  const def = kindOf(obj.apiVersion, obj.kind);
  const group = def ? def.group : obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const kind = (def?.kind ?? obj.kind).toLowerCase();
  return group ? `${kind}.${group}` : kind;
}

/** `-o name`: `deployment.apps/web`. */
export function nameLine(obj: KubeObject): string {
  return `${kindString(obj)}/${obj.metadata.name ?? ''}\n`;
}

export interface PrintObjectsOptions {
  /**
   * Wrap the objects in a `List` (kubectl get without a single named object).
   * Otherwise each object is printed in turn (`---` between YAML documents).
   */
  asList?: boolean;
  /** Reads `-o jsonpath-file=` / `custom-columns-file=` / `go-template-file=` files. */
  readFile?: (path: string) => string | undefined;
  /** `--show-managed-fields` (default false: managedFields are stripped). */
  showManagedFields?: boolean;
  /** `--no-headers` for custom-columns. */
  noHeaders?: boolean;
  /** `--allow-missing-template-keys` (default true). */
  allowMissingKeys?: boolean;
}

/**
 * Prints objects in a non-table format, as kubectl's printers do. Returns
 * the text or kubectl's error message (without `error: `).
 */
export function printObjects(objs: readonly KubeObject[], output: OutputSpec | string, opts: PrintObjectsOptions = {}): PrintOutcome {
  let spec: OutputSpec;
  if (typeof output === 'string') {
    const parsed = parseOutputFlag(output, GET_OUTPUT_FORMATS);
    if (!parsed.ok) return fail(parsed.message);
    spec = parsed.value;
  } else spec = output;
  const prepared = objs.map((o) => stripManagedFields(o, !!opts.showManagedFields));
  const target: unknown = opts.asList ? listWrapper(prepared) : undefined;
  switch (spec.format) {
    case 'yaml':
      return { ok: true, value: target !== undefined ? toYaml(target) : toYamlDocuments(prepared) };
    case 'json':
      return { ok: true, value: target !== undefined ? toJson(target) : prepared.map((o) => toJson(o)).join('') };
    case 'name':
      return { ok: true, value: objs.map(nameLine).join('') };
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      let template = spec.arg;
      if (spec.format === 'jsonpath-file') {
        const text = opts.readFile?.(spec.arg);
        if (text === undefined) return fail(`error reading template ${spec.arg}, open ${spec.arg}: no such file or directory`);
        template = text;
      }
      const values = target !== undefined ? [target] : prepared;
      const created = JsonPathPrinter.create(template, { allowMissingKeys: opts.allowMissingKeys ?? true, outputJson: spec.format === 'jsonpath-as-json' });
      if (!created.ok) return { ok: false, stderr: created.stderr };
      let out = '';
      for (const v of values) {
        const r = created.printer.print(v);
        if (!r.ok) return { ok: false, stderr: r.stderr, partial: out };
        out += r.stdout;
      }
      return { ok: true, value: out };
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      let printer: CustomColumnsPrinter;
      try {
        if (spec.format === 'custom-columns-file') {
          const text = opts.readFile?.(spec.arg);
          if (text === undefined) return { ok: false, stderr: `error: ${templateReadError(spec.arg, `open ${spec.arg}: no such file or directory`)}` };
          printer = CustomColumnsPrinter.fromTemplate(text);
        } else printer = CustomColumnsPrinter.fromSpec(spec.arg, !!opts.noHeaders);
      } catch (e) {
        if (e instanceof CustomColumnsError) return fail(e.message);
        throw e;
      }
      const out = printer.print(prepared);
      if (out.error !== undefined) return { ok: false, stderr: `error: ${out.error}\n`, partial: out.stdout };
      return { ok: true, value: out.stdout };
    }
    case 'go-template':
    case 'go-template-file': {
      let text = spec.arg;
      if (spec.format === 'go-template-file') {
        const t = opts.readFile?.(spec.arg);
        if (t === undefined) return { ok: false, stderr: `error: ${templateReadError(spec.arg, `open ${spec.arg}: no such file or directory`)}` };
        text = t;
      }
      const created = GoTemplatePrinter.create(text);
      if (!created.ok) return { ok: false, stderr: created.stderr };
      let out = '';
      for (const v of target !== undefined ? [target] : prepared) {
        const r = created.printer.print(v);
        if (!r.ok) return { ok: false, stderr: r.stderr, partial: out + r.stdout };
        out += r.stdout;
      }
      return { ok: true, value: out };
    }
    case 'table':
    case 'wide':
      return fail('table output is printed by the command');
  }
}

/** Printed text, or the complete stderr text kubectl writes (with `error: `), plus anything printed before the error. */
export type PrintOutcome = { ok: true; value: string } | { ok: false; stderr: string; partial?: string };

function fail(message: string): PrintOutcome {
  return { ok: false, stderr: `error: ${message}\n` };
}

function stripManagedFields(o: KubeObject, show: boolean): KubeObject {
  if (show || !o.metadata || !('managedFields' in o.metadata)) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}
