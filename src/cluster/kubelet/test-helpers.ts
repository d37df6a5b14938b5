import type { KubeObject } from '../api/meta.js';
import { Simulation } from '../simulation.js';

/** A simulation with a `default` namespace and one worker node, for kubelet tests. */
export function kubeletSim(opts: ConstructorParameters<typeof Simulation>[0] = {}): Simulation {
  const sim = new Simulation({ seed: 1, ...opts });
  for (const ns of ['default', 'kube-node-lease', 'kube-system']) {
    if (!sim.store.get('namespaces', '', ns)) sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  if (!sim.store.get('nodes', '', 'node-1')) {
    sim.api.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
      spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
      status: {
        addresses: [
          { type: 'InternalIP', address: '172.18.0.3' },
          { type: 'Hostname', address: 'node-1' },
        ],
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      },
    });
  }
  sim.settle();
  return sim;
}

/** Creates a pod bound to node-1 (no scheduler involved). */
export function createPod(sim: Simulation, name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  const r = sim.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { nodeName: 'node-1', ...spec },
  });
  if (!r.ok) throw new Error(`create pod ${name}: ${JSON.stringify(r)}`);
  sim.settle();
  return r.value;
}

export function pod(sim: Simulation, name: string): KubeObject | undefined {
  return sim.store.get('pods', 'default', name);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cstatus(sim: Simulation, name: string, container?: string, init = false): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const st = pod(sim, name)?.status as any;
  const list = (init ? st?.initContainerStatuses : st?.containerStatuses) ?? [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return container ? list.find((c: any) => c.name === container) : list[0];
}

/** Events about a pod as `reason: message` lines, oldest first. */
export function podEvents(sim: Simulation, name: string): string[] {
  return sim.store
    .list('events', 'default')
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) || a.metadata.name!.localeCompare(b.metadata.name!))
    .map((e) => `${e.reason as string}: ${e.message as string}${(e.count as number) > 1 ? ` (x${e.count as number})` : ''}`);
}

export function sec(sim: Simulation, s: number): void {
  sim.advanceBy(s * 1000);
}
