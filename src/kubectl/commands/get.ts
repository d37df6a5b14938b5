import type { KubeObject } from '../../cluster/api/meta.js';
import { convertFieldSelector, fieldsMatch, parseFieldSelector as parseFieldTerms, selectableFields, SelectorParseError, type FieldRequirement } from '../../cluster/store/selectors.js';
import { matchesRequirements } from '../../cluster/api/labels.js';
import type { StatusError } from '../../cluster/apiserver/status-errors.js';
import { allKinds as kindsInRegistry, apiVersionOf, kindOf, type KindDefinition } from '../../cluster/kinds/registry.js';
import { readManifests } from '../manifests.js';
import { parseExact } from '../../cluster/apiserver/validation/quantity.js';
import { buildTable } from '../../cluster/tables/index.js';
import type { KubectlResult } from '../context.js';
import { GET_OUTPUT_FORMATS, parseOutputFlag, printObjects, type OutputSpec } from '../output-flags.js';
import {
  fetchResources,
  kindPrefix,
  parseResourceArgs,
  resolveResourceArgs,
  serverErrorText,
  type FetchResult,
  type ResolvedResources,
  type ResourceInfo,
} from '../parse/resource-args.js';
import { JsonPath, JsonPathSyntaxError } from '../printers/jsonpath/index.js';
import { printTable } from '../printers/table-printer.js';
import { goSort } from '../printers/describe/go-sort.js';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter.js';
import { parseLabelSelector } from './write-helpers.js';
import { flagBool, flagList, flagString, type CommandDef, type Invocation } from './types.js';
import type { FlagSpec } from '../parse/flags.js';

/**
 * `kubectl get`: server-side tables laid out by kubectl's table printer,
 * `-o wide|name|yaml|json|jsonpath=…`, `-A`, `-l`, `--field-selector`,
 * `--show-labels`, `-L`, `--no-headers`, `--sort-by`, `--show-kind`,
 * several kinds at once, `get all`, `--watch`.
 *
 * @see k8s.io/kubectl/pkg/cmd/get/get.go
 */
export const GET_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
  { name: 'ignore-not-found', type: 'bool', default: false },
  { name: 'kustomize', short: 'k', type: 'string', default: '' },
  { name: 'label-columns', short: 'L', type: 'stringSlice', default: [] },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'output-watch-events', type: 'bool', default: false },
  { name: 'raw', type: 'string', default: '' },
  { name: 'recursive', short: 'R', type: 'bool', default: false },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'show-kind', type: 'bool', default: false },
  { name: 'show-labels', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'subresource', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'watch', short: 'w', type: 'bool', default: false },
  { name: 'watch-only', type: 'bool', default: false },
];

const NO_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

export const getCommand: CommandDef = {
  name: 'get',
  short: 'Display one or many resources',
  flags: GET_FLAGS,
  run: runGet,
};

/** Reads objects the way `get`/`describe` do, with selectors applied; errors are kubectl's texts. */
export function readResources(
  inv: Invocation,
  args: readonly string[],
  opts: { allowEmptySelector?: boolean } = {},
): { ok: true; resolved: ResolvedResources; fetched: FetchResult } | { ok: false; stderr: string } {
  const filenames = flagList(inv, 'filename');
  if (filenames.length > 0) return readFromFiles(inv, args, filenames);
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return { ok: false, stderr: `error: ${parsed.message}\n` };
  const labelSelector = flagString(inv, 'selector');
  const fieldSelector = flagString(inv, 'field-selector');
  const resolved = resolveResourceArgs(parsed.value, {
    namespace: inv.namespace,
    allNamespaces: flagBool(inv, 'all-namespaces'),
    labelSelector,
    fieldSelector,
    allowEmptySelector: opts.allowEmptySelector ?? true,
  });
  if (!resolved.ok) return { ok: false, stderr: `error: ${resolved.message}\n` };
  const r = resolved.value;
  let match: ((o: KubeObject) => boolean) | undefined;
  if (r.labelSelector !== '' || r.fieldSelector !== '') {
    const ls = parseLabelSelector(r.labelSelector);
    if (!ls.ok) {
      const first = r.requests[0].def;
      return { ok: false, stderr: `Error from server (BadRequest): Unable to find "${gvrString(first)}" that match label selector "${r.labelSelector}", field selector "${r.fieldSelector}": ${ls.message}\n` };
    }
    const fs = parseFieldSelector(r.fieldSelector);
    const unsupported = fs.ok ? r.requests.map((q) => ({ def: q.def, field: unsupportedField(q.def, r.fieldSelector) })).find((x) => x.field !== undefined) : undefined;
    if (unsupported) {
      return {
        ok: false,
        stderr: `Error from server (BadRequest): Unable to find "${gvrString(unsupported.def)}" that match label selector "${r.labelSelector}", field selector "${r.fieldSelector}": ${unsupported.field}\n`,
      };
    }
    if (!fs.ok) {
      const first = r.requests[0].def;
      return { ok: false, stderr: `Error from server (BadRequest): Unable to find "${gvrString(first)}" that match label selector "${r.labelSelector}", field selector "${r.fieldSelector}": ${fs.message}\n` };
    }
    match = (o) => matchesRequirements(o.metadata.labels, ls.value) && fs.value(o);
  }
  const fetched = fetchResources(inv.ctx.sim, r, { match, user: inv.user });
  return { ok: true, resolved: r, fetched };
}

