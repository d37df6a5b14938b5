import { YAML11_SCHEMA, YAMLException, loadAll } from 'js-yaml';
import { isDict, type KubeObject } from '../cluster/api/meta.js';
import type { FileSystem } from './context.js';

/**
 * Reading manifests the way kubectl's resource builder does: `-f FILE|DIR|-`,
 * `-R`, multi-document YAML and JSON streams, `List` kinds flattened, and the
 * exact error texts kubectl prints for each failure.
 *
 * @see k8s.io/cli-runtime/pkg/resource/visitor.go (FileVisitor, StreamVisitor)
 * @see k8s.io/apimachinery/pkg/util/yaml/decoder.go (YAMLReader, YAMLOrJSONDecoder)
 */

/** One object read from a manifest, with where it came from (`x.yaml`, `STDIN`). */
export interface ManifestObject {
  type: 'object';
  source: string;
  object: KubeObject;
}

/**
 * An error met while reading, in stream order. `fatal` errors stop the file
 * they occur in (parse errors); others skip one document.
 */
export interface ManifestError {
  type: 'error';
  source: string;
  message: string;
}

export type ManifestEntry = ManifestObject | ManifestError;

export type ManifestRead =
  | { ok: true; entries: ManifestEntry[] }
  /** An error that stops the command before anything is done (a missing path). */
  | { ok: false; message: string };

export interface ManifestInput {
  fs: FileSystem;
  stdin?: string;
}

const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

/**
 * Expands `-f` arguments into sources, then reads each. A path that does not
 * exist fails the whole command up front, as kubectl's FilenameParam does.
 */
export function readManifests(input: ManifestInput, filenames: readonly string[], recursive: boolean): ManifestRead {
  const sources: { name: string; text: string }[] = [];
  for (const f of filenames) {
    if (f === '-') {
      sources.push({ name: 'STDIN', text: input.stdin ?? '' });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      return { ok: false, message: `unable to read URL "${f}", server reported 404 Not Found, status code=404` };
    }
    if (input.fs.isDirectory(f)) {
      for (const p of walkDir(input.fs, f, recursive)) sources.push({ name: p, text: input.fs.readFile(p) ?? '' });
      continue;
    }
    const text = input.fs.readFile(f);
    if (text === undefined) return { ok: false, message: `the path "${f}" does not exist` };
    sources.push({ name: f, text });
  }
  const entries: ManifestEntry[] = [];
  for (const s of sources) entries.push(...parseManifest(s.text, s.name));
  return { ok: true, entries };
}

/** Files of a directory kubectl reads: `.json`, `.yaml`, `.yml`, by name; subdirectories only with -R. */
function walkDir(fs: FileSystem, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readDir(dir)) {
    const p = joinPath(dir, entry);
    if (fs.isDirectory(p)) {
      if (recursive) out.push(...walkDir(fs, p, recursive));
      continue;
    }
    if (MANIFEST_EXTENSIONS.some((e) => p.endsWith(e))) out.push(p);
  }
  return out;
}

function joinPath(dir: string, entry: string): string {
  return dir.endsWith('/') ? dir + entry : `${dir}/${entry}`;
}

/**
 * Parses one file (or stdin) into objects and errors, in order. A syntax
 * error ends the file; documents before it were read.
 */
export function parseManifest(text: string, source: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const docs = isJsonStream(text) ? parseJsonStream(text) : parseYamlStream(text);
  for (const d of docs) {
    if (d.type === 'syntax') {
      out.push({ type: 'error', source, message: `error parsing ${source}: ${d.message}` });
      break;
    }
    out.push(...decodeDocument(d.value, source));
  }
  return out;
}

/** Turns one decoded document into objects (flattening `List`) or a decode error. */
function decodeDocument(value: unknown, source: string): ManifestEntry[] {
  if (value === null || value === undefined) return [];
  if (!isDict(value)) {
    const t = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : 'string';
    return [{ type: 'error', source, message: `unable to decode "${source}": json: cannot unmarshal ${t} into Go value of type unstructured.detector` }];
  }
  if (typeof value.kind !== 'string' || value.kind === '') {
    return [{ type: 'error', source, message: `unable to decode "${source}": Object 'Kind' is missing in '${goJson(value)}'` }];
  }
  if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
    const items = Array.isArray(value.items) ? value.items : [];
    return items.flatMap((item) => decodeDocument(item, source));
  }
  const obj = value as KubeObject;
  if (typeof obj.apiVersion !== 'string') (obj as { apiVersion: string }).apiVersion = '';
  if (!isDict(obj.metadata)) obj.metadata = {};
  return [{ type: 'object', source, object: obj }];
}

