import { goValue } from './go-format.js';
import { lookupPatchMeta, type FieldMeta } from './patch-meta.js';

/**
 * Strategic merge patch, as the API server applies it
 * (`StrategicMergeMapPatch` with MergeParallelList and IgnoreUnmatchedNulls).
 *
 * Works on fresh copies: both arguments are consumed and may be changed.
 *
 * @see k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeMap, mergeSlice, normalizeElementOrder
 */
type Obj = Record<string, unknown>;

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList';

/** An error from the merge; `kind` says how the API server reports it. */
export class StrategicMergeError extends Error {
  constructor(
    message: string,
    readonly kind: 'badRequest' | 'unprocessable' | 'unknown',
  ) {
    super(message);
  }
}

const errRetainKeys = () => new StrategicMergeError('invalid patch format of retainKeys', 'badRequest');
const errPrimitiveList = () => new StrategicMergeError('invalid patch format of primitive list', 'badRequest');
const errSetOrder = () => new StrategicMergeError('invalid patch format of setElementOrder list', 'badRequest');
const errNoMergeKey = (m: unknown, key: string) =>
  new StrategicMergeError(`map: ${goValue(m)} does not contain declared merge key: ${key}`, 'unknown');
const errBadPatchType = (t: unknown, m: Obj) =>
  new StrategicMergeError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`, 'unknown');

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): 'map' | 'slice' | 'null' | 'string' | 'number' | 'boolean' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  return typeof v as 'string' | 'number' | 'boolean';
}

/** Applies `patch` to `original` for a struct of type `type` (see patch-meta.ts). */
export function strategicMerge(original: Obj, patch: Obj, type: string): Obj {
  return mergeMap(original, patch, type);
}

function mergeMap(original: Obj | null, patch: Obj, type: string | undefined): Obj {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: Obj = original ?? {};
  applyRetainKeys(orig, patch);
  mergePatchIntoOriginal(orig, patch, type);

  for (let k of Object.keys(patch)) {
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_PRIMITIVE)) {
      k = extractKey(k, DELETE_PRIMITIVE);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      continue;
    }
    const ok = kindOf(orig[k]);
    if (!(k in orig) || ok !== kindOf(patchV)) {
      // Taken as is, less nulls and directives (a directive map vanishes).
      if (!isDeleteList) setOrDelete(orig, k, removeDirectives(discardNulls(patchV)));
      continue;
    }
    const meta = lookupPatchMeta(type, k);
    if (ok === 'map') orig[k] = mergeMapHandler(orig[k] as Obj, patchV as Obj, meta);
    else if (ok === 'slice') orig[k] = mergeSliceHandler(orig[k] as unknown[], patchV as unknown[], meta, isDeleteList);
    else setOrDelete(orig, k, removeDirectives(patchV));
  }
  return orig;
}

const DROP = Symbol('drop');

function setOrDelete(o: Obj, k: string, v: unknown): void {
  if (v === DROP) delete o[k];
  else o[k] = v;
}

/** discardNullValuesFromPatch: nulls inside a value taken as is are dropped. */
function discardNulls(v: unknown): unknown {
  if (Array.isArray(v)) v.forEach(discardNulls);
  else if (isObj(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  }
  return v;
}

/** removeDirectives: maps carrying `$patch` disappear, from lists too; other `$` keys stay. */
function removeDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(removeDirectives).filter((x) => x !== DROP);
  if (isObj(v)) {
    if (DIRECTIVE in v) return DROP;
    for (const k of Object.keys(v)) setOrDelete(v, k, removeDirectives(v[k]));
  }
  return v;
}

function handleDirectiveInMergeMap(directive: unknown, patch: Obj): Obj {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

function mergeMapHandler(original: Obj, patch: Obj, meta: FieldMeta): Obj {
  if (meta.strategy === 'replace') return patch;
  return mergeMap(original, patch, meta.type);
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldMeta, isDeleteList: boolean): unknown[] {
  if (meta.strategy === 'merge') return mergeSlice(original, patch, meta, isDeleteList);
  return patch;
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_PRIMITIVE) throw errPrimitiveList();
    throw errSetOrder();
  }
  return s.slice(slash + 1);
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw errRetainKeys();
  const keep = new Set<unknown>(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE) || k.startsWith(SET_ORDER)) continue;
    if (!keep.has(k)) throw errRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Processes `$setElementOrder/<field>` directives (and their lists) first. */
function mergePatchIntoOriginal(original: Obj, patch: Obj, type: string | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw new StrategicMergeError(`expected a []interface {}, but received a ${goTypeName(order)}`, 'unknown');
    const field = extractKey(key, SET_ORDER);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const origList = foundOriginal ? original[field] : undefined;
    const patchList = foundPatch ? patch[field] : undefined;
    if (foundOriginal && !Array.isArray(origList)) throw new StrategicMergeError(`expected a []interface {}, but received a ${goTypeName(origList)}`, 'unknown');
    if (foundPatch && !Array.isArray(patchList)) throw new StrategicMergeError(`expected a []interface {}, but received a ${goTypeName(patchList)}`, 'unknown');
    const meta = lookupPatchMeta(type, field);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList((patchList as unknown[] | undefined) ?? [], order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = origList as unknown[];
    else if (!foundOriginal && foundPatch) merged = patchList as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(origList as unknown[], patchList as unknown[], meta, false);
    else continue;
    const [patchItems, serverOnly] = mergeKey
      ? partitionMaps(merged, order, mergeKey)
      : partitionPrimitives(merged, order);
    const elemKind = sliceElementKind((origList as unknown[] | undefined) ?? [], (patchList as unknown[] | undefined) ?? []);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, (origList as unknown[] | undefined) ?? [], mergeKey, elemKind);
    delete patch[field];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let nonDelete = patchList;
  if (mergeKey) nonDelete = patchList.filter((v) => !(isObj(v) && v[DIRECTIVE] === 'delete'));
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    if (isObj(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as Obj)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new StrategicMergeError(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ORDER} list:\n${goValue(order)}\n`,
      'unknown',
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObj(left) || !isObj(right)) return false;
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSlice(original: unknown[], patch: unknown[], meta: FieldMeta, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const mergeKey = meta.mergeKey ?? '';
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new StrategicMergeError('cannot merge lists without merge key for type map', 'unknown');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, meta.type);
  }
  const [patchItems, serverOnly] = mergeKey && kind === 'map' ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, kind === 'map' ? mergeKey : '', kind);
}

