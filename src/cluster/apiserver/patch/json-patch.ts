import { deepEqual } from '../../api/meta.js';

/**
 * JSON patch (RFC 6902) with the behaviour and error texts of
 * gopkg.in/evanphx/json-patch.v4, which both the API server and
 * `kubectl patch --local --type json` use. Its quirks are kept: `replace`
 * of a missing object key adds it, `copy` from a missing key copies null,
 * negative array indices count from the end, and the first path segment is
 * dropped whatever it is.
 *
 * @see gopkg.in/evanphx/json-patch.v4 patch.go
 */
type Obj = Record<string, unknown>;

export class JsonPatchError extends Error {
  /** Decoding errors are a BadRequest; apply errors a 422. */
  constructor(
    message: string,
    readonly phase: 'decode' | 'apply',
  ) {
    super(message);
  }
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

type Container = { kind: 'doc'; v: Obj } | { kind: 'ary'; v: unknown[]; set: (a: unknown[]) => void };

/** Applies a decoded JSON patch to a copy of `doc` and returns the result. */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw new JsonPatchError(`json: cannot unmarshal ${jsonTypeName(ops)} into Go value of type jsonpatch.Patch`, 'decode');
  }
  for (const op of ops) {
    if (!isObj(op)) throw new JsonPatchError(`json: cannot unmarshal ${jsonTypeName(op)} into Go value of type jsonpatch.Operation`, 'decode');
  }
  const root: { doc: unknown } = { doc: structuredClone(doc) };
  for (const op of ops as Obj[]) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    switch (kind) {
      case 'add':
        add(root, op);
        break;
      case 'remove':
        remove(root, op);
        break;
      case 'replace':
        replace(root, op);
        break;
      case 'move':
        move(root, op);
        break;
      case 'test':
        test(root, op);
        break;
      case 'copy':
        copy(root, op);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${kind}`, 'apply');
    }
  }
  return root.doc;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function fail(msg: string): never {
  throw new JsonPatchError(msg, 'apply');
}

function pathOf(op: Obj, field: 'path' | 'from', what: string): string {
  const v = op[field];
  if (v === undefined || v === null) {
    fail(field === 'path' ? `${what} operation failed to decode path: ${MISSING}` : `${what} operation failed to decode from: operation, missing from field: ${MISSING}`);
  }
  if (typeof v !== 'string') fail(`json: cannot unmarshal ${jsonTypeName(v)} into Go value of type string`);
  return v;
}

function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

function findObject(root: { doc: unknown }, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  const parts = split.slice(1, -1);
  const key = split[split.length - 1];
  let cur = containerOf(root.doc);
  if (!cur) return undefined;
  for (const part of parts) {
    let next: unknown;
    try {
      next = get(cur, decodeKey(part));
    } catch {
      return undefined;
    }
    if (next === undefined || next === null) return undefined;
    const c = containerOf(next);
    if (!c) return undefined;
    cur = c;
  }
  return [cur, decodeKey(key)];
}

/** Arrays are changed in place: the document is a private copy. */
function containerOf(v: unknown): Container | undefined {
  if (Array.isArray(v)) return { kind: 'ary', v, set: (a) => v.splice(0, v.length, ...a) };
  if (isObj(v)) return { kind: 'doc', v };
  return undefined;
}

function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number.parseInt(key, 10);
}

function get(c: Container, key: string): unknown {
  if (c.kind === 'doc') return c.v[key];
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.v.length) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += c.v.length;
  }
  if (idx >= c.v.length) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return c.v[idx];
}

function addTo(c: Container, key: string, val: unknown): void {
  if (c.kind === 'doc') {
    c.v[key] = val;
    return;
  }
  if (key === '-') {
    c.set([...c.v, val]);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = c.v.length + 1;
  if (idx >= size) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -size) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += size;
  }
  c.set([...c.v.slice(0, idx), val, ...c.v.slice(idx)]);
}

function removeFrom(c: Container, key: string): void {
  if (c.kind === 'doc') {
    if (!(key in c.v)) throw new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c.v[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= c.v.length) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -c.v.length) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += c.v.length;
  }
  c.set([...c.v.slice(0, idx), ...c.v.slice(idx + 1)]);
}

function setIn(c: Container, key: string, val: unknown): void {
  if (c.kind === 'doc') {
    c.v[key] = val;
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.v.length) throw new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += c.v.length;
  }
  const next = [...c.v];
  next[idx] = val;
  c.set(next);
}

function valueOf(op: Obj): unknown {
  return 'value' in op ? structuredClone(op.value) : null;
}

function wrap(prefix: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof JsonPatchError) throw e;
    fail(`${prefix}: ${(e as Error).message}`);
  }
}

function add(root: { doc: unknown }, op: Obj): void {
  const path = pathOf(op, 'path', 'add');
  const found = findObject(root, path);
  if (!found) fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrap(`error in add for path: '${path}'`, () => addTo(found[0], found[1], valueOf(op)));
}

function remove(root: { doc: unknown }, op: Obj): void {
  const path = pathOf(op, 'path', 'remove');
  const found = findObject(root, path);
  if (!found) fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrap(`error in remove for path: '${path}'`, () => removeFrom(found[0], found[1]));
}

function replace(root: { doc: unknown }, op: Obj): void {
  const path = pathOf(op, 'path', 'replace');
  if (path === '') {
    const v = valueOf(op);
    if (!isObj(v) && !Array.isArray(v)) fail('replace operation value must be object or array');
    root.doc = v;
    return;
  }
  const found = findObject(root, path);
  if (!found) fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  try {
    get(found[0], found[1]);
  } catch {
    fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  }
  wrap(`error in remove for path: '${path}'`, () => setIn(found[0], found[1], valueOf(op)));
}

function move(root: { doc: unknown }, op: Obj): void {
  const from = pathOf(op, 'from', 'move');
  const src = findObject(root, from);
  if (!src) fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  let val: unknown;
  wrap(`error in move for path: '${src[1]}'`, () => {
    val = get(src[0], src[1]);
    removeFrom(src[0], src[1]);
  });
  const path = pathOf(op, 'path', 'move');
  const dst = findObject(root, path);
  if (!dst) fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  wrap(`error in move for path: '${path}'`, () => addTo(dst[0], dst[1], val));
}

function copy(root: { doc: unknown }, op: Obj): void {
  const from = pathOf(op, 'from', 'copy');
  const src = findObject(root, from);
  if (!src) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  let val: unknown;
  wrap(`error in copy for from: '${from}'`, () => {
    val = get(src[0], src[1]);
  });
  const path = pathOf(op, 'path', 'copy');
  const dst = findObject(root, path);
  if (!dst) fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  wrap('error while adding value during copy', () => addTo(dst[0], dst[1], structuredClone(val ?? null)));
}

function test(root: { doc: unknown }, op: Obj): void {
  const path = pathOf(op, 'path', 'test');
  if (path === '') {
    if (!deepEqual(root.doc, valueOf(op))) fail(`testing value ${path} failed: ${TEST_FAILED}`);
    return;
  }
  const found = findObject(root, path);
  if (!found) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  let val: unknown;
  wrap(`error in test for path: '${path}'`, () => {
    val = get(found[0], found[1]);
  });
  if (val === undefined || val === null) {
    if (!('value' in op) || op.value === null) return;
    fail(`testing value ${path} failed: ${TEST_FAILED}`);
  }
  if (!('value' in op) || !deepEqual(val, op.value)) fail(`testing value ${path} failed: ${TEST_FAILED}`);
}