/** Go's json.Marshal of a decoded map: keys sorted, compact, HTML characters escaped. */
export function goJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (isDict(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])]));
    return x;
  };
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

type Doc = { type: 'doc'; value: unknown } | { type: 'syntax'; message: string };

/** apimachinery's GuessJSONStream: JSON when the first non-space byte is `{`. */
function isJsonStream(text: string): boolean {
  return /^\s*\{/.test(text);
}

// ---------------------------------------------------------------------------
// YAML

/**
 * Splits a YAML stream into documents as apimachinery's YAMLReader does: a
 * line starting with `---` ends a document; only a comment may follow it.
 */
export function splitYamlDocuments(text: string): { docs: string[]; error?: string } {
  const docs: string[] = [];
  let cur: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        if (cur.length > 0) docs.push(cur.join('\n') + '\n');
        return { docs, error: `invalid Yaml document separator: ${trimmed}` };
      }
      if (cur.length > 0) docs.push(cur.join('\n') + '\n');
      cur = [];
      continue;
    }
    cur.push(line);
  }
  if (cur.length > 0) docs.push(cur.join('\n') + '\n');
  return { docs };
}

function parseYamlStream(text: string): Doc[] {
  const split = splitYamlDocuments(text);
  const out: Doc[] = [];
  for (const chunk of split.docs) {
    const parsed = parseYamlDocument(chunk);
    out.push(parsed);
    if (parsed.type === 'syntax') return out;
  }
  if (split.error) out.push({ type: 'syntax', message: split.error });
  return out;
}

/**
 * Parses one YAML document as kubectl does (YAML 1.1 scalars, duplicate keys
 * allowed, later wins) and converts it to JSON-compatible data. Syntax errors
 * are reported in go-yaml's words and line numbering.
 */
export function parseYamlDocument(chunk: string): Doc {
  let values: unknown[];
  try {
    values = loadAll(chunk, { schema: YAML11_SCHEMA, json: true, maxAliases: 100 });
  } catch (err) {
    return { type: 'syntax', message: `error converting YAML to JSON: ${goYamlError(chunk, err)}` };
  }
  const value = values.length > 0 ? values[0] : null;
  const json = toJsonValue(value);
  if (!json.ok) return { type: 'syntax', message: `error converting YAML to JSON: ${json.message}` };
  return { type: 'doc', value: json.value };
}

/** YAML values kubectl cannot express in JSON are errors; dates become strings. */
function toJsonValue(v: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (v instanceof Date) return { ok: true, value: v.toISOString().replace('.000Z', 'Z') };
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = toJsonValue(x);
      if (!c.ok) return c;
      out.push(c.value);
    }
    return { ok: true, value: out };
  }
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) {
      const c = toJsonValue(x);
      if (!c.ok) return c;
      out[String(k)] = c.value;
    }
    return { ok: true, value: out };
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = toJsonValue(x);
      if (!c.ok) return c;
      out[k] = c.value;
    }
    return { ok: true, value: out };
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return { ok: false, message: `json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}` };
  if (typeof v === 'bigint') return { ok: true, value: Number(v) };
  return { ok: true, value: v };
}

/**
 * Maps a js-yaml exception to the message go-yaml (behind sigs.k8s.io/yaml)
 * prints for the same mistake. go-yaml numbers scanner errors by the line of
 * the problem and parser errors by the line before it (its 0-based mark).
 */
