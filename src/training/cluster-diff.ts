/**
 * What changed in the cluster during a drill, for the debrief: objects
 * created, deleted and changed (spec and metadata, not status), summarised in
 * lines a learner reads in a few seconds. Pure: works on object snapshots.
 */
import type { KubeObject } from '../cluster/api/meta.js';

export interface ClusterSnapshot {
  /** `resource namespace/name` → object. */
  objects: Map<string, { resource: string; obj: KubeObject }>;
}

/** Kinds whose churn is noise in a summary (controllers write them constantly). */
const NOISE = new Set(['events', 'events.events.k8s.io', 'leases.coordination.k8s.io', 'endpoints', 'endpointslices.discovery.k8s.io', 'controllerrevisions.apps']);

export function snapshotStore(store: { resources(): string[]; list(resource: string): readonly KubeObject[] }): ClusterSnapshot {
  const objects = new Map<string, { resource: string; obj: KubeObject }>();
  for (const resource of store.resources()) {
    if (NOISE.has(resource)) continue;
    for (const obj of store.list(resource)) {
      const ns = obj.metadata.namespace;
      objects.set(`${resource} ${ns ? `${ns}/` : ''}${obj.metadata.name}`, { resource, obj });
    }
  }
  return { objects };
}

function leafChanges(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const seg = Array.isArray(a) ? `[${k}]` : `.${k}`;
      leafChanges(a[k], b[k], path + seg, out, limit);
    }
    return;
  }
  const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  const s = `${path}: ${show(a)} → ${show(b)}`;
  out.push(s.length > 120 ? `${s.slice(0, 117)}...` : s);
}

function shortResource(resource: string): string {
  return resource.split('.')[0];
}

/** Lines such as `~ deployments shop/checkout .spec.template…memory: 256Mi → 512Mi`. */
export function diffSnapshots(before: ClusterSnapshot, after: ClusterSnapshot, limit = 12): string[] {
  const created = new Map<string, number>();
  const deleted = new Map<string, number>();
  const changed: string[] = [];
  for (const [k, { resource, obj }] of after.objects) {
    const old = before.objects.get(k);
    if (!old) {
      created.set(resource, (created.get(resource) ?? 0) + 1);
      continue;
    }
    if (resource === 'pods') continue;
    const fields: string[] = [];
    const strip = (o: KubeObject) => {
      const { metadata, status: _status, ...rest } = o as KubeObject & { status?: unknown };
      const { resourceVersion: _rv, managedFields: _mf, generation: _g, annotations, ...meta } = metadata as Record<string, unknown>;
      const ann = { ...(annotations as Record<string, string> | undefined) };
      delete ann['kubectl.kubernetes.io/last-applied-configuration'];
      delete ann['deployment.kubernetes.io/revision'];
      return { metadata: { ...meta, annotations: Object.keys(ann).length ? ann : undefined }, ...rest };
    };
    leafChanges(strip(old.obj), strip(obj), '', fields, 4);
    if (fields.length) changed.push(`~ ${shortResource(resource)} ${k.split(' ')[1]}: ${fields.join('; ')}`);
  }
  for (const [k, { resource }] of before.objects) if (!after.objects.has(k)) deleted.set(resource, (deleted.get(resource) ?? 0) + 1);
  const lines = [...changed];
  const counts = (m: Map<string, number>, sign: string, verb: string) => {
    for (const [r, n] of [...m].sort()) lines.push(`${sign} ${n} ${shortResource(r)} ${verb}`);
  };
  counts(created, '+', 'created');
  counts(deleted, '-', 'deleted');
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}
