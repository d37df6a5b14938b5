import { FS_ERROR_TEXT } from '../workspace.js';
import { readOperand, type ProgramIO, type ProgramResult } from './io.js';

/**
 * The jq subset troubleshooters reach for: paths (`.a.b`, `.a["x.y"]`,
 * `.[0]`, `.[]`, `.items[].metadata.name`), pipes, `length`, `keys`,
 * `select(.f == "v")` and `-r`/`-c`. Output is formatted as jq does (2-space
 * indent, raw strings with -r).
 */
export function jq(args: string[], stdin: string, io: ProgramIO): ProgramResult {
  let raw = false;
  let compact = false;
  let filter: string | undefined;
  const files: string[] = [];
  for (const a of args) {
    if (a === '-r' || a === '--raw-output') raw = true;
    else if (a === '-c' || a === '--compact-output') compact = true;
    else if (/^-[rc]+$/.test(a)) {
      raw ||= a.includes('r');
      compact ||= a.includes('c');
    } else if (filter === undefined) filter = a;
    else files.push(a);
  }
  filter ??= '.';
  // jq reports files it cannot open and goes on with the others.
  let openErrors = '';
  if (files.length > 0) {
    const input = { text: stdin };
    stdin = '';
    for (const f of files) {
      const r = readOperand(io, f, input);
      if ('error' in r) openErrors += `jq: error: Could not open file ${f}: ${FS_ERROR_TEXT[r.error]}\n`;
      else stdin += r.text;
    }
    if (stdin === '' && openErrors) return { stdout: '', stderr: openErrors, exitCode: 2 };
  }
  let input: unknown;
  try {
    input = stdin.trim() === '' ? null : JSON.parse(stdin);
  } catch {
    return { stdout: '', stderr: 'jq: error (at <stdin>:0): Cannot parse input as JSON (only JSON input is simulated; use -o json)\n', exitCode: 2 };
  }
  let results: unknown[];
  try {
    results = evaluate(filter.trim(), [input]);
  } catch (e) {
    return { stdout: '', stderr: `jq: error: ${(e as Error).message}\n`, exitCode: 5 };
  }
  const out = results.map((r) => (raw && typeof r === 'string' ? r : format(r, compact))).join('\n');
  return { stdout: results.length > 0 ? out + '\n' : '', stderr: openErrors, exitCode: openErrors ? 2 : 0 };
}

function format(v: unknown, compact: boolean): string {
  if (v === undefined) return 'null';
  return compact ? JSON.stringify(v) : JSON.stringify(v, null, 2);
}

function evaluate(filter: string, inputs: unknown[]): unknown[] {
  const stages = splitTop(filter, '|');
  let current = inputs;
  for (const stage of stages) current = current.flatMap((v) => evalStage(stage.trim(), v));
  return current;
}

function evalStage(stage: string, v: unknown): unknown[] {
  if (stage === 'length') {
    if (Array.isArray(v) || typeof v === 'string') return [v.length];
    if (v && typeof v === 'object') return [Object.keys(v).length];
    return [v === null ? 0 : Math.abs(Number(v))];
  }
  if (stage === 'keys') {
    if (Array.isArray(v)) return [v.map((_, i) => i)];
    if (v && typeof v === 'object') return [Object.keys(v).sort()];
    throw new Error(`${typeName(v)} has no keys`);
  }
  const sel = /^select\((.*)\)$/.exec(stage);
  if (sel) {
    const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(sel[1]);
    if (!m) return evaluate(sel[1], [v]).some(truthy) ? [v] : [];
    const left = evaluate(m[1].trim(), [v])[0];
    const right = JSON.parse(m[3].trim()) as unknown;
    const eq = JSON.stringify(left) === JSON.stringify(right);
    return eq === (m[2] === '==') ? [v] : [];
  }
  if (!stage.startsWith('.')) throw new Error(`${stage}/0 is not defined (only paths, length, keys and select are simulated)`);
  return walkPath(stage, v);
}

function walkPath(path: string, v: unknown): unknown[] {
  let values = [v];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new Error('syntax error: unterminated [');
      const inner = path.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '') {
        values = values.flatMap((x) => (Array.isArray(x) ? x : x && typeof x === 'object' ? Object.values(x) : fail(`Cannot iterate over ${typeName(x)}`)));
      } else if (/^-?\d+$/.test(inner)) {
        const n = Number(inner);
        values = values.map((x) => (Array.isArray(x) ? x[n < 0 ? x.length + n : n] : x === null ? null : fail(`Cannot index ${typeName(x)} with number`)));
      } else {
        const key = JSON.parse(inner) as string;
        values = values.map((x) => index(x, key));
      }
      if (path[i] === '?') i++;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path.slice(i));
    if (!m) throw new Error(`syntax error in ${path}`);
    values = values.map((x) => index(x, m[0]));
    i += m[0].length;
  }
  return values;
}

function index(x: unknown, key: string): unknown {
  if (x === null || x === undefined) return null;
  if (typeof x === 'object' && !Array.isArray(x)) return (x as Record<string, unknown>)[key] ?? null;
  return fail(`Cannot index ${typeName(x)} with "${key}"`);
}

function fail(msg: string): never {
  throw new Error(msg);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function truthy(v: unknown): boolean {
  return v !== null && v !== false && v !== undefined;
}

function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = '';
  for (const ch of s) {
    if (ch === '"') quote = !quote;
    if (!quote && (ch === '(' || ch === '[')) depth++;
    if (!quote && (ch === ')' || ch === ']')) depth--;
    if (!quote && depth === 0 && ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
