/**
 * The one place real time enters the simulation: elapsed wall time × speed
 * becomes `advanceBy`, four times a second. Tests never mount it; they call
 * advanceBy themselves.
 */
import { useEffect, useRef } from 'react';
import type { Simulation } from '../../cluster/simulation.js';

export const PUMP_INTERVAL_MS = 250;

export function useSimPump(sim: Simulation, speed: number, onTick: () => void, onError?: (e: Error) => void): void {
  const tick = useRef(onTick);
  tick.current = onTick;
  const fail = useRef(onError);
  fail.current = onError;
  useEffect(() => {
    if (speed <= 0) return;
    let last = performance.now();
    const id = setInterval(() => {
      const now = performance.now();
      const elapsed = now - last;
      last = now;
      try {
        sim.advanceBy(Math.round(elapsed * speed));
      } catch (e) {
        // The clock stops rather than crashing the trainer; the screen says why.
        clearInterval(id);
        fail.current?.(e as Error);
        return;
      }
      tick.current();
    }, PUMP_INTERVAL_MS);
    return () => clearInterval(id);
  }, [sim, speed]);
}
