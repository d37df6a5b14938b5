import type { KubeObject } from '../api/meta.js';
import type { Simulation } from '../simulation.js';
import type { Rng } from '../time/rng.js';
import {
  connectHost,
  connectIp,
  resolveHost,
  type Client,
  type ConnectOptions,
  type ConnectResult,
  type NetHost,
  type Resolution,
} from './connect.js';
import { runInContainer, type ExecOptions, type ExecResult, type Overlay } from './exec.js';
import { isIPv4 } from './ip.js';
import type { Protocol } from './model.js';

export type { ExecOptions, ExecResult } from './exec.js';
export type { Client, ConnectOptions, ConnectOutcome, ConnectResult, NetHost, Resolution } from './connect.js';
export type { Protocol } from './model.js';
export type { PolicyEndpoint, PolicyVerdict, DirectionVerdict } from './network-policy.js';
export { evaluate as evaluateNetworkPolicy } from './network-policy.js';

/** A pod named by namespace and name, or the stored object itself. */
export type PodRef = { namespace: string; name: string } | KubeObject;

/** What a process run with `kubectl exec` can do on the pod network. */
export interface Network {
  /**
   * Runs a command inside a running container (argv as given after `--`).
   * The caller (kubectl exec) has checked that the pod and container exist
   * and run. Timeouts let simulated time pass.
   */
  exec(namespace: string, pod: string, container: string, argv: string[], stdin?: string, opts?: ExecOptions): ExecResult;
  /**
   * Whether `from` can open a connection to `host:port` right now, and why
   * not: DNS (search path, kube-dns reachability), Service routing
   * (endpoints, targetPort), NetworkPolicy at both ends, and whether the
   * destination process listens. Uses no simulated time.
   * `from` is a pod, or `{ node }` for traffic from a node (kubelet probes).
   */
  connect(from: PodRef | { node: string }, host: string, port: number, protocol?: Protocol, opts?: ConnectOptions): ConnectResult;
  /** Name resolution as the pod's libc does it (hosts file, search path). */
  resolve(from: PodRef, name: string): Resolution;
}

/** Builds the network over a simulation. */
export function installNetwork(sim: Simulation): Network {
  const rng: Rng = sim.rng.fork('network');
  const host: NetHost = {
    store: sim.store,
    kubelet: () => sim.kubelet,
    rng,
    now: () => sim.now(),
    advanceBy: (ms) => sim.advanceBy(ms),
  };
  const network = createNetwork(host, sim.rng.fork('exec-ids'));
  // What a container's process sees when it connects at start (images'
  // `connects:`); port 0 asks for name resolution only. `any` endpoint, so
  // container starts draw no randomness.
  sim.images.setConnectivity((from, name, port) => {
    const pod = { namespace: from.namespace, name: from.pod };
    if (port === 0) {
      const r = network.resolve(pod, name);
      return r.kind === 'ok' ? 'ok' : r.kind === 'timeout' ? 'timeout' : 'nxdomain';
    }
    const r = network.connect(pod, name, port, 'TCP', { pick: 'any' });
    return r.outcome === 'unreachable' ? 'timeout' : r.outcome;
  });
  return network;
}

/**
 * A network over any host (tests use a fake kubelet and a plain store).
 * `toClient` turns a caller's reference into a client; the default looks
 * pods up in the host's store.
 */
export function createNetwork(
  host: NetHost,
  idRng: Rng,
  toClientFn?: (from: PodRef | { node: string }) => Client | undefined,
): Network {
  const overlay: Overlay = new Map();
  const clientOf =
    toClientFn ??
    ((from: PodRef | { node: string }): Client | undefined => {
      if ('node' in from && typeof from.node === 'string') return { node: from.node };
      if ('metadata' in from) return { pod: from as KubeObject };
      const ref = from as { namespace: string; name: string };
      const pod = host.store.get('pods', ref.namespace, ref.name);
      return pod ? { pod } : undefined;
    });
  return {
    exec(namespace, podName, container, argv, stdin = '', opts = {}) {
      const pod = host.store.get('pods', namespace, podName);
      const proc = opts.process ?? host.kubelet().process(namespace, podName, container);
      if (!pod || !proc) {
        return { stdout: '', stderr: '', exitCode: 1, startError: `container ${container} is not running in pod ${namespace}/${podName}` };
      }
      return runInContainer({ host, overlay, idRng }, pod, container, proc, argv, stdin, opts);
    },
    connect(from, name, port, protocol = 'TCP', opts = {}) {
      const client = clientOf(from);
      if (!client) return { outcome: 'unreachable', stage: 'route', port, explanation: 'the client pod does not exist' };
      if ('node' in client && isIPv4(name)) return connectIp(host, client, name, port, protocol, opts);
      return connectHost(host, client, name, port, protocol, opts);
    },
    resolve(from, name) {
      const client = clientOf(from);
      if (!client) return { kind: 'nxdomain', tried: [], explanation: 'the client pod does not exist' };
      return resolveHost(host, client, name);
    },
  };
}

/**
 * Can `from` reach `host:port`? The question images ("the app connects to
 * db:5432 at start") and scenario objectives ("pods with app=web can reach
 * db:5432") ask. Prefer `{ pick: 'any' }` in checks so no randomness is used.
 */
export function connect(
  sim: Simulation,
  from: PodRef | { node: string },
  host: string,
  port: number,
  protocol: Protocol = 'TCP',
  opts: ConnectOptions = {},
): ConnectResult {
  return sim.network.connect(from, host, port, protocol, opts);
}

/** One pod's answer in {@link podsReach}. */
export interface PodReach {
  pod: string;
  result: ConnectResult;
}

/**
 * For objectives such as "pods with app=web can reach db:5432": every
 * running pod in `namespace` matching the label map, with its connect()
 * verdict (pick `any`, so no randomness is used). Empty when no pod matches.
 */
export function podsReach(
  sim: Simulation,
  namespace: string,
  selector: Record<string, string>,
  host: string,
  port: number,
  protocol: Protocol = 'TCP',
): PodReach[] {
  return sim.store
    .list('pods', namespace)
    .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v))
    .filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running' && !p.metadata.deletionTimestamp)
    .map((p) => ({ pod: p.metadata.name ?? '', result: sim.network.connect(p, host, port, protocol, { pick: 'any' }) }));
}
