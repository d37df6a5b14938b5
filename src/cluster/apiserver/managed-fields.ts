import { cloneJson, deepEqual, isDict, jsonEqual, type Dict, type KubeObject } from '../api/meta.js';
import { lookupPatchMeta, rootTypeFor, type FieldMeta } from './patch/patch-meta.js';

/**
 * Field ownership, as server-side apply keeps it in `metadata.managedFields`:
 * which manager set which fields, by `Apply` (the fields in its applied
 * configuration) or by `Update` (the fields its writes changed).
 *
 * A field set is a tree keyed by fieldsV1 path elements: `f:name` (a field),
 * `k:{"name":"web"}` (an element of a list merged by key), `v:"x"` (a
 * member of a set); `.` marks the node itself as a member.
 *
 * The schema knowledge is the built-in types' list semantics: lists merged
 * by key (containers by name, container ports by containerPort and
 * protocol, …), sets (finalizers), atomic lists (args, tolerations) and the
 * atomic LabelSelector struct.
 *
 * @see sigs.k8s.io/structured-merge-diff/v4 (fieldpath, merge)
 * @see k8s.io/apimachinery/pkg/util/managedfields/internal (fieldmanager.go, conflict.go, managedfields.go)
 */

export interface FieldTree {
  [element: string]: FieldTree;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldTree;
  subresource?: string;
}

/** A path as a list of fieldsV1 elements. */
export type FieldPath = string[];

// ---------------------------------------------------------------------------
// Schema: how a list or struct at a path is merged and owned

type ListKind = { kind: 'map'; keys: string[]; type?: string } | { kind: 'set' } | { kind: 'atomic' };

