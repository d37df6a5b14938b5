import type { KubeObject } from '../api/meta.js';
import { Simulation } from '../simulation.js';

/** A simulation with a `default` namespace and one worker node, for kubelet tests. */
export function kubeletSim(opts: ConstructorParameters<typeof Simulation>[0] = {}): Simulation {
  const sim = new Simulation({ seed: 1, ...opts });
  for (const ns of ['default', 'kube-node-lease', 'kube-system']) {
    if (!sim.store.get('namespaces', '', ns))
      sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
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
export function createPod(
  sim: Simulation,
  name: string,
  spec: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): KubeObject {
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
    .sort(
      (a, b) =>
        String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) ||
        a.metadata.name!.localeCompare(b.metadata.name!),
    )
    .map(
      (e) =>
        `${e.reason as string}: ${e.message as string}${(e.count as number) > 1 ? ` (x${e.count as number})` : ''}`,
    );
}

export function sec(sim: Simulation, s: number): void {
  sim.advanceBy(s * 1000);
}

/** kubectl's STATUS column for a pod (printers.go printPod, simplified). */
export function podStatusColumn(p: KubeObject | undefined): string {
  if (!p) return '<gone>';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const st = (p.status ?? {}) as any;
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  const inits = st.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated?.exitCode === 0) continue;
    initializing = true;
    if (c.state?.terminated)
      reason = `Init:${c.state.terminated.reason || 'ExitCode:' + c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    break;
  }
  if (!initializing) {
    const cs = st.containerStatuses ?? [];
    let hasRunning = false;
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.running && c.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (p.metadata.deletionTimestamp) reason = 'Terminating';
  const cs = st.containerStatuses ?? [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ready = cs.filter((c: any) => c.ready).length;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const restarts = cs.reduce((a: number, c: any) => a + (c.restartCount ?? 0), 0);
  return `${ready}/${cs.length || ((p.spec as { containers?: unknown[] }).containers?.length ?? 0)} ${reason} ${restarts}`;
}

/** Records `+<seconds>s <STATUS>` each time the pod's STATUS column changes. */
export function watchStatus(sim: Simulation, name: string): string[] {
  const t0 = sim.now();
  const out: string[] = [];
  let last = '';
  const record = () => {
    const s = podStatusColumn(pod(sim, name));
    if (s !== last) {
      last = s;
      out.push(`+${(sim.now() - t0) / 1000}s ${s}`);
    }
  };
  sim.store.watch((e) => {
    if (e.resource === 'pods' && e.object.metadata.name === name) record();
  });
  return out;
}