function goYamlError(chunk: string, err: unknown): string {
  if (!(err instanceof YAMLException)) return err instanceof Error ? err.message : String(err);
  const reason = err.reason ?? '';
  const mark = err.mark;
  const line = mark ? (mark as { line: number }).line + 1 : 0;
  const column = mark ? (mark as { column: number }).column : 0;
  const lines = chunk.split('\n');
  const at = (lines[line - 1] ?? '')[column];
  // go-yaml omits the line when the problem is on the first line (its 0-based mark is 0).
  const scanner = (msg: string, l = line) => (l > 1 ? `yaml: line ${l}: ${msg}` : `yaml: ${msg}`);
  const parser = (msg: string, l = line - 1) => (l > 0 ? `yaml: line ${l}: ${msg}` : `yaml: ${msg}`);

  const alias = /^unidentified alias "(.*)"$/.exec(reason);
  if (alias) return `yaml: unknown anchor '${alias[1]}' referenced`;
  if (reason.startsWith('tab characters must not be used')) {
    const prev = previousContentLine(lines, line - 1);
    if (prev !== undefined && /:\s*$/.test(prev)) return scanner('found character that cannot start any token');
    return scanner('found a tab character that violates indentation');
  }
  if (reason.startsWith('bad indentation of a mapping entry') || reason.startsWith('bad indentation of a sequence entry')) {
    if (at === ':') return scanner('mapping values are not allowed in this context');
    return parser('did not find expected key');
  }
  if (reason.startsWith('can not read a block mapping entry') || reason.startsWith('can not read an implicit mapping pair')) {
    return scanner("could not find expected ':'");
  }
  if (reason.startsWith('end of the stream or a document separator is expected')) {
    if (at === ':') return scanner('mapping values are not allowed in this context');
    return parser('did not find expected <document start>');
  }
  if (reason.startsWith('deficient indentation') || reason.startsWith('unexpected end of the stream')) {
    const open = unterminated(chunk);
    if (open === '{') return parser("did not find expected ',' or '}'");
    if (open === '[') return parser("did not find expected ',' or ']'");
    // go-yaml reads the last line as if it ended with a newline, and the scanner counts the line after it.
    if (open === 'quote') return scanner('found unexpected end of stream', chunk.endsWith('\n') ? lines.length : lines.length + 1);
    return parser('did not find expected key');
  }
  if (reason.includes('missed comma between flow collection entries')) {
    // The entry that should have followed a comma is the parser's problem token, on js-yaml's mark.
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
    return parser(unterminated(chunk, offset) === '[' ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'");
  }
  if (reason.startsWith('block sequence entries are not allowed')) return scanner('block sequence entries are not allowed in this context');
  return parser('did not find expected key');
}

function previousContentLine(lines: string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.trim() !== '' && !l.trim().startsWith('#')) return l;
  }
  return undefined;
}

/**
 * What is open at `end` (the end of the document by default): a quoted
 * scalar or the innermost flow collection.
 */
function unterminated(text: string, end = text.length): 'quote' | '{' | '[' | undefined {
  const stack: ('{' | '[')[] = [];
  let quote: '"' | "'" | undefined;
  let comment = false;
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (comment) {
      if (c === '\n') comment = false;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
      continue;
    }
    if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(text[i - 1]))) quote = c;
    else if (c === '{' || c === '[') stack.push(c);
    else if ((c === '}' || c === ']') && stack.length > 0) stack.pop();
  }
  if (quote) return 'quote';
  return stack.length > 0 ? stack[stack.length - 1] : undefined;
}

// ---------------------------------------------------------------------------
// JSON

/**
 * Decodes a stream of JSON values as Go's json.Decoder does, with its syntax
 * error texts and byte offsets (`json: offset 62: invalid character '}'
 * looking for beginning of object key string`).
 */
function parseJsonStream(text: string): Doc[] {
  const out: Doc[] = [];
  const bytes = Buffer.from(text, 'utf8');
  let pos = 0;
  while (true) {
    while (pos < bytes.length && isJsonSpace(bytes[pos])) pos++;
    if (pos >= bytes.length) break;
    const scanned = scanJsonValue(bytes, pos);
    if (!scanned.ok) {
      out.push({ type: 'syntax', message: scanned.message });
      return out;
    }
    const raw = bytes.subarray(pos, scanned.end).toString('utf8');
    out.push({ type: 'doc', value: JSON.parse(raw) as unknown });
    pos = scanned.end;
  }
  return out;
}

function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function quoteChar(b: number): string {
  if (b === 0x27) return `'\\''`;
  if (b === 0x22) return `'"'`;
  if (b < 0x20) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(b)}'`;
}

