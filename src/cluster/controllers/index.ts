import type { Simulation } from '../simulation.js';
import { installScheduler } from '../scheduler/scheduler.js';
import { installReplicaSetController } from './replicaset-controller.js';
import { installEndpointsController } from './endpoints-controller.js';
import { PodIndex } from './util.js';

/** Registers the scheduler and the controller manager's controllers. */
export function installControllers(sim: Simulation): void {
  const pods = new PodIndex(sim);
  installScheduler(sim);
  installReplicaSetController(sim, pods);
  installEndpointsController(sim);
}