/** Keys of lists merged by key, where server-side apply differs from the strategic patch tags. */
const SSA_KEYS: Record<string, Record<string, string[]>> = {
  Container: { ports: ['containerPort', 'protocol'] },
  ServiceSpec: { ports: ['port', 'protocol'] },
  PodSpec: { topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'] },
};

/** Key fields the schema defaults when an element leaves them out. */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

function listKind(parentType: string | undefined, field: string): ListKind {
  const meta: FieldMeta = lookupPatchMeta(parentType, field);
  const ssa = parentType ? SSA_KEYS[parentType]?.[field] : undefined;
  if (ssa) return { kind: 'map', keys: ssa, type: meta.type };
  if (meta.strategy === 'merge' && meta.mergeKey) return { kind: 'map', keys: [meta.mergeKey], type: meta.type };
  if (meta.strategy === 'merge') return { kind: 'set' };
  return { kind: 'atomic' };
}

/** Whether the struct at this field is owned as one value (LabelSelector is a map-type atomic struct). */
function atomicStruct(parentType: string | undefined, field: string): boolean {
  return lookupPatchMeta(parentType, field).type === 'LabelSelector';
}

function childType(parentType: string | undefined, field: string): string | undefined {
  return lookupPatchMeta(parentType, field).type;
}

/** The `k:` element for a list item: its key fields, sorted, as compact JSON. */
function keyElement(item: Dict, keys: string[]): string {
  const k: Dict = {};
  for (const f of [...keys].sort()) k[f] = item[f] !== undefined ? item[f] : KEY_DEFAULTS[f];
  return `k:${JSON.stringify(k)}`;
}

function keyOf(item: unknown, keys: string[]): string | undefined {
  return isDict(item) ? keyElement(item, keys) : undefined;
}

/** Top-level fields that belong to no one: identity and server-set metadata, and status. */
const UNOWNED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

function ownable(obj: KubeObject): Dict {
  const o = cloneJson(obj) as unknown as Dict;
  delete o.apiVersion;
  delete o.kind;
  delete o.status;
  if (isDict(o.metadata)) {
    for (const k of UNOWNED_META) delete o.metadata[k];
    if (Object.keys(o.metadata).length === 0) delete o.metadata;
  }
  return o;
}

// ---------------------------------------------------------------------------
// Field sets

function add(tree: FieldTree, path: FieldPath): void {
  let t = tree;
  for (const e of path) t = t[e] ??= {};
}

/**
 * The fields an applied configuration sets: every leaf, every element of a
 * keyed list or set (with `.`), atomic values as a whole.
 */
export function applySet(obj: KubeObject, kind: string): FieldTree {
  const tree: FieldTree = {};
  walkValue(ownable(obj), rootTypeFor(kind), [], tree);
  return tree;
}

function walkValue(v: unknown, type: string | undefined, path: FieldPath, tree: FieldTree): void {
  if (!isDict(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) continue;
    const p = [...path, `f:${k}`];
    if (Array.isArray(x)) {
      const lk = listKind(type, k);
      if (lk.kind === 'atomic' || x.length === 0) add(tree, p);
      else if (lk.kind === 'set') for (const item of x) add(tree, [...p, `v:${JSON.stringify(item)}`]);
      else
        for (const item of x) {
          const key = keyOf(item, lk.keys);
          if (!key) continue;
          add(tree, [...p, key, '.']);
          walkValue(item, lk.type, [...p, key], tree);
        }
    } else if (isDict(x) && Object.keys(x).length > 0 && !atomicStruct(type, k)) {
      walkValue(x, childType(type, k), p, tree);
    } else add(tree, p);
  }
}

/**
 * The fields an update changed, as an Update entry records them: leaves
 * added or modified, and maps and list elements that did not exist before
 * (with `.`, the node itself).
 */
export function changedSet(before: KubeObject | undefined, after: KubeObject, kind: string): FieldTree {
  const tree: FieldTree = {};
  diffValue(before ? ownable(before) : {}, ownable(after), rootTypeFor(kind), [], tree);
  return tree;
}

function diffValue(a: Dict, b: Dict, type: string | undefined, path: FieldPath, tree: FieldTree): void {
  for (const [k, x] of Object.entries(b)) {
    if (x === null || x === undefined) continue;
    const old = a[k];
    // Values compare as typed ones do: a re-encoded object whose keys moved has not changed.
    if (deepEqual(old, x)) continue;
    const p = [...path, `f:${k}`];
    if (Array.isArray(x)) {
      const lk = listKind(type, k);
      if (lk.kind === 'atomic' || x.length === 0) add(tree, p);
      else if (lk.kind === 'set') {
        const had = Array.isArray(old) ? old : [];
        if (!Array.isArray(old)) add(tree, [...p, '.']);
        for (const item of x) if (!had.some((h) => jsonEqual(h, item))) add(tree, [...p, `v:${JSON.stringify(item)}`]);
      } else {
        const had = Array.isArray(old) ? old : [];
        if (!Array.isArray(old)) add(tree, [...p, '.']);
        for (const item of x) {
          const key = keyOf(item, lk.keys);
          if (!key) continue;
          const prev = had.find((h) => keyOf(h, lk.keys) === key);
          if (!isDict(prev)) add(tree, [...p, key, '.']);
          diffValue(isDict(prev) ? prev : {}, item as Dict, lk.type, [...p, key], tree);
        }
      }
    } else if (isDict(x) && Object.keys(x).length > 0 && !atomicStruct(type, k)) {
      // A map or pointer struct that appears is a member itself; a struct held by
      // value was there all along (as its zero value) and is not.
      if (!isDict(old) && !VALUE_STRUCTS.has(k)) add(tree, [...p, '.']);
      diffValue(isDict(old) ? old : {}, x, childType(type, k), p, tree);
    } else add(tree, p);
  }
}

/**
 * Fields of the built-in types that hold a struct by value (not a pointer,
 * not a map): an empty object already has them, so creating one does not
 * add them as members (`f:spec` has no `.` in a create's managed fields).
 */
const VALUE_STRUCTS = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'resources', 'jobTemplate']);

