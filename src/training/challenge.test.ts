import { describe, expect, it } from 'vitest';
import { challengeReducer, countDeletions, planChallenge, roundScore, scoreChallenge, startChallenge, timeLeftMs, type CatalogueEntry } from './challenge.js';

const entry = (id: string, difficulty: CatalogueEntry['difficulty'] = 'easy'): CatalogueEntry => ({ id, title: id, difficulty, category: 'crash', timeLimitMs: 300_000, hasObjectives: id !== 'sandbox' });
const catalogue = ['a', 'b', 'c', 'd', 'e', 'sandbox'].map((id) => entry(id));
catalogue.push(entry('m', 'medium'));

describe('challenge', () => {
  it('the same seed gives the same run; the sandbox never enters one', () => {
    const a = planChallenge(catalogue, { seed: 42, count: 3 });
    const b = planChallenge([...catalogue].reverse(), { seed: 42, count: 3 });
    expect(a.scenarios.map((s) => s.id)).toEqual(b.scenarios.map((s) => s.id));
    expect(a.scenarios.map((s) => s.id)).not.toContain('sandbox');
    expect(a.budgetMs).toBe(900_000);
    const seeds = new Set([1, 2, 3, 4, 5, 6].map((seed) => planChallenge(catalogue, { seed, count: 3 }).scenarios.map((s) => s.id).join()));
    expect(seeds.size).toBeGreaterThan(1);
    expect(planChallenge(catalogue, { seed: 1, difficulty: 'medium' }).scenarios.map((s) => s.id)).toEqual(['m']);
    expect(planChallenge(catalogue, { seed: 1, minutes: 2 }).budgetMs).toBe(120_000);
  });

  it('scores solved rounds by time left, minus hints and deletions', () => {
    const r = { id: 'a', solved: true, skipped: false, timeMs: 150_000, hints: 1, commands: 5, deletions: 1 };
    expect(roundScore(r, 300_000)).toBe(100 + 25 - 15 - 10);
    expect(roundScore({ ...r, solved: false }, 300_000)).toBe(0);
    expect(roundScore({ ...r, hints: 20 }, 300_000)).toBe(0);
  });

  it('runs rounds against one countdown read from the wall clock', () => {
    const plan = planChallenge(catalogue, { seed: 3, count: 2, minutes: 10 });
    let s = startChallenge(plan, { now: () => 0 });
    expect(timeLeftMs(s, 60_000)).toBe(540_000);
    s = challengeReducer(s, { type: 'ROUND.END', at: 60_000, solved: true, hints: 0, commands: 3, deletions: 0 });
    expect(s).toMatchObject({ index: 1, finished: false });
    s = challengeReducer(s, { type: 'TIME.CHECK', at: 599_000 });
    expect(s.finished).toBe(false);
    s = challengeReducer(s, { type: 'TIME.CHECK', at: 600_000 });
    expect(s).toMatchObject({ finished: true, endReason: 'time-up' });
    const score = scoreChallenge(s);
    expect(score.solved).toBe(1);
    expect(score.rounds[1].points).toBe(0);
    expect(score.total).toBe(roundScore(s.results[0], 300_000));
  });

  it('a completed run earns a bonus for time left; abandoning ends it', () => {
    const plan = planChallenge(catalogue, { seed: 3, count: 1, minutes: 10 });
    let s = startChallenge(plan, { now: () => 0 });
    s = challengeReducer(s, { type: 'ROUND.END', at: 100_000, solved: true, hints: 0, commands: 1, deletions: 0 });
    expect(s.endReason).toBe('completed');
    expect(scoreChallenge(s).total).toBe(roundScore(s.results[0], 300_000) + 50);
    const t = challengeReducer(startChallenge(plan, { now: () => 0 }), { type: 'ABANDON', at: 5 });
    expect(t).toMatchObject({ finished: true, endReason: 'abandoned' });
  });

  it('counts objects deleted from kubectl delete output', () => {
    expect(countDeletions('kubectl delete pods -l app=x', 'pod "a" deleted\npod "b" deleted\n', 0)).toBe(2);
    expect(countDeletions('kubectl get pods', 'pod "a" deleted\n', 0)).toBe(0);
  });
});
