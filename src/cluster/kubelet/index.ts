import type { Simulation } from '../simulation.js';

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
  /** The HTTP answer on a listening port, or undefined when the port does not speak HTTP. */
  http(port: number, path: string): { status: number; body: string } | undefined;
  /** Programs the image ships (`sh`, `wget`, `curl`, `nc`, `nslookup`, `cat`, …). */
  tools: ReadonlySet<string>;
  /** Files inside the container, by absolute path. */
  files: Readonly<Record<string, string>>;
  /** The container's resolved environment. */
  env: Readonly<Record<string, string>>;
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
  /** Current resource use of a pod's running containers (for `kubectl top`), undefined if not running. */
  usage(namespace: string, pod: string): ContainerUsage[] | undefined;
}

export function installKubelet(sim: Simulation): Kubelet {
  void sim;
  return {
    logs: () => ({ ok: false, message: 'not implemented' }),
    process: () => undefined,
    usage: () => undefined,
  };
}
