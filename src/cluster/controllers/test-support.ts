/**
 * Test support for controller and scheduler tests: a sandbox simulation whose
 * real kubelets are stopped and replaced by a scripted one, so controller
 * behaviour is tested on its own (pods become Running and Ready a fixed time
 * after binding, terminating pods go away after their grace period, node
 * leases are renewed every 10 s).
 */
import { cloneJson, rfc3339, rfc3339Micro, type KubeObject } from '../api/meta.js';
import { kindByResourceKey } from '../kinds/registry.js';
import { Simulation, type SimulationOptions } from '../simulation.js';

export interface ScriptedKubeletOptions {
  /** How long after binding a pod turns Running and (if `ready`) Ready. */
  readyAfterMs?: number;
  /** Whether a pod ever becomes ready (default: always). */
  ready?: (pod: KubeObject) => boolean;
  /** For run-to-completion pods: the exit code and how long after start (restartPolicy Never). */
  exit?: (pod: KubeObject) => { afterMs: number; code: number } | undefined;
}

export interface TestCluster {
  sim: Simulation;
  /** Stops lease renewals of a node (its kubelet "dies"). */
  stopHeartbeat(node: string): void;
  startHeartbeat(node: string): void;
}

export function testCluster(opts: SimulationOptions & ScriptedKubeletOptions = {}): TestCluster {
  const sim = new Simulation({ seed: 1, ...opts });
  const kubelet = sim.kubelet as unknown as { stopNode?: (n: string) => void };
  for (const n of sim.store.list('nodes')) kubelet.stopNode?.(n.metadata.name!);
  const readyAfter = opts.readyAfterMs ?? 2000;
  const ready = opts.ready ?? (() => true);
  const dead = new Set<string>();
  const started = new Set<string>();
  let ipSeq = 100;
  const podDef = kindByResourceKey('pods')!;

  const start = (ns: string, name: string, uid: string) => {
    const pod = sim.store.get('pods', ns, name);
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) return;
    const nodeName = (pod.spec as { nodeName: string }).nodeName;
    if (dead.has(nodeName)) return;
    const node = sim.store.get('nodes', '', nodeName);
    const hostIP = ((node?.status as { addresses?: { type: string; address: string }[] })?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '172.30.1.9';
    const isReady = ready(pod);
    const t = rfc3339(sim.now());
    const ip = `10.244.${50 + Math.floor(ipSeq / 250)}.${ipSeq++ % 250}`;
    const st = cloneJson((pod.status ?? {}) as Record<string, unknown>);
    const cond = (type: string, status: boolean) => ({ lastProbeTime: null, lastTransitionTime: t, status: status ? 'True' : 'False', type });
    const sched = ((st.conditions as { type: string }[] | undefined) ?? []).find((c) => c.type === 'PodScheduled') ?? cond('PodScheduled', true);
    Object.assign(st, {
      phase: 'Running',
      conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', isReady), cond('ContainersReady', isReady), sched],
      hostIP,
      podIP: ip,
      podIPs: [{ ip }],
      startTime: t,
      containerStatuses: ((pod.spec as { containers: { name: string; image: string }[] }).containers ?? []).map((c) => ({
        image: c.image,
        name: c.name,
        ready: isReady,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: t } },
      })),
    });
    sim.api.updateStatus({ ...pod, status: st });
    const ex = opts.exit?.(pod);
    if (ex) sim.clock.setTimeout(() => finish(ns, name, uid, ex.code), ex.afterMs);
  };

  const finish = (ns: string, name: string, uid: string, code: number) => {
    const pod = sim.store.get('pods', ns, name);
    if (!pod || pod.metadata.uid !== uid) return;
    const t = rfc3339(sim.now());
    const st = cloneJson((pod.status ?? {}) as Record<string, unknown> & { conditions: { type: string; status: string; lastTransitionTime: string; reason?: string }[]; containerStatuses: Record<string, unknown>[] });
    st.phase = code === 0 ? 'Succeeded' : 'Failed';
    for (const c of st.conditions) if (c.type === 'Ready' || c.type === 'ContainersReady') Object.assign(c, { status: 'False', lastTransitionTime: t, reason: 'PodCompleted' });
    st.containerStatuses = st.containerStatuses.map((c) => ({
      ...c,
      ready: false,
      started: false,
      state: { terminated: { exitCode: code, finishedAt: t, reason: code === 0 ? 'Completed' : 'Error', startedAt: (c.state as { running: { startedAt: string } }).running.startedAt } },
    }));
    sim.api.updateStatus({ ...pod, status: st });
  };

  sim.store.watch((e) => {
    if (e.resource !== 'pods' || e.type === 'DELETED') return;
    const pod = e.object;
    const nodeName = (pod.spec as { nodeName?: string }).nodeName;
    if (!nodeName) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}`;
    if (pod.metadata.deletionTimestamp && !started.has(`${key}/del`)) {
      started.add(`${key}/del`);
      const due = Date.parse(pod.metadata.deletionTimestamp) - sim.now();
      const ns = pod.metadata.namespace!;
      const name = pod.metadata.name!;
      sim.clock.setTimeout(() => {
        if (dead.has(nodeName)) return;
        const cur = sim.store.get('pods', ns, name);
        if (cur && cur.metadata.uid === pod.metadata.uid) sim.api.delete(podDef, ns, name, { gracePeriodSeconds: 0 });
      }, Math.max(0, due));
      return;
    }
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' || started.has(key)) return;
    started.add(key);
    sim.clock.setTimeout(() => start(pod.metadata.namespace!, pod.metadata.name!, pod.metadata.uid!), readyAfter);
  });

  const renew = () => {
    for (const n of sim.store.list('nodes')) {
      if (dead.has(n.metadata.name!)) continue;
      const lease = sim.store.get('leases.coordination.k8s.io', 'kube-node-lease', n.metadata.name!);
      if (!lease) continue;
      const next = cloneJson(lease);
      (next.spec as { renewTime: string }).renewTime = rfc3339Micro(sim.now());
      sim.store.replace('leases.coordination.k8s.io', next);
    }
    sim.clock.setTimeout(renew, 10_000);
  };
  renew();
  sim.settle();
  return {
    sim,
    stopHeartbeat: (n) => dead.add(n),
    startHeartbeat: (n) => dead.delete(n),
  };
}

/** A Deployment manifest for tests. */
export function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...extra,
    },
  };
}

export function mustCreate(sim: Simulation, obj: KubeObject): KubeObject {
  const r = sim.api.create(obj);
  if (!r.ok) throw new Error(`create ${obj.kind} ${obj.metadata.name}: ${r.error.message}`);
  sim.settle();
  return r.value;
}

/** Applies a change to a stored object through the API server (an `kubectl edit`). */
export function mustUpdate(sim: Simulation, resource: string, ns: string, name: string, change: (o: KubeObject) => void): KubeObject {
  const cur = sim.store.get(resource, ns, name);
  if (!cur) throw new Error(`${resource} ${ns}/${name} not found`);
  const next = cloneJson(cur);
  change(next);
  const r = sim.api.update(next);
  if (!r.ok) throw new Error(`update ${name}: ${r.error.message}`);
  sim.settle();
  return r.value;
}

/** Events about an object, `Reason: message (xN)`, oldest first. */
export function eventsFor(sim: Simulation, ns: string, name: string): string[] {
  return sim.store
    .list('events', ns)
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason}: ${e.message}${(e.count as number) > 1 ? ` (x${e.count})` : ''}`);
}