/**
 * `-f FILE|DIR|-`: the objects the manifests name, fetched by kind, namespace
 * and name (FilenameParam + visitByPaths).
 */
function readFromFiles(
  inv: Invocation,
  args: readonly string[],
  filenames: readonly string[],
): { ok: true; resolved: ResolvedResources; fetched: FetchResult } | { ok: false; stderr: string } {
  if (args.length > 0) return { ok: false, stderr: 'error: when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well\n' };
  const read = readManifests({ fs: inv.ctx.fs, stdin: inv.ctx.stdin }, filenames, flagBool(inv, 'recursive'));
  if (!read.ok) return { ok: false, stderr: `error: ${read.message}\n` };
  const groups: FetchResult['groups'] = [];
  const errors: StatusError[] = [];
  let stderr = '';
  for (const entry of read.entries) {
    if (entry.type === 'error') {
      stderr += `error: ${entry.message}\n`;
      continue;
    }
    const obj = entry.object;
    const def = kindOf(obj.apiVersion ?? '', obj.kind ?? '');
    if (!def) {
      stderr += `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${entry.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first\n`;
      continue;
    }
    const objNs = obj.metadata?.namespace ?? '';
    if (def.namespaced && inv.namespaceExplicit && objNs !== '' && objNs !== inv.namespace) {
      return { ok: false, stderr: `error: the namespace from the provided object "${objNs}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${objNs}' to perform this operation.\n` };
    }
    const namespace = def.namespaced ? objNs || inv.namespace : '';
    const name = obj.metadata?.name ?? '';
    const got = inv.ctx.sim.api.get(def, namespace, name, inv.user);
    const request = { def, typeArg: def.resource, names: [name] };
    if (!got.ok) {
      errors.push(got.error);
      groups.push({ request, infos: [] });
      continue;
    }
    groups.push({ request, infos: [{ def, namespace, name, object: got.value }] });
  }
  if (stderr !== '' && groups.length === 0) return { ok: false, stderr };
  const single = filenames.length === 1 && filenames[0] !== '-' && !inv.ctx.fs.isDirectory(filenames[0]);
  return {
    ok: true,
    resolved: {
      requests: groups.map((g) => g.request),
      namespace: inv.namespace,
      allNamespaces: false,
      labelSelector: '',
      fieldSelector: '',
      singleItemImplied: single,
      byName: true,
    },
    fetched: { groups, errors },
  };
}

/** `/v1, Resource=pods`, `apps/v1, Resource=deployments` (schema.GroupVersionResource.String()). */
function gvrString(def: KindDefinition): string {
  return `${def.group}/${def.version}, Resource=${def.resource}`;
}

/** The first field of a selector the kind cannot be selected on, with the server's message. */
function unsupportedField(def: KindDefinition, selector: string): string | undefined {
  if (selector.trim() === '') return undefined;
  let reqs: FieldRequirement[];
  try {
    reqs = parseFieldTerms(selector);
  } catch {
    return undefined;
  }
  const converted = convertFieldSelector(def.kind, reqs);
  return converted.ok ? undefined : converted.message;
}

