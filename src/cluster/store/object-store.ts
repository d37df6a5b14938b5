import { cloneJson, deepFreeze, type KubeObject } from '../api/meta.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: string;
  object: KubeObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KubeObject;
}

export type WatchListener = (event: WatchEvent) => void;

export interface WriteOwnership {
  /** The object is the caller's own fresh copy: store it without copying. */
  owned?: boolean;
}

/**
 * The object store: the one source of truth (etcd's role). It knows nothing of
 * kinds or validation; the API server does that. Objects are copied and frozen
 * on the way in, so whatever a caller reads can be shared but never mutated.
 *
 * Keys are `resource` (plural, with group: `deployments.apps`) plus
 * namespace and name; cluster-scoped objects use the empty namespace.
 */
export class ObjectStore {
  private readonly byResource = new Map<string, Map<string, KubeObject>>();
  private readonly sortedCache = new Map<string, KubeObject[]>();
  private rv = 1000;
  private readonly listeners = new Set<WatchListener>();

  /** The store-wide resourceVersion: it moves on every write. */
  get revision(): number {
    return this.rv;
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.byResource.get(resource)?.get(key(namespace, name));
  }

  /** Objects of a resource, in namespace then name order (etcd key order). */
  list(resource: string, namespace?: string): readonly KubeObject[] {
    let all = this.sortedCache.get(resource);
    if (!all) {
      const m = this.byResource.get(resource);
      all = m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]) : [];
      this.sortedCache.set(resource, all);
    }
    if (namespace === undefined) return all;
    return all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  /** Every resource that has at least one object. */
  resources(): string[] {
    return [...this.byResource.keys()].filter((r) => (this.byResource.get(r)?.size ?? 0) > 0).sort();
  }

  /**
   * Stores a new object (the caller checked it does not exist). Returns the
   * stored copy. With `owned`, the caller hands over an object nobody else
   * holds, which is frozen in place instead of copied.
   */
  insert(resource: string, obj: KubeObject, opts: WriteOwnership = {}): KubeObject {
    const stored = this.freezeWithVersion(obj, opts);
    let m = this.byResource.get(resource);
    if (!m) this.byResource.set(resource, (m = new Map()));
    m.set(key(stored.metadata.namespace ?? '', stored.metadata.name!), stored);
    this.sortedCache.delete(resource);
    this.emit({ type: 'ADDED', resource, object: stored });
    return stored;
  }

  /** Replaces an existing object. Returns the stored copy (see `insert` for `owned`). */
  replace(resource: string, obj: KubeObject, opts: WriteOwnership = {}): KubeObject {
    const k = key(obj.metadata.namespace ?? '', obj.metadata.name!);
    const m = this.byResource.get(resource);
    const old = m?.get(k);
    if (!m || !old) throw new Error(`replace of missing object ${resource} ${k}`);
    const stored = this.freezeWithVersion(obj, opts);
    m.set(k, stored);
    this.sortedCache.delete(resource);
    this.emit({ type: 'MODIFIED', resource, object: stored, old });
    return stored;
  }

  remove(resource: string, namespace: string, name: string): KubeObject | undefined {
    const m = this.byResource.get(resource);
    const k = key(namespace, name);
    const old = m?.get(k);
    if (!m || !old) return undefined;
    m.delete(k);
    this.sortedCache.delete(resource);
    this.rv++;
    this.emit({ type: 'DELETED', resource, object: old, old });
    return old;
  }

  /**
   * Loads an object verbatim (resourceVersion included when present), for
   * snapshots and scenario bootstrap. Emits ADDED like any insert.
   */
  load(resource: string, obj: KubeObject): KubeObject {
    const copy = cloneJson(obj);
    if (!copy.metadata.resourceVersion) copy.metadata.resourceVersion = String(++this.rv);
    const stored = deepFreeze(copy);
    let m = this.byResource.get(resource);
    if (!m) this.byResource.set(resource, (m = new Map()));
    m.set(key(stored.metadata.namespace ?? '', stored.metadata.name!), stored);
    this.sortedCache.delete(resource);
    this.emit({ type: 'ADDED', resource, object: stored });
    return stored;
  }

  watch(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private freezeWithVersion(obj: KubeObject, opts: WriteOwnership): KubeObject {
    // An owned object may share frozen subtrees with the previous version;
    // only its new parts get frozen (deepFreeze stops at frozen nodes).
    const copy = opts.owned ? obj : cloneJson(obj);
    copy.metadata.resourceVersion = String(++this.rv);
    return deepFreeze(copy);
  }

  private emit(event: WatchEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function key(namespace: string, name: string): string {
  // '\u0000' sorts before every printable character, so "a" < "a-b" holds per namespace.
  return `${namespace}\u0000${name}`;
}
