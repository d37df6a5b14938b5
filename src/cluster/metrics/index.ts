import { parseQuantity } from '../api/quantity.js';
import type { ContainerUsage, NodeUsage } from '../kubelet/index.js';
import { NODE_SYSTEM_MEMORY } from '../kubelet/eviction.js';
import { METRICS_DELAY_MS, type KubeletManager } from '../kubelet/kubelet.js';

/**
 * What metrics-server would report for a pod: per running container, from
 * the images' behaviour. Nothing until the pod's first container has run
 * for about a minute (metrics-server's first scrape of a new container).
 *
 * @see sigs.k8s.io/metrics-server (15 s resolution, 60 s metric window)
 */
export function podUsage(
  k: KubeletManager,
  namespace: string,
  pod: string,
): ContainerUsage[] | undefined {
  const raw = k.rawUsage(namespace, pod);
  if (!raw) return undefined;
  const now = k.sim.now();
  const oldest = Math.min(...raw.map((c) => c.startedAt));
  if (now - oldest < METRICS_DELAY_MS) return undefined;
  return raw.map(({ name, cpuMillis, memoryBytes }) => ({ name, cpuMillis, memoryBytes }));
}

/** System overhead of a node besides pods: kubelet, containerd, systemd, kernel. */
export const NODE_OVERHEAD = { cpuMillis: 38, memoryBytes: NODE_SYSTEM_MEMORY };

/**
 * `kubectl top node`: the node's pods plus system overhead. Pods count as
 * soon as they run (the node's cgroup sees them at once).
 */
export function nodeUsage(k: KubeletManager, node: string): NodeUsage | undefined {
  if (!k.nodeRunning(node)) return undefined;
  let cpu = NODE_OVERHEAD.cpuMillis;
  let mem = NODE_OVERHEAD.memoryBytes;
  for (const w of k.workers.values()) {
    if (w.env.node.name !== node) continue;
    for (const c of k.rawUsage(w.namespace, w.name) ?? []) {
      cpu += c.cpuMillis;
      mem += c.memoryBytes;
    }
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}

/** Percentage of allocatable, as `kubectl top node` prints it (integer, truncated). */
export function percentOf(
  used: number,
  allocatable: string | number | undefined,
): number | undefined {
  const a = allocatable === undefined ? undefined : parseQuantity(allocatable);
  if (!a) return undefined;
  return Math.floor((used / a) * 100);
}
