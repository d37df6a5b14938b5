import type { Simulation } from '../cluster/simulation.js';
import type { Shell } from '../shell/shell.js';
import type { Session } from '../training/session.js';
import type { PlayTarget } from './play-runner.js';

/** A drill's session as the player drives it: its clock moves, its objectives and guards are judged. */
export function sessionTarget(s: Session): PlayTarget {
  return {
    run: (line) => s.run(line),
    advanceBy: (ms) => s.sim.advanceBy(ms),
    now: () => s.sim.now(),
    objectives: () => s.objectives(),
    guards: () => s.guards(),
    inside: () => s.inside !== undefined,
    poll: () => s.poll(),
  };
}

/**
 * A trainer shell on a cluster with nothing to judge: a sandbox, or a frozen
 * snapshot, whose clock `sleep` does not move.
 */
export function shellTarget(shell: Shell, sim: Simulation, { frozen = false } = {}): PlayTarget {
  return {
    run: (line) => shell.run(line),
    advanceBy: (ms) => {
      if (!frozen) sim.advanceBy(ms);
    },
    now: () => sim.now(),
    objectives: () => [],
    guards: () => [],
    inside: () => shell.session !== undefined,
    poll: () => shell.poll(),
  };
}