/** Every member path of a tree (leaves, and nodes marked with `.`), in fieldpath.Set order. */
export function paths(tree: FieldTree, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [];
  const entries = Object.keys(tree).filter((k) => k !== '.').sort(compareElements);
  // Members of a level come before the subtrees under it.
  for (const e of entries) if (Object.keys(tree[e]).length === 0 || '.' in tree[e]) out.push([...prefix, e]);
  for (const e of entries) if (Object.keys(tree[e]).some((k) => k !== '.')) out.push(...paths(tree[e], [...prefix, e]));
  return out;
}

const ELEMENT_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function compareElements(a: string, b: string): number {
  const d = (ELEMENT_ORDER[a[0]] ?? 9) - (ELEMENT_ORDER[b[0]] ?? 9);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasPath(tree: FieldTree, path: FieldPath): boolean {
  let t: FieldTree | undefined = tree;
  for (const e of path) {
    t = t[e];
    if (!t) return false;
  }
  return Object.keys(t).length === 0 || '.' in t;
}

function removePath(tree: FieldTree, path: FieldPath): void {
  const [head, ...rest] = path;
  const child = tree[head];
  if (!child) return;
  if (rest.length === 0) {
    if (Object.keys(child).some((k) => k !== '.')) delete child['.'];
    else delete tree[head];
    return;
  }
  removePath(child, rest);
  if (Object.keys(child).length === 0) delete tree[head];
}

/** Both trees' members (a node that is a member on one side and a parent on the other keeps `.`). */
export function union(a: FieldTree, b: FieldTree): FieldTree {
  const out: FieldTree = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k];
    const y = b[k];
    if (!x) out[k] = cloneJson(y);
    else if (!y) out[k] = cloneJson(x);
    else {
      const xLeaf = Object.keys(x).length === 0;
      const yLeaf = Object.keys(y).length === 0;
      if (xLeaf && yLeaf) out[k] = {};
      else {
        const m = union(x, y);
        if (xLeaf || yLeaf) m['.'] = {};
        out[k] = m;
      }
    }
  }
  return out;
}

function nodeAt(tree: FieldTree, path: FieldPath): FieldTree | undefined {
  let t: FieldTree | undefined = tree;
  for (const e of path) t = t?.[e];
  return t;
}

/** The tree without the given member paths. */
export function difference(tree: FieldTree, remove: FieldPath[]): FieldTree {
  const out = cloneJson(tree);
  for (const p of remove) removePath(out, p);
  return out;
}

function isEmpty(tree: FieldTree): boolean {
  return Object.keys(tree).length === 0;
}

// ---------------------------------------------------------------------------
// Values at paths

/** The value at a path of an object (undefined when absent). */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  let v: unknown = obj;
  for (const e of path) {
    if (e === '.') continue;
    if (e.startsWith('f:')) v = isDict(v) ? v[e.slice(2)] : undefined;
    else if (e.startsWith('k:')) {
      const want = JSON.parse(e.slice(2)) as Dict;
      v = Array.isArray(v) ? v.find((item) => isDict(item) && Object.entries(want).every(([k, x]) => jsonEqual(item[k] ?? KEY_DEFAULTS[k], x))) : undefined;
    } else if (e.startsWith('v:')) {
      const want: unknown = JSON.parse(e.slice(2));
      v = Array.isArray(v) ? v.find((item) => jsonEqual(item, want)) : undefined;
    } else return undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: FieldPath): string {
  let s = '';
  for (const e of path) {
    if (e === '.') continue;
    if (e.startsWith('f:')) s += `.${e.slice(2)}`;
    else if (e.startsWith('k:')) {
      const k = JSON.parse(e.slice(2)) as Dict;
      s += `[${Object.keys(k)
        .sort()
        .map((f) => `${f}=${JSON.stringify(k[f])}`)
        .join(',')}]`;
    } else if (e.startsWith('v:')) s += `[=${e.slice(2)}]`;
    else if (e.startsWith('i:')) s += `[${e.slice(2)}]`;
  }
  return s;
}