function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as Obj;
    if (!(DIRECTIVE in m)) {
      plain.push(v);
      continue;
    }
    const t = m[DIRECTIVE];
    if (t === 'delete') {
      if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
      original = original.filter((o) => !(isObj(o) && mergeKey in o && o[mergeKey] === m[mergeKey]));
    } else if (t === 'replace') {
      replace = true;
    } else if (t === 'merge') {
      throw new StrategicMergeError('merging lists cannot yet be specified in the patch', 'unknown');
    } else {
      throw errBadPatchType(t, m);
    }
  }
  if (replace) return [plain, []];
  return [original, plain];
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, elemType: string | undefined): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as Obj;
    if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
    const idx = findIndexByKey(out, mergeKey, m[mergeKey]);
    if (idx >= 0) out[idx] = mergeMap(out[idx] as Obj, m, elemType);
    else out.push(v);
  }
  return out;
}

function findIndexByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObj(v)) throw new StrategicMergeError(`value for key ${i} is not a map.`, 'unknown');
    if (key in v && v[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** Go's in-place dedupe: a duplicate is overwritten by the last element. */
function deduplicateScalars(s: unknown[]): unknown[] {
  s = [...s];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function sliceElementKind(...slices: unknown[][]): string {
  let kind: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = kindOf(v);
      if (kind === undefined) {
        kind = k;
        if (k === 'slice') throw new StrategicMergeError('lists of lists are not supported', 'unprocessable');
      } else if (kind !== k) {
        throw new StrategicMergeError(`list element types are not identical: ${goValue(slices)}`, 'unknown');
      }
    }
  }
  if (kind === undefined) throw new StrategicMergeError('no elements in any of the given slices', 'unknown');
  return kind;
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inBy = new Set(by);
  return [list.filter((v) => inBy.has(v)), list.filter((v) => !inBy.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isObj(v)) throw new StrategicMergeError(`expected a map[string]interface {}, but received a ${goTypeName(v)}`, 'unknown');
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    if (findIndexByKey(by, mergeKey, v[mergeKey]) >= 0) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: string): number {
  const val = (x: unknown) => (kind === 'map' ? (isObj(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  for (let i = 0; i < list.length; i++) if (val(list[i]) === want) return i;
  return -1;
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let items = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const v of list) {
        if (!isObj(v)) throw new StrategicMergeError(`expected a map[string]interface {}, but received a ${goTypeName(v)}`, 'unknown');
        if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
      }
    }
    toDelete = items.filter((v) => (v as Obj)[DIRECTIVE] === 'delete');
    items = items.filter((v) => (v as Obj)[DIRECTIVE] !== 'delete');
  }
  // sort.SliceStable with Go's comparator (which says "less" whenever either is unordered).
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      const t = items[j];
      items[j] = items[j - 1];
      items[j - 1] = t;
    }
  }
  return [...items, ...toDelete];
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return '%!s(<nil>)';
  }
}
