/**
 * Timed challenges: which scenarios a run contains (chosen by seed, so friends
 * can race the same run), the countdown (read from an injected WallClock),
 * and scoring. Pure: no real time, no Math.random.
 */
import { Rng } from '../cluster/time/rng.js';
import type { Difficulty } from '../scenarios/types.js';

/** The challenge's only view of real time. */
export interface WallClock {
  now(): number;
}

export interface CatalogueEntry {
  id: string;
  title: string;
  difficulty: Difficulty;
  category: string;
  timeLimitMs: number;
  /** Whether the scenario has objectives (the sandbox has none and never enters a challenge). */
  hasObjectives: boolean;
}

export interface ChallengePlan {
  seed: number;
  difficulty: Difficulty | 'mixed';
  scenarios: CatalogueEntry[];
  /** Total time for the whole run. */
  budgetMs: number;
}

/** Picks `count` scenarios by seed; the same seed and catalogue give the same run. */
export function planChallenge(
  catalogue: readonly CatalogueEntry[],
  opts: { seed: number; difficulty?: Difficulty | 'mixed'; count?: number; minutes?: number },
): ChallengePlan {
  const difficulty = opts.difficulty ?? 'mixed';
  const pool = catalogue
    .filter((c) => c.hasObjectives && (difficulty === 'mixed' || c.difficulty === difficulty))
    .slice()
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const rng = new Rng(opts.seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const scenarios = pool.slice(0, Math.max(1, opts.count ?? 3));
  const budgetMs = opts.minutes !== undefined ? opts.minutes * 60_000 : scenarios.reduce((t, s) => t + s.timeLimitMs, 0);
  return { seed: opts.seed, difficulty, scenarios, budgetMs };
}

export interface RoundResult {
  id: string;
  solved: boolean;
  skipped: boolean;
  timeMs: number;
  hints: number;
  commands: number;
  /** Objects the learner deleted (pods, deployments …): disruption to the service. */
  deletions: number;
}

export const SCORING = {
  solved: 100,
  /** Up to this much more for time left against the scenario's own limit. */
  speedBonus: 50,
  perHint: 15,
  perDeletion: 10,
} as const;

/** Points for one round, never below 0. */
export function roundScore(r: RoundResult, timeLimitMs: number): number {
  if (!r.solved) return 0;
  const left = Math.max(0, timeLimitMs - r.timeMs) / Math.max(1, timeLimitMs);
  const raw = SCORING.solved + Math.round(SCORING.speedBonus * left) - SCORING.perHint * r.hints - SCORING.perDeletion * r.deletions;
  return Math.max(0, raw);
}

export interface ChallengeState {
  plan: ChallengePlan;
  startedAt: number;
  /** Index of the current scenario; plan.scenarios.length when finished. */
  index: number;
  roundStartedAt: number;
  results: RoundResult[];
  finished: boolean;
  /** Why the run ended. */
  endReason?: 'completed' | 'time-up' | 'abandoned';
  endedAt?: number;
}

export type ChallengeEvent =
  | { type: 'ROUND.END'; at: number; solved: boolean; hints: number; commands: number; deletions: number }
  | { type: 'TIME.CHECK'; at: number }
  | { type: 'ABANDON'; at: number };

export function startChallenge(plan: ChallengePlan, clock: WallClock): ChallengeState {
  const t = clock.now();
  return { plan, startedAt: t, index: 0, roundStartedAt: t, results: [], finished: plan.scenarios.length === 0, endReason: plan.scenarios.length === 0 ? 'completed' : undefined };
}

export function timeLeftMs(s: ChallengeState, now: number): number {
  return Math.max(0, s.plan.budgetMs - (now - s.startedAt));
}

export function challengeReducer(s: ChallengeState, e: ChallengeEvent): ChallengeState {
  if (s.finished) return s;
  switch (e.type) {
    case 'ROUND.END': {
      const cur = s.plan.scenarios[s.index];
      const results = [
        ...s.results,
        { id: cur.id, solved: e.solved, skipped: !e.solved, timeMs: e.at - s.roundStartedAt, hints: e.hints, commands: e.commands, deletions: e.deletions },
      ];
      const index = s.index + 1;
      const done = index >= s.plan.scenarios.length;
      const timeUp = timeLeftMs(s, e.at) === 0;
      const finished = done || timeUp;
      return { ...s, results, index, roundStartedAt: e.at, finished, endReason: done ? 'completed' : timeUp ? 'time-up' : undefined, endedAt: finished ? e.at : undefined };
    }
    case 'TIME.CHECK':
      if (timeLeftMs(s, e.at) > 0) return s;
      return { ...s, finished: true, endReason: 'time-up', endedAt: e.at };
    case 'ABANDON':
      return { ...s, finished: true, endReason: 'abandoned', endedAt: e.at };
  }
}

export interface ChallengeScore {
  total: number;
  solved: number;
  rounds: { id: string; title: string; points: number; result?: RoundResult }[];
  timeLeftMs: number;
}

export function scoreChallenge(s: ChallengeState): ChallengeScore {
  const left = s.endReason === 'completed' ? timeLeftMs(s, s.endedAt ?? s.startedAt) : 0;
  const rounds = s.plan.scenarios.map((sc, i) => {
    const result = s.results[i];
    return { id: sc.id, title: sc.title, points: result ? roundScore(result, sc.timeLimitMs) : 0, result };
  });
  const solved = s.results.filter((r) => r.solved).length;
  // Time left at the end of a completed run is worth a point per 10 s, only when everything was solved.
  const timeBonus = solved === s.plan.scenarios.length ? Math.floor(left / 10_000) : 0;
  return { total: rounds.reduce((t, r) => t + r.points, 0) + timeBonus, solved, rounds, timeLeftMs: left };
}

/** Counts objects a command line deleted, from kubectl's `… deleted` lines. */
export function countDeletions(line: string, stdout: string, exitCode: number): number {
  if (!/\bdelete\b/.test(line)) return 0;
  void exitCode;
  return stdout.split('\n').filter((l) => /\bdeleted\b/.test(l)).length;
}