// ---------------------------------------------------------------------------
// Entries

export function entriesOf(obj: KubeObject): ManagedFieldsEntry[] {
  const mf = obj.metadata.managedFields;
  return Array.isArray(mf) ? (cloneJson(mf) as ManagedFieldsEntry[]) : [];
}

/** Entries sorted as the API server stores them: by operation, time, manager, apiVersion. */
function sorted(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const t = (e: ManagedFieldsEntry) => (e.time ? Date.parse(e.time) / 1000 : 0);
  return [...entries].sort((p, q) => (p.operation !== q.operation ? (p.operation < q.operation ? -1 : 1) : t(p) !== t(q) ? t(p) - t(q) : p.manager !== q.manager ? (p.manager < q.manager ? -1 : 1) : p.apiVersion < q.apiVersion ? -1 : p.apiVersion > q.apiVersion ? 1 : 0));
}

export function setEntries(obj: KubeObject, entries: ManagedFieldsEntry[]): void {
  const kept = entries.filter((e) => !isEmpty(e.fieldsV1));
  if (kept.length === 0) delete obj.metadata.managedFields;
  else obj.metadata.managedFields = sorted(kept) as unknown as KubeObject['metadata']['managedFields'];
}

/**
 * An Update by `manager`: the changed fields become its own and leave every
 * other manager's set.
 */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, kind: string, manager: string, time: string, subresource?: string): void {
  const changed = changedSet(before, after, kind);
  const same = (e: ManagedFieldsEntry) => e.manager === manager && e.operation === 'Update' && e.apiVersion === after.apiVersion && e.subresource === subresource;
  const entries = (before ? entriesOf(before) : []).filter((e) => !same(e));
  const taken = paths(changed);
  const others = entries.map((e) => ({ ...e, fieldsV1: difference(e.fieldsV1, taken) }));
  const previous = (before ? entriesOf(before) : []).find(same);
  const mine = previous ? union(previous.fieldsV1, changed) : changed;
  // Fields this manager owned that are gone from the object are no one's any more.
  const pruned = difference(mine, paths(mine).filter((p) => valueAt(ownable(after), p) === undefined));
  const entry: ManagedFieldsEntry = { manager, operation: 'Update', apiVersion: after.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: isEmpty(changed) && previous ? previous.fieldsV1 : pruned };
  if (subresource) entry.subresource = subresource;
  setEntries(after, [...others, entry]);
}

/** A field another manager owns with a different value from the applied one. */
export interface Conflict {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  path: FieldPath;
}

export function conflictsFor(live: KubeObject, config: KubeObject, configSet: FieldTree, manager: string): Conflict[] {
  const out: Conflict[] = [];
  const liveO = ownable(live);
  const cfgO = ownable(config);
  for (const e of entriesOf(live)) {
    if (e.manager === manager && e.operation === 'Apply') continue;
    for (const p of paths(configSet)) {
      if (!hasPath(e.fieldsV1, p)) continue;
      const lv = valueAt(liveO, p);
      if (lv === undefined) continue;
      // List elements conflict only through their leaves.
      if (Object.keys(nodeAt(configSet, p) ?? {}).length > 0) continue;
      const cv = valueAt(cfgO, p);
      // An empty map applied over a filled one removes nothing of others': no conflict.
      if (isDict(lv) && isDict(cv) && Object.keys(cv).length === 0) continue;
      if (!jsonEqual(lv, cv)) out.push({ manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, path: p });
    }
  }
  return out;
}

/** How conflict.go names a manager: `"x"` for appliers, `"x" using apps/v1` for updaters. */
export function printManager(c: Pick<Conflict, 'manager' | 'operation' | 'apiVersion'>): string {
  const name = JSON.stringify(c.manager);
  return c.operation === 'Update' ? `${name} using ${c.apiVersion}` : name;
}