/**
 * Field selectors (`status.phase=Running,spec.nodeName!=x`) as the API
 * server applies them: each kind's field label conversion and field set.
 */
export function parseFieldSelector(s: string): { ok: true; value: (o: KubeObject) => boolean } | { ok: false; message: string } {
  if (s.trim() === '') return { ok: true, value: () => true };
  let reqs: FieldRequirement[];
  try {
    reqs = parseFieldTerms(s);
  } catch (e) {
    if (e instanceof SelectorParseError) return { ok: false, message: e.message };
    throw e;
  }
  return {
    ok: true,
    value: (o) => {
      const converted = convertFieldSelector(o.kind, reqs);
      return fieldsMatch(converted.ok ? converted.reqs : reqs, selectableFields(o.kind, o, o.metadata.namespace !== undefined));
    },
  };
}

function runGet(inv: Invocation): KubectlResult {
  const args = inv.args;
  const output = flagString(inv, 'output');
  const template = flagString(inv, 'template');
  const showLabels = flagBool(inv, 'show-labels');
  const raw = flagString(inv, 'raw');
  if (raw !== '') return getRaw(inv, raw);
  if (args.length === 0 && flagList(inv, 'filename').length === 0) return { stdout: '', stderr: NO_TYPE, exitCode: 1 };
  if (flagBool(inv, 'output-watch-events') && !flagBool(inv, 'watch') && !flagBool(inv, 'watch-only')) {
    return { stdout: '', stderr: 'error: --output-watch-events option can only be used with --watch or --watch-only\n', exitCode: 1 };
  }
  if (showLabels && output !== '' && output !== 'wide') {
    return { stdout: '', stderr: `error: --show-labels option cannot be used with ${output} printer\n`, exitCode: 1 };
  }
  const read = readResources(inv, args);
  if (!read.ok) return { stdout: '', stderr: read.stderr, exitCode: 1 };
  const spec = parseOutputFlag(output, GET_OUTPUT_FORMATS, template);
  if (!spec.ok) return { stdout: '', stderr: `error: ${spec.message}\n`, exitCode: 1 };
  const ignoreNotFound = flagBool(inv, 'ignore-not-found');
  const errors = read.fetched.errors.filter((e) => !(ignoreNotFound && e.reason === 'NotFound'));
  const human = spec.value.format === 'table' || spec.value.format === 'wide';
  if (flagBool(inv, 'watch') || flagBool(inv, 'watch-only')) return runWatch(inv, read.resolved, read.fetched, spec.value, errors);
  return human ? printHuman(inv, read.resolved, read.fetched, spec.value, errors) : printGeneric(inv, read.resolved, read.fetched, spec.value, errors);
}

/** Simulated time `get --watch` follows changes for when no --request-timeout is given. */
export const DEFAULT_WATCH_MS = 60_000;

/**
 * `get -w` / `--watch-only`. The interpreter cannot stream, so a watch is
 * bounded: it prints the current table (unless --watch-only), then lets the
 * simulation run for `--request-timeout` (default {@link DEFAULT_WATCH_MS})
 * and prints every change to the watched objects as kubectl does, one row
 * per event without headers, through a tabwriter that remembers column
 * widths. With a frozen cluster nothing changes and only the table prints.
 */
