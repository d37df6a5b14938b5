import { isDict } from '../../cluster/api/meta.js';
import type { Simulation } from '../../cluster/simulation.js';

/**
 * The API server address the kubeconfig points at: the control-plane node's
 * InternalIP on port 6443, as kubeadm writes admin.conf.
 */
export function apiServerUrl(sim: Simulation): string {
  const nodes = sim.store.list('nodes');
  const cp = nodes.find((n) => n.metadata.labels && 'node-role.kubernetes.io/control-plane' in n.metadata.labels) ?? nodes[0];
  const addresses = cp && isDict(cp.status) && Array.isArray(cp.status.addresses) ? (cp.status.addresses as { type: string; address: string }[]) : [];
  const ip = addresses.find((a) => a.type === 'InternalIP')?.address ?? '172.30.1.2';
  return `https://${ip}:6443`;
}