/**
 * getConflictMessage: one conflict on a line; several grouped by manager
 * (managers sorted), one `- path` line each.
 */
export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0])}: ${pathString(conflicts[0].path)}`;
  const by = new Map<string, { c: Conflict; paths: string[] }>();
  for (const c of conflicts) {
    const key = printManager(c);
    const g = by.get(key) ?? { c, paths: [] };
    g.paths.push(pathString(c.path));
    by.set(key, g);
  }
  const lines: string[] = [];
  for (const key of [...by.keys()].sort((a, b) => (by.get(a)!.c.manager < by.get(b)!.c.manager ? -1 : 1))) {
    lines.push(`conflicts with ${key}:`);
    for (const p of by.get(key)!.paths) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------
// Applying a configuration

/**
 * The object after `manager` applies `config`: fields it applied before and
 * no longer applies are removed unless someone else owns them; the
 * configuration is merged in (keyed lists element by element, atomic
 * values whole).
 */
export function mergeApplied(live: KubeObject, config: KubeObject, kind: string, previousSet: FieldTree, configSet: FieldTree, othersSet: FieldTree): KubeObject {
  const out = cloneJson(live) as unknown as Dict;
  // A node the configuration or another manager still has fields under is not dropped itself.
  const dropped = paths(previousSet).filter((p) => !hasPath(configSet, p) && !nodeAt(configSet, p) && !nodeAt(othersSet, p));
  // Shallowest first: a dropped element takes its fields with it (they are needed to find it).
  const done: FieldPath[] = [];
  for (const p of dropped.sort((a, b) => a.length - b.length)) {
    if (done.some((d) => d.every((e, i) => p[i] === e))) continue;
    removeAt(out, p);
    done.push(p);
  }
  mergeInto(out, cloneJson(config) as unknown as Dict, rootTypeFor(kind));
  return out as unknown as KubeObject;
}

function removeAt(obj: Dict, path: FieldPath): void {
  const p = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
  const parent = valueAt(obj, p.slice(0, -1));
  const last = p[p.length - 1];
  if (last.startsWith('f:') && isDict(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const target = valueAt(obj, p);
    const i = parent.indexOf(target);
    if (i >= 0) parent.splice(i, 1);
  }
  // A list or map left empty is dropped, as the typed object's omitempty field would be.
  const emptied = Array.isArray(parent) ? parent.length === 0 : isDict(parent) && Object.keys(parent).length === 0;
  const holder = p.length >= 2 ? valueAt(obj, p.slice(0, -2)) : undefined;
  const key = p[p.length - 2];
  if (emptied && isDict(holder) && key?.startsWith('f:')) delete holder[key.slice(2)];
}

function mergeInto(target: Dict, src: Dict, type: string | undefined): void {
  for (const [k, x] of Object.entries(src)) {
    if (x === null) continue;
    const cur = target[k];
    if (Array.isArray(x)) {
      const lk = listKind(type, k);
      if (lk.kind === 'map' && Array.isArray(cur)) {
        const merged: unknown[] = [];
        for (const item of x) {
          const key = keyOf(item, lk.keys);
          const prev = cur.find((c) => keyOf(c, lk.keys) === key);
          if (isDict(prev) && isDict(item)) {
            const m = cloneJson(prev);
            mergeInto(m, item, lk.type);
            merged.push(m);
          } else merged.push(item);
        }
        // Elements others keep stay, after the applied ones.
        for (const c of cur) if (!x.some((item) => keyOf(item, lk.keys) === keyOf(c, lk.keys))) merged.push(c);
        target[k] = merged;
      } else if (lk.kind === 'set' && Array.isArray(cur)) {
        target[k] = [...x, ...cur.filter((c) => !x.some((item) => jsonEqual(item, c)))];
      } else target[k] = x;
    } else if (isDict(x) && isDict(cur) && !atomicStruct(type, k)) {
      mergeInto(cur, x, childType(type, k));
    } else target[k] = x;
  }
}