function runWatch(inv: Invocation, resolved: ResolvedResources, fetched: FetchResult, spec: OutputSpec, errors: StatusError[]): KubectlResult {
  if (resolved.requests.length !== 1) {
    return { stdout: '', stderr: `error: watch is only supported on individual resources and resource collections, but ${resolved.requests.length} resources were found\n`, exitCode: 1 };
  }
  const req = resolved.requests[0];
  const def = req.def;
  const human = spec.format === 'table' || spec.format === 'wide';
  const watchOnly = flagBool(inv, 'watch-only');
  const withEvents = flagBool(inv, 'output-watch-events');
  const sim = inv.ctx.sim;
  const writer = new TabWriter(GET_TABWRITER);
  const printOpts = {
    wide: spec.format === 'wide',
    withNamespace: resolved.allNamespaces && def.namespaced,
    columnLabels: flagList(inv, 'label-columns'),
    showLabels: flagBool(inv, 'show-labels'),
  };
  let stdout = '';
  let headerDone = flagBool(inv, 'no-headers');
  const emitRows = (objs: readonly KubeObject[], eventType?: string) => {
    if (human) {
      const table = buildTable(def.kind, def.group, objs, sim.now());
      if (withEvents) {
        table.columns = [{ name: 'Event', type: 'string', priority: 0 }, ...table.columns];
        table.rows = table.rows.map((r) => ({ ...r, cells: [eventType ?? 'ADDED', ...r.cells] }));
      }
      writer.write(printTable(table, { ...printOpts, noHeaders: headerDone }));
      if (table.rows.length > 0) headerDone = true;
      stdout += writer.flush().take();
    } else {
      for (const o of objs) {
        const printed = printObjects([o], spec, { readFile: (p) => inv.ctx.fs.readFile(p) });
        if (printed.ok) stdout += printed.value;
      }
    }
  };
  if (!watchOnly) {
    const initial = fetched.groups.flatMap((g) => g.infos.map((i) => i.object));
    if (initial.length > 0) emitRows(initial);
  }
  const key = def.group ? `${def.resource}.${def.group}` : def.resource;
  const names = req.names;
  const labelSel = parseLabelSelector(resolved.labelSelector);
  const fieldSel = parseFieldSelector(resolved.fieldSelector);
  const matches = (o: KubeObject) => {
    if (def.namespaced && !resolved.allNamespaces && (o.metadata.namespace ?? '') !== resolved.namespace) return false;
    if (names && !names.includes(o.metadata.name ?? '')) return false;
    if (labelSel.ok && !matchesRequirements(o.metadata.labels, labelSel.value)) return false;
    if (fieldSel.ok && !fieldSel.value(o)) return false;
    return true;
  };
  const timeout = parseGoDurationMs(flagString(inv, 'request-timeout'));
  const unsubscribe = sim.store.watch((e) => {
    if (e.resource !== key || !matches(e.object)) return;
    emitRows([e.object], e.type);
  });
  try {
    sim.advanceBy(timeout > 0 ? timeout : DEFAULT_WATCH_MS);
  } finally {
    unsubscribe();
  }
  return { stdout, stderr: errorText(errors), exitCode: errors.length > 0 ? 1 : 0 };
}

/** `--request-timeout`: `30s`, `1m`, or a bare number of seconds; 0 = none. */
function parseGoDurationMs(s: string): number {
  if (s === '' || s === '0') return 0;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return total;
}

/**
 * `get --raw PATH`: the API server's health endpoints (`ok`, no newline) and
 * objects or lists as compact JSON (our key order, not the server's struct
 * order); anything else is the server's 404.
 */
function getRaw(inv: Invocation, raw: string): KubectlResult {
  if (inv.args.length > 0) return { stdout: '', stderr: 'error: arguments may not be passed when --raw is specified\n', exitCode: 1 };
  const notFound = { stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', exitCode: 1 };
  const path = raw.split('?')[0].replace(/\/$/, '');
  if (['/healthz', '/livez', '/readyz'].includes(path)) return { stdout: 'ok', stderr: '', exitCode: 0 };
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!m) return notFound;
  const group = m[2] ?? '';
  let segs = m[4].split('/');
  let namespace: string | undefined;
  if (segs[0] === 'namespaces' && segs.length >= 3) {
    namespace = segs[1];
    segs = segs.slice(2);
  }
  const def = [...kindsInRegistry()].find((d) => d.group === group && d.resource === segs[0]);
  if (!def || segs.length > 2) return notFound;
  if (segs.length === 2) {
    const got = inv.ctx.sim.api.get(def, namespace ?? '', segs[1], inv.user);
    if (!got.ok) return { stdout: '', stderr: `${serverErrorText(got.error)}\n`, exitCode: 1 };
    return { stdout: JSON.stringify(got.value), stderr: '', exitCode: 0 };
  }
  const listed = inv.ctx.sim.api.list(def, def.namespaced ? namespace : undefined, inv.user);
  if (!listed.ok) return { stdout: '', stderr: `${serverErrorText(listed.error)}\n`, exitCode: 1 };
  return {
    stdout: JSON.stringify({ kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(inv.ctx.sim.store.revision) }, items: listed.value }),
    stderr: '',
    exitCode: 0,
  };
}

function errorText(errors: readonly StatusError[]): string {
  return errors.map((e) => `${serverErrorText(e)}\n`).join('');
}

