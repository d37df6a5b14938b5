import type { Simulation } from '../simulation.js';

/** Registers the scheduler and the controller manager's controllers. */
export function installControllers(sim: Simulation): void {
  void sim;
}
