import { useSyncExternalStore } from 'react';
import type { Simulation } from '../../cluster/simulation.js';

/** The simulation's version: changes whenever the store changes (re-renders readers). */
export function useSimVersion(sim: Simulation): number {
  return useSyncExternalStore(
    (cb) => sim.subscribe(cb),
    () => sim.getVersion(),
  );
}
