/**
 * One drill attempt around a Session: commands typed, hints revealed, the
 * optional diagnosis, the cluster before and after, and the time taken
 * (wall time from an injected clock, simulated time from the simulation).
 */
import type { KubectlResult } from '../kubectl/context.js';
import type { Session } from './session.js';
import type { WallClock } from './challenge.js';
import { countDeletions } from './challenge.js';
import { diffSnapshots, snapshotStore, type ClusterSnapshot } from './cluster-diff.js';

export interface DrillCommand {
  line: string;
  exitCode: number;
  /** Simulated time when it ran (ms since epoch). */
  simTime: number;
}

export interface DrillSummary {
  scenarioId: string;
  solved: boolean;
  wallMs: number;
  simMs: number;
  commands: DrillCommand[];
  hintsUsed: number;
  deletions: number;
  diagnosis?: string;
  changes: string[];
}

export class DrillTracker {
  readonly commands: DrillCommand[] = [];
  hintsUsed = 0;
  deletions = 0;
  diagnosis?: string;
  private readonly startWall: number;
  private readonly startSim: number;
  private readonly before: ClusterSnapshot;
  private solvedAtWall?: number;
  private solvedAtSim?: number;

  constructor(
    readonly session: Session,
    private readonly clock: WallClock,
  ) {
    this.startWall = clock.now();
    this.startSim = session.sim.now();
    this.before = snapshotStore(session.sim.store);
  }

  /** Runs a line through the session and records it. */
  run(line: string): KubectlResult {
    const r = this.session.run(line);
    if (line.trim() !== '') {
      this.commands.push({ line, exitCode: r.exitCode, simTime: this.session.sim.now() });
      this.deletions += countDeletions(line, r.stdout, r.exitCode);
    }
    return r;
  }

  /** The next hint, recorded; undefined when all were shown. */
  nextHint(): { index: number; text: string } | undefined {
    const hints = this.session.scenario.hints;
    if (this.hintsUsed >= hints.length) return undefined;
    const index = this.hintsUsed++;
    return { index, text: hints[index] };
  }

  get hasObjectives(): boolean {
    return this.session.scenario.objectives.length > 0;
  }

  /** Checks the objectives and freezes the time the first time they all hold. */
  checkSolved(): boolean {
    if (this.solvedAtWall !== undefined) return true;
    if (!this.hasObjectives || !this.session.solved()) return false;
    this.solvedAtWall = this.clock.now();
    this.solvedAtSim = this.session.sim.now();
    return true;
  }

  summary(): DrillSummary {
    const solved = this.solvedAtWall !== undefined;
    return {
      scenarioId: this.session.scenario.id,
      solved,
      wallMs: (this.solvedAtWall ?? this.clock.now()) - this.startWall,
      simMs: (this.solvedAtSim ?? this.session.sim.now()) - this.startSim,
      commands: [...this.commands],
      hintsUsed: this.hintsUsed,
      deletions: this.deletions,
      ...(this.diagnosis ? { diagnosis: this.diagnosis } : {}),
      changes: diffSnapshots(this.before, snapshotStore(this.session.sim.store)),
    };
  }
}

/** `4m 05s`, `52s`: durations in the debrief and the picker. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