/** A small port of encoding/json's scanner: validates one value, returns where it ends. */
function scanJsonValue(b: Buffer, start: number): { ok: true; end: number } | { ok: false; message: string } {
  let i = start;
  const err = (context: string) => ({ ok: false as const, message: `json: offset ${i + 1}: invalid character ${quoteChar(b[i])} ${context}` });
  const eof = () => ({ ok: false as const, message: 'unexpected EOF' });
  const ws = () => {
    while (i < b.length && isJsonSpace(b[i])) i++;
  };
  type R = { ok: true } | { ok: false; message: string };
  const value = (): R => {
    ws();
    if (i >= b.length) return eof();
    const c = b[i];
    if (c === 0x7b) return object();
    if (c === 0x5b) return array();
    if (c === 0x22) return str();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return num();
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit.charCodeAt(0)) {
        for (let k = 0; k < lit.length; k++, i++) {
          if (i >= b.length) return eof();
          if (b[i] !== lit.charCodeAt(k)) return err(`in literal ${lit} (expecting '${lit[k]}')`);
        }
        return { ok: true };
      }
    }
    return err('looking for beginning of value');
  };
  const str = (): R => {
    i++;
    while (i < b.length) {
      const c = b[i];
      if (c === 0x22) {
        i++;
        return { ok: true };
      }
      if (c === 0x5c) i++;
      else if (c < 0x20) return err('in string literal');
      i++;
    }
    return eof();
  };
  const num = (): R => {
    if (b[i] === 0x2d) i++;
    while (i < b.length && /[0-9.eE+-]/.test(String.fromCharCode(b[i]))) i++;
    return { ok: true };
  };
  const object = (): R => {
    i++;
    ws();
    if (i >= b.length) return eof();
    if (b[i] === 0x7d) {
      i++;
      return { ok: true };
    }
    while (true) {
      ws();
      if (i >= b.length) return eof();
      if (b[i] !== 0x22) return err('looking for beginning of object key string');
      const k = str();
      if (!k.ok) return k;
      ws();
      if (i >= b.length) return eof();
      if (b[i] !== 0x3a) return err('after object key');
      i++;
      const v = value();
      if (!v.ok) return v;
      ws();
      if (i >= b.length) return eof();
      if (b[i] === 0x2c) {
        i++;
        continue;
      }
      if (b[i] === 0x7d) {
        i++;
        return { ok: true };
      }
      return err('after object key:value pair');
    }
  };
  const array = (): R => {
    i++;
    ws();
    if (i >= b.length) return eof();
    if (b[i] === 0x5d) {
      i++;
      return { ok: true };
    }
    while (true) {
      const v = value();
      if (!v.ok) return v;
      ws();
      if (i >= b.length) return eof();
      if (b[i] === 0x2c) {
        i++;
        continue;
      }
      if (b[i] === 0x5d) {
        i++;
        return { ok: true };
      }
      return err('after array element');
    }
  };
  const r = value();
  return r.ok ? { ok: true, end: i } : r;
}

/**
 * encoding/json's Unmarshal error for malformed JSON (`invalid character 'b'
 * looking for beginning of object key string`, `unexpected end of JSON
 * input`), or undefined when the text is one valid JSON value.
 */
export function goJsonUnmarshalError(text: string): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  let pos = 0;
  while (pos < bytes.length && isJsonSpace(bytes[pos])) pos++;
  if (pos >= bytes.length) return 'unexpected end of JSON input';
  const r = scanJsonValue(bytes, pos);
  if (!r.ok) return r.message === 'unexpected EOF' ? 'unexpected end of JSON input' : r.message.replace(/^json: offset \d+: /, '');
  let end = r.end;
  while (end < bytes.length && isJsonSpace(bytes[end])) end++;
  if (end < bytes.length) return `invalid character ${quoteChar(bytes[end])} after top-level value`;
  return undefined;
}

/**
 * Parses the text given to `-p`/`--patch-file` or an edited buffer: JSON,
 * else YAML (kubectl converts YAML patches to JSON first).
 */
export function parseJsonOrYaml(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // not JSON: fall through to YAML
  }
  const doc = parseYamlDocument(text);
  if (doc.type === 'syntax') return { ok: false, message: doc.message };
  return { ok: true, value: doc.value };
}
