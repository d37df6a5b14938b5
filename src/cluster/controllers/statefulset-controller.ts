/**
 * The StatefulSet controller: stable pod names `<name>-<ordinal>` with
 * hostname/subdomain, a PersistentVolumeClaim per volumeClaimTemplate and
 * ordinal, OrderedReady (one at a time, each Running and Ready before the
 * next) or Parallel management, rolling updates from the highest ordinal
 * down to the partition, and the status kubectl shows.
 *
 * @see k8s.io/kubernetes/pkg/controller/statefulset/stateful_set_control.go
 */
import { cloneJson, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { computeHash } from './hash.js';
import {
  controllerRef,
  isPodAvailable,
  isPodReady,
  isTerminal,
  onStore,
  ownerRefTo,
  podStatus,
  sameJson,
  splitKey,
  WorkQueue,
  type PodIndex,
  podProgressUnchanged,
} from './util.js';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';

interface STSSpec {
  replicas?: number;
  serviceName?: string;
  selector?: LabelSelector;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
  volumeClaimTemplates?: KubeObject[];
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  minReadySeconds?: number;
  ordinals?: { start?: number };
}

function ordinalOf(sts: KubeObject, pod: KubeObject): number {
  const m = new RegExp(
    `^${sts.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`,
  ).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
}

export function installStatefulSetController(sim: Simulation, pods: PodIndex): void {
  const queue = new WorkQueue(sim, STATEFULSET_CONTROLLER);
  onStore(sim, ['statefulsets.apps', 'pods'], (e) => {
    if (e.resource === 'statefulsets.apps') {
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      return;
    }
    const ref = controllerRef(e.object);
    if (ref?.kind !== 'StatefulSet') return;
    if (e.type === 'MODIFIED' && e.old && podProgressUnchanged(e.old, e.object)) return;
    queue.add(`${e.object.metadata.namespace}/${ref.name}`);
  });
  sim.addController({
    name: STATEFULSET_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        sync(sim, pods, queue, key);
      });
    },
  });
}

function sync(sim: Simulation, index: PodIndex, queue: WorkQueue, key: string): void {
  const [ns, name] = splitKey(key);
  const sts = sim.store.get('statefulsets.apps', ns, name);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const spec = (sts.spec ?? {}) as STSSpec;
  const podDef = kindByResourceKey('pods')!;
  const replicas = spec.replicas ?? 1;
  const start = spec.ordinals?.start ?? 0;
  const hash = computeHash(spec.template);
  const updateRevision = `${name}-${hash}`;
  ensureRevision(sim, sts, updateRevision);
  const now = sim.now();
  const minReady = spec.minReadySeconds ?? 0;
  const parallel = spec.podManagementPolicy === 'Parallel';
  const owned = index
    .ownedBy(sts.metadata.uid)
    .filter(
      (p) =>
        p.metadata.namespace === ns &&
        labelSelectorMatches(spec.selector ?? null, p.metadata.labels),
    );
  const byOrdinal = new Map<number, KubeObject>();
  for (const p of owned) {
    const o = ordinalOf(sts, p);
    if (o >= 0) byOrdinal.set(o, p);
  }
  const rec = (type: 'Normal' | 'Warning', reason: string, msg: string) =>
    sim.events.record(sts, type, reason, msg, { component: STATEFULSET_CONTROLLER });
  const healthy = (p: KubeObject | undefined) =>
    !!p && !p.metadata.deletionTimestamp && podStatus(p).phase === 'Running' && isPodReady(p);
  let blocked = false;
  // Create missing pods, and replace failed ones, in ordinal order.
  for (let o = start; o < start + replicas; o++) {
    const p = byOrdinal.get(o);
    if (p && isTerminal(p) && !p.metadata.deletionTimestamp) {
      rec(
        'Warning',
        'RecreatingFailedPod',
        `StatefulSet ${ns}/${name} is recreating failed Pod ${p.metadata.name}`,
      );
      if (sim.api.delete(podDef, ns, p.metadata.name!, { gracePeriodSeconds: 0 }).ok)
        rec(
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
        );
      byOrdinal.delete(o);
      blocked = !parallel;
      if (blocked) break;
      continue;
    }
    if (!p) {
      if (blocked) break;
      createPod(sim, sts, spec, o, updateRevision, rec);
      if (!parallel) {
        blocked = true;
        break;
      }
      continue;
    }
    if (!parallel && !healthy(p)) {
      blocked = true;
      break;
    }
  }
  // Scale down from the highest ordinal, one at a time unless Parallel.
  const condemned = [...byOrdinal.entries()]
    .filter(([o]) => o < start || o >= start + replicas)
    .sort((a, b) => b[0] - a[0]);
  if (!blocked) {
    for (const [, p] of condemned) {
      if (p.metadata.deletionTimestamp) {
        if (!parallel) break;
        continue;
      }
      if (
        !parallel &&
        [...byOrdinal.values()].some(
          (x) => x !== p && !healthy(x) && ordinalOf(sts, x) < start + replicas,
        )
      )
        break;
      if (sim.api.delete(podDef, ns, p.metadata.name!).ok)
        rec(
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
        );
      if (!parallel) break;
    }
  }
  // Rolling update: highest ordinal first, down to the partition, one at a time.
  if (
    !blocked &&
    condemned.length === 0 &&
    (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
  ) {
    const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let o = start + replicas - 1; o >= start + partition; o--) {
      const p = byOrdinal.get(o);
      if (!p) break;
      if (p.metadata.labels?.['controller-revision-hash'] === updateRevision) {
        if (!healthy(p)) break;
        continue;
      }
      if (p.metadata.deletionTimestamp) break;
      if ([...byOrdinal.values()].some((x) => !healthy(x))) break;
      if (sim.api.delete(podDef, ns, p.metadata.name!).ok)
        rec(
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
        );
      break;
    }
  }
  // Status.
  const current = index
    .ownedBy(sts.metadata.uid)
    .filter((p) => p.metadata.namespace === ns && !isTerminal(p));
  const live = current.filter((p) => !p.metadata.deletionTimestamp);
  const ready = live.filter(isPodReady);
  const updated = live.filter(
    (p) => p.metadata.labels?.['controller-revision-hash'] === updateRevision,
  );
  const old = (sts.status ?? {}) as Record<string, unknown>;
  const allUpdated = updated.length === replicas && live.length === replicas;
  const currentRevision = allUpdated
    ? updateRevision
    : ((old.currentRevision as string | undefined) ?? updateRevision);
  const status: Record<string, unknown> = {
    availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, now)).length,
    collisionCount: 0,
    currentReplicas: live.filter(
      (p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision,
    ).length,
    currentRevision,
    observedGeneration: sts.metadata.generation ?? 1,
    readyReplicas: ready.length,
    replicas: current.length,
    updateRevision,
    updatedReplicas: updated.length,
  };
  for (const k of ['currentReplicas', 'readyReplicas', 'updatedReplicas'])
    if (status[k] === 0) delete status[k];
  if (!sameJson(old, status)) sim.api.updateStatus({ ...sts, status });
  if (minReady > 0 && ready.length !== status.availableReplicas)
    queue.addAfter(key, minReady * 1000);
  // A pod or claim that could not be created (quota, admission) is tried again.
  // (When every live pod is healthy, no pod event would bring the sync back.)
  if (live.length < replicas && live.every(healthy)) queue.addAfter(key, 10_000);
}