/** One printed unit: a LIST's rows or one named object, as kubectl's Infos. */
interface InfoGroup {
  def: KindDefinition;
  infos: ResourceInfo[];
}

function infoGroups(fetched: FetchResult): InfoGroup[] {
  const out: InfoGroup[] = [];
  for (const g of fetched.groups) {
    if (g.request.names) for (const info of g.infos) out.push({ def: g.request.def, infos: [info] });
    else out.push({ def: g.request.def, infos: g.infos });
  }
  return out;
}

function printHuman(inv: Invocation, resolved: ResolvedResources, fetched: FetchResult, spec: OutputSpec, errors: StatusError[]): KubectlResult {
  const groups = infoGroups(fetched);
  const withKind = flagBool(inv, 'show-kind') || new Set(groups.map((g) => g.def)).size > 1;
  const noHeaders = flagBool(inv, 'no-headers');
  const sortBy = flagString(inv, 'sort-by');
  if (sortBy !== '' && groups.length > 1) {
    // kubectl's RuntimeSorter then sorts the Table objects themselves by the
    // field, which a Table does not have (a kubectl quirk, reproduced)
    const relaxed = relaxedJsonPath(sortBy);
    const onTable = relaxed.ok && ['{.kind}', '{.apiVersion}', '{.metadata.resourceVersion}'].includes(relaxed.value);
    if (relaxed.ok && !onTable) return { stdout: '', stderr: `error: couldn't find any field with path "${relaxed.value}" in the list of objects\n`, exitCode: 1 };
  }
  const now = inv.ctx.sim.now();
  let stdout = '';
  let separatorReady = false;
  let lastDef: KindDefinition | undefined;
  let writer = new TabWriter(GET_TABWRITER);
  let printedHeaders = false;
  const emit = (text: string) => {
    if (text === '') return;
    if (separatorReady) {
      stdout += '\n';
      separatorReady = false;
    }
    stdout += text;
  };
  for (const g of groups) {
    if (g.def !== lastDef) {
      emit(writer.flush().take());
      writer = new TabWriter(GET_TABWRITER);
      if (lastDef !== undefined && !noHeaders && stdout.length > 0) separatorReady = true;
      lastDef = g.def;
      printedHeaders = false;
    }
    const table = buildTable(g.def.kind, g.def.group, g.infos.map((i) => i.object), now);
    if (sortBy !== '' && table.rows.length > 1) {
      // Only the SortingPrinter sorts a server-side table: get.Run's
      // RuntimeSorter sees one unstructured object per request and leaves it.
      // sort.Sort is not stable, so ties end where Go's pdqsort leaves them.
      const sorted = sortRows(table.rows, sortBy, (r) => r.object);
      // kubectl ignores the printer's error here: the table is simply not printed
      if (!sorted.ok) continue;
      table.rows = sorted.value;
    }
    const text = printTable(table, {
      wide: spec.format === 'wide',
      noHeaders: noHeaders || printedHeaders,
      withNamespace: resolved.allNamespaces && g.def.namespaced,
      kindPrefix: withKind ? kindPrefix(g.def) : undefined,
      columnLabels: flagList(inv, 'label-columns'),
      showLabels: flagBool(inv, 'show-labels'),
    });
    if (table.rows.length > 0) printedHeaders = true;
    writer.write(text);
  }
  emit(writer.flush().take());
  let stderr = errorText(errors);
  if (stdout === '' && errors.length === 0 && !flagBool(inv, 'ignore-not-found')) {
    const allNamespaced = !resolved.allNamespaces && groups.every((g) => g.def.namespaced);
    stderr += allNamespaced ? `No resources found in ${resolved.namespace} namespace.\n` : 'No resources found\n';
  }
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}

