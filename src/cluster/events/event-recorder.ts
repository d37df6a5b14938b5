import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import type { Simulation } from '../simulation.js';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordOptions {
  /** `spec.containers{web}` for container events. */
  fieldPath?: string;
}

/** Events live one hour after their last update, like the API server's default --event-ttl. */
const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * Records core/v1 Events with client-go's correlation: an event identical in
 * source, object, type, reason and message to an earlier one bumps its count
 * and lastTimestamp instead of creating a new object (kubectl shows
 * `(x4 over 2m)`).
 *
 * @see k8s.io/client-go/tools/record/events_cache.go
 */
export class EventRecorder {
  private readonly index = new Map<string, string>();
  private readonly lastNanos = new Map<string, bigint>();
  private lastPrune = -Infinity;

  constructor(private readonly sim: Simulation) {}

  record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    opts: RecordOptions = {},
  ): void {
    const now = this.sim.now();
    const namespace = obj.metadata.namespace || 'default';
    const key = [source.component, source.host ?? '', obj.kind, namespace, obj.metadata.name, obj.metadata.uid, opts.fieldPath ?? '', type, reason, message].join('\u0000');
    const store = this.sim.store;
    const existingName = this.index.get(key);
    const existing = existingName ? store.get('events', namespace, existingName) : undefined;
    if (existing) {
      const next = cloneJson(existing);
      next.count = ((existing.count as number | undefined) ?? 1) + 1;
      next.lastTimestamp = rfc3339(now);
      store.replace('events', next, { owned: true });
      return;
    }
    this.prune(now);
    // client-go names events `<object>.<unix nanos in hex>`.
    // Several events for one object in the same instant (a ReplicaSet creating
    // 1,000 pods) take successive nanoseconds, remembered per object so names
    // stay unique without probing the store one nanosecond at a time.
    const base = `${namespace}/${obj.metadata.name}`;
    let nanos = BigInt(now) * 1_000_000n;
    const last = this.lastNanos.get(base);
    if (last !== undefined && nanos <= last) nanos = last + 1n;
    let name = `${obj.metadata.name}.${nanos.toString(16)}`;
    while (store.get('events', namespace, name)) {
      nanos += 1n;
      name = `${obj.metadata.name}.${nanos.toString(16)}`;
    }
    this.lastNanos.set(base, nanos);
    const involvedObject: Record<string, unknown> = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
    };
    if (obj.metadata.namespace) involvedObject.namespace = obj.metadata.namespace;
    if (opts.fieldPath) involvedObject.fieldPath = opts.fieldPath;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name,
        namespace,
        uid: this.sim.rng.uid(),
        creationTimestamp: rfc3339(now),
      },
      involvedObject,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    store.insert('events', event, { owned: true });
    this.index.set(key, name);
  }

  private prune(now: number): void {
    // Scanning every event on every new one is quadratic in a busy cluster:
    // expire at most once per simulated minute.
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const ev of this.sim.store.list('events')) {
      const last = Date.parse((ev.lastTimestamp as string | undefined) ?? ev.metadata.creationTimestamp ?? '');
      if (!Number.isNaN(last) && now - last > EVENT_TTL_MS) {
        this.sim.store.remove('events', ev.metadata.namespace ?? '', ev.metadata.name!);
      }
    }
  }
}
