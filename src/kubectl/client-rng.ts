import type { Simulation } from '../cluster/simulation.js';
import type { Rng } from '../cluster/time/rng.js';

const forks = new WeakMap<Simulation, Rng>();

/**
 * Randomness kubectl itself draws (temp directory names, generated debug pod
 * names): a fork of the simulation's RNG kept per simulation, so the
 * cluster's own draws are not shifted and the output is reproducible.
 */
export function clientRng(sim: Simulation): Rng {
  let r = forks.get(sim);
  if (!r) {
    r = sim.rng.fork('kubectl-client');
    forks.set(sim, r);
  }
  return r;
}
