import type { Simulation } from './simulation.js';

export interface NodeSpec {
  name: string;
  role?: 'control-plane' | 'worker';
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
}

export interface ClusterSpec {
  nodes?: NodeSpec[];
}

/** Creates the namespaces, nodes and system pods of a fresh kubeadm-style cluster. */
export function bootstrapCluster(sim: Simulation, spec: ClusterSpec | undefined): void {
  void sim;
  void spec;
}
