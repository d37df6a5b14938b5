import type { FileSystem } from '../kubectl/context.js';
import { runPlay } from '../play/play-runner.js';
import { Session } from '../training/session.js';
import { instantiateScenario } from './load.js';
import { coveringSeeds, describeChoice } from './parameters.js';
import type { Scenario } from './types.js';

export interface ScenarioReport {
  id: string;
  file?: string;
  problems: string[];
  /** The seeds it was proven with. */
  seeds: number[];
}

/** How long a wrong fix is given to (not) solve the scenario after its commands. */
const WRONG_FIX_GRACE_MS = 5 * 60_000;

function play(session: Session, lines: readonly string[]) {
  return runPlay(
    {
      run: (l) => session.run(l),
      advanceBy: (ms) => session.sim.advanceBy(ms),
      now: () => session.sim.now(),
      objectives: () => session.objectives(),
      guards: () => session.guards(),
    },
    lines.join('\n') + '\n',
    false,
  );
}

/**
 * The seeds `validate` proves a scenario with: for a scenario with
 * parameters, enough seeds to draw every value of every parameter at least
 * once; otherwise seed 1.
 */
export function defaultSeeds(scenario: Scenario): number[] {
  return scenario.template ? coveringSeeds(scenario.template.parameters) : [1];
}

/**
 * Proves a scenario: it starts broken, its solution solves it with every
 * guard holding, and none of its wrong fixes does, for each seed given
 * (by default, seeds covering every value of its parameters).
 */
export function proveScenario(template: Scenario, fs: FileSystem, seeds: readonly number[] = defaultSeeds(template)): ScenarioReport {
  const problems: string[] = [];
  for (const seed of seeds) {
    const scenario = instantiateScenario(template, seed);
    const isSandbox = scenario.objectives.length === 0;
    const drawn = scenario.template ? `: ${describeChoice(scenario.parameters ?? {})}` : '';
    const tag = seeds.length > 1 || drawn ? ` (seed ${seed}${drawn})` : '';
    const start = () => {
      const s = Session.start({ scenario, seed, fs });
      if (!s.ok) problems.push(`does not start${tag}: ${s.error.trim()}`);
      return s.ok ? s.session : undefined;
    };
    const fresh = start();
    if (!fresh) break;
    if (!isSandbox && fresh.objectives().every((o) => o.met)) {
      problems.push(`starts already solved${tag}: every objective holds before the learner does anything`);
    }
    const broken = fresh.guards().filter((g) => !g.met);
    if (broken.length > 0) problems.push(`guards fail at start${tag}: ${broken.map((g) => g.id).join(', ')}`);
    if (!isSandbox) {
      const solved = start();
      if (solved) {
        const r = play(solved, scenario.solution);
        if (r.exitCode !== 0) {
          const why = [...solved.objectives(), ...solved.guards()].filter((o) => !o.met).map((o) => `${o.id} (${o.detail ?? 'not met'})`);
          problems.push(`solution does not solve it${tag}: ${why.join('; ')}`);
        }
      }
    }
    scenario.wrongFixes.forEach((wf, i) => {
      const s = start();
      if (!s) return;
      play(s, wf.commands);
      s.sim.advanceBy(WRONG_FIX_GRACE_MS);
      if (s.solved()) problems.push(`wrong fix #${i + 1} (${wf.commands[0]}) solves it${tag}, but should not: ${wf.why}`);
    });
  }
  return { id: template.id, file: template.file, problems, seeds: [...seeds] };
}
