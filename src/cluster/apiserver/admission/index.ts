import type { Simulation } from '../../simulation.js';

/** Installs the admission chain (LimitRanger, ServiceAccount, ResourceQuota, …) on the API server. */
export function installAdmission(sim: Simulation): void {
  void sim;
}
