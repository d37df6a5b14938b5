import type { Simulation } from '../simulation.js';
import { nodeUsage, podUsage } from '../metrics/index.js';
import { KubeletManager } from './kubelet.js';

export { KubeletManager } from './kubelet.js';

/** One log line a container wrote, with the simulated time it was written. */
export interface LogLine {
  time: number;
  text: string;
}

export type LogsResult = { ok: true; lines: LogLine[] } | { ok: false; message: string };

/**
 * A container's running process, as the network and `kubectl exec` see it.
 * Answers come from the image's behaviour (src/cluster/images).
 */
export interface RunningProcess {
  /** Whether it accepts connections on this port from other pods (bound to 0.0.0.0). */
  listensOn(port: number, protocol?: 'TCP' | 'UDP'): boolean;
  /** Whether it accepts connections on this port from inside the pod (127.0.0.1 included). */
  listensLocally?(port: number, protocol?: 'TCP' | 'UDP'): boolean;
  /**
   * The HTTP answer on a listening port, or undefined when the port does not
   * speak HTTP. With `client`, servers that keep an access log (nginx) log the
   * request, so `kubectl logs` shows it.
   */
  http(
    port: number,
    path: string,
    client?: HttpClient,
  ): { status: number; body: string } | undefined;
  /** Programs the image ships (`sh`, `wget`, `curl`, `nc`, `nslookup`, `cat`, …). */
  tools: ReadonlySet<string>;
  /** Where the image has executables whose location it knows (`gateway` → `/usr/local/bin/gateway`). */
  paths?: Readonly<Record<string, string>>;
  /** Files inside the container, by absolute path. */
  files: Readonly<Record<string, string>>;
  /** The container's resolved environment. */
  env: Readonly<Record<string, string>>;
}

/** Who sends an HTTP request, for the server's access log. */
export interface HttpClient {
  /** Source address as the server sees it (the client pod's IP, or a node IP after SNAT). */
  ip: string;
  /** `Wget`, `curl/8.11.1`, … */
  userAgent?: string;
}

export interface ContainerUsage {
  name: string;
  cpuMillis: number;
  memoryBytes: number;
}

/** What the kubelets expose to the API server (logs), exec, the network and metrics. */
export interface Kubelet {
  /**
   * Logs of a container; `previous` asks for the last terminated instance.
   * Errors carry the API server's message (`previous terminated container
   * "web" in pod "web-1" not found`).
   */
  logs(namespace: string, pod: string, container: string, previous: boolean): LogsResult;
  /** The running process of a container, or undefined when it is not running. */
  process(namespace: string, pod: string, container: string): RunningProcess | undefined;
  /**
   * Ends a running container's main process with `code` now (a shell that
   * `kubectl run -it` attached to was told `exit`); false when it does not run.
   */
  exitProcess(namespace: string, pod: string, container: string, code: number): boolean;
  /**
   * Current resource use of a pod's running containers (for `kubectl top`),
   * as metrics-server reports it: undefined until a container has run about
   * 60 s (its first scrape), or when nothing runs.
   */
  usage(namespace: string, pod: string): ContainerUsage[] | undefined;
  /**
   * A node's use for `kubectl top node`: the sum of its pods plus system
   * overhead (kubelet, containerd, OS), undefined when its kubelet is stopped.
   */
  nodeUsage(node: string): NodeUsage | undefined;
  /** Stops a node's kubelet (heartbeats, lease renewals and pod progress stop). */
  stopNode(node: string): void;
  /** Starts a stopped kubelet again; it re-posts Ready and adopts its pods. */
  startNode(node: string): void;
  /** Whether the node's kubelet runs. */
  nodeRunning(node: string): boolean;
}

export interface NodeUsage {
  cpuMillis: number;
  memoryBytes: number;
}

export function installKubelet(sim: Simulation): Kubelet {
  let manager: KubeletManager | undefined;
  // The store may already hold objects (snapshots); frozen clusters run no kubelet.
  const get = () => (manager ??= new KubeletManager(sim));
  if (!sim.frozen) get();
  return {
    logs: (ns, pod, c, prev) =>
      sim.frozen
        ? {
            ok: false,
            message: `container "${c}" in pod "${pod}" is waiting to start: ContainerCreating`,
          }
        : get().logs(ns, pod, c, prev),
    process: (ns, pod, c) => (sim.frozen ? undefined : get().process(ns, pod, c)),
    exitProcess: (ns, pod, c, code) => (sim.frozen ? false : get().exitProcess(ns, pod, c, code)),
    usage: (ns, pod) => (sim.frozen ? undefined : podUsage(get(), ns, pod)),
    nodeUsage: (node) => (sim.frozen ? undefined : nodeUsage(get(), node)),
    stopNode: (node) => get().stopNode(node),
    startNode: (node) => get().startNode(node),
    nodeRunning: (node) => (sim.frozen ? false : get().nodeRunning(node)),
    manager: () => get(),
  } as Kubelet;
}