function printGeneric(inv: Invocation, resolved: ResolvedResources, fetched: FetchResult, spec: OutputSpec, errors: StatusError[]): KubectlResult {
  let objs = fetched.groups.flatMap((g) => g.infos.map((i) => i.object));
  if (resolved.singleItemImplied && errors.length > 0) return { stdout: '', stderr: errorText(errors), exitCode: 1 };
  if (objs.length === 0 && flagBool(inv, 'ignore-not-found')) return { stdout: '', stderr: errorText(errors), exitCode: errors.length > 0 ? 1 : 0 };
  const sortBy = flagString(inv, 'sort-by');
  if (sortBy !== '' && objs.length > 1) {
    const sorted = sortRows(objs, sortBy, (o) => o);
    if (!sorted.ok) return { stdout: '', stderr: `error: ${sorted.message}\n`, exitCode: 1 };
    objs = sorted.value;
  }
  const asList = !(resolved.singleItemImplied && objs.length === 1);
  const printed = printObjects(objs, spec, {
    asList: spec.format !== 'name' && asList,
    readFile: (p) => inv.ctx.fs.readFile(p),
    showManagedFields: flagBool(inv, 'show-managed-fields'),
    allowMissingKeys: flagBool(inv, 'allow-missing-template-keys'),
    noHeaders: flagBool(inv, 'no-headers'),
  });
  if (!printed.ok) return { stdout: printed.partial ?? '', stderr: printed.stderr, exitCode: 1 };
  return { stdout: printed.value, stderr: errorText(errors), exitCode: errors.length > 0 ? 1 : 0 };
}

/** `.metadata.name` → `{.metadata.name}` (RelaxedJSONPathExpression). */
export function relaxedJsonPath(field: string): { ok: true; value: string } | { ok: false; message: string } {
  if (field.length === 0) return { ok: true, value: field };
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(field);
  if (!m || (field.startsWith('{') !== field.endsWith('}'))) {
    return { ok: false, message: 'unexpected path string, expected a \'name1.name2\' or \'.name1.name2\' or \'{name1.name2}\' or \'{.name1.name2}\'' };
  }
  let body = m[1];
  if (!body.startsWith('.')) body = `.${body}`;
  return { ok: true, value: `{${body}}` };
}

/**
 * kubectl's `--sort-by`: the first value the JSONPath finds in each item,
 * compared by type (numbers numerically, strings in natural order); items
 * without the field sort first, in Go's sort.Sort order (not stable).
 */
export function sortRows<T>(rows: readonly T[], sortBy: string, objectOf: (r: T) => unknown): { ok: true; value: T[] } | { ok: false; message: string } {
  const relaxed = relaxedJsonPath(sortBy);
  if (!relaxed.ok) return relaxed;
  let jp: JsonPath;
  try {
    jp = new JsonPath(relaxed.value, { allowMissingKeys: true });
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return { ok: false, message: `sorting error: ${e.message}` };
    throw e;
  }
  const keyed = rows.map((r) => {
    const res = jp.findResults(objectOf(r));
    const v = res.length > 0 && res[0].length > 0 ? res[0][0] : undefined;
    return { r, v, found: res.length > 0 && res[0].length > 0 };
  });
  if (keyed.length > 0 && !keyed.some((k) => k.found)) return { ok: false, message: `couldn't find any field with path "${relaxed.value}" in the list of objects` };
  const less = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => {
    if (!a.found) return true;
    if (!b.found) return false;
    return isLess(a.v, b.v);
  };
  goSort(keyed, less);
  return { ok: true, value: keyed.map((k) => k.r) };
}

/**
 * sorter.go isLess as kubectl v1.32 has it, for the values of unstructured
 * objects: two strings that both parse as quantities compare as quantities
 * (`100m` < `2` < `64Mi` < `1Gi`), any other strings bytewise (`a10` before
 * `a9`: the natural ordering of later kubectl releases is not in v1.32;
 * checked with real kubectl on names and uids).
 */
function isLess(a: unknown, b: unknown): boolean {
  // A field that is present but null (an events.k8s.io event's lastTimestamp)
  // sorts before any value, and two nulls are not less than each other.
  if (a === null || b === null) return a === null && b !== null;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseExact(a);
    const qb = qa && parseExact(b);
    if (qa && qb) return qa.nano < qb.nano;
    return codePointLess(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return String(a) < String(b);
}

/** Go's `<` on strings compares UTF-8 bytes, which orders as code points do (UTF-16 units would not, past U+FFFF). */
function codePointLess(a: string, b: string): boolean {
  if (a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ca = a.codePointAt(i);
  const cb = b.codePointAt(i);
  if (ca === undefined) return true;
  if (cb === undefined) return false;
  return ca < cb;
}

/** The apiVersion a kind is served at (for objects built by commands). */
export function servedApiVersion(def: KindDefinition): string {
  return apiVersionOf(def);
}