function createPod(
  sim: Simulation,
  sts: KubeObject,
  spec: STSSpec,
  ordinal: number,
  revision: string,
  rec: (t: 'Normal' | 'Warning', r: string, m: string) => void,
): void {
  const ns = sts.metadata.namespace!;
  const stsName = sts.metadata.name!;
  const podName = `${stsName}-${ordinal}`;
  // Claims first.
  const claimVolumes: { name: string; persistentVolumeClaim: { claimName: string } }[] = [];
  for (const t of spec.volumeClaimTemplates ?? []) {
    const claimName = `${t.metadata.name}-${podName}`;
    claimVolumes.push({ name: t.metadata.name!, persistentVolumeClaim: { claimName } });
    if (sim.store.get('persistentvolumeclaims', ns, claimName)) continue;
    const res = sim.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: ns,
        labels: { ...(spec.selector?.matchLabels ?? {}), ...(t.metadata.labels ?? {}) },
        ...(t.metadata.annotations ? { annotations: t.metadata.annotations } : {}),
      },
      spec: cloneJson(t.spec ?? {}),
    });
    if (res.ok)
      rec(
        'Normal',
        'SuccessfulCreate',
        `create Claim ${claimName} Pod ${podName} in StatefulSet ${stsName} success`,
      );
    else {
      rec(
        'Warning',
        'FailedCreate',
        `create Claim ${claimName} for Pod ${podName} in StatefulSet ${stsName} failed error: ${res.error.message}`,
      );
      return;
    }
  }
  const tmpl = spec.template ?? {};
  const podSpec = cloneJson(tmpl.spec ?? {}) as Record<string, unknown> & {
    volumes?: { name: string }[];
  };
  const vols = (podSpec.volumes ?? []).filter((v) => !claimVolumes.some((c) => c.name === v.name));
  podSpec.volumes = [...vols, ...claimVolumes];
  if (podSpec.volumes.length === 0) delete podSpec.volumes;
  podSpec.hostname = podName;
  if (spec.serviceName) podSpec.subdomain = spec.serviceName;
  const res = sim.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: ns,
      labels: {
        ...(tmpl.metadata?.labels ?? {}),
        'apps.kubernetes.io/pod-index': String(ordinal),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
      },
      ...(tmpl.metadata?.annotations ? { annotations: cloneJson(tmpl.metadata.annotations) } : {}),
      ownerReferences: [ownerRefTo(sts)],
    },
    spec: podSpec,
  });
  if (res.ok)
    rec('Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${stsName} successful`);
  else
    rec(
      'Warning',
      'FailedCreate',
      `create Pod ${podName} in StatefulSet ${stsName} failed error: ${res.error.message}`,
    );
}

function ensureRevision(sim: Simulation, sts: KubeObject, name: string): void {
  const ns = sts.metadata.namespace!;
  if (sim.store.get('controllerrevisions.apps', ns, name)) return;
  const revs = sim.store
    .list('controllerrevisions.apps', ns)
    .filter((r) => controllerRef(r)?.uid === sts.metadata.uid);
  const revision = revs.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0) + 1;
  const spec = (sts.spec ?? {}) as STSSpec;
  sim.api.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: {
        ...(spec.template?.metadata?.labels ?? {}),
        'controller.kubernetes.io/hash': name.slice(sts.metadata.name!.length + 1),
      },
      ownerReferences: [ownerRefTo(sts)],
    },
    data: { spec: { template: { ...cloneJson(spec.template ?? {}), $patch: 'replace' } } },
    revision,
  });
}
