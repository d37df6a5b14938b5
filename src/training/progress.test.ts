import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProgress, loadProgress, markActive, ProgressStore, progressDir, recordDrill, saveProgress, streak } from './progress.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kubedojo-progress-'));

describe('progress file', () => {
  it('lives in KUBEDOJO_HOME when set, else the config dir named kubedojo', () => {
    expect(progressDir({ KUBEDOJO_HOME: '/x/y' })).toBe('/x/y');
    expect(progressDir({})).toMatch(/kubedojo$/);
  });

  it('starts fresh when missing, round-trips what it saves', () => {
    const dir = tmp();
    const first = loadProgress(dir);
    expect(first.data).toEqual(emptyProgress());
    expect(first.warning).toBeUndefined();
    const data = recordDrill(first.data, 'oom-checkout', { solved: true, timeMs: 61_000, hints: 1, at: '2026-01-15T09:00:00.000Z' });
    saveProgress(first.file, data);
    const again = loadProgress(dir);
    expect(again.data.drills['oom-checkout']).toEqual({ attempts: 1, solvedCount: 1, bestTimeMs: 61_000, fewestHints: 1, lastSolvedAt: '2026-01-15T09:00:00.000Z' });
    expect(JSON.parse(readFileSync(first.file, 'utf8')).version).toBe(1);
  });

  it('moves a corrupt file aside, numbered, reports it and never wipes it', () => {
    const dir = tmp();
    const file = join(dir, 'progress.json');
    writeFileSync(file, '{"version":1, "drills": {');
    const r = loadProgress(dir);
    expect(r.warning).toMatch(/could not be read .*kept as .*progress\.json\.corrupt-1/);
    expect(readFileSync(`${file}.corrupt-1`, 'utf8')).toBe('{"version":1, "drills": {');
    expect(existsSync(file)).toBe(false);
    writeFileSync(file, JSON.stringify({ version: 99 }));
    expect(loadProgress(dir).warning).toMatch(/unsupported version 99.*corrupt-2/);
  });

  it('keeps the best time and the fewest hints across attempts', () => {
    let d = emptyProgress();
    d = recordDrill(d, 'x', { solved: true, timeMs: 90_000, hints: 0, at: '2026-01-15T09:00:00Z' });
    d = recordDrill(d, 'x', { solved: false, timeMs: 10_000, hints: 3, at: '2026-01-15T10:00:00Z' });
    d = recordDrill(d, 'x', { solved: true, timeMs: 60_000, hints: 2, at: '2026-01-16T09:00:00Z' });
    expect(d.drills.x).toMatchObject({ attempts: 3, solvedCount: 2, bestTimeMs: 60_000, fewestHints: 0 });
  });

  it('counts a streak of consecutive active days', () => {
    let d = emptyProgress();
    for (const day of ['2026-01-10', '2026-01-12', '2026-01-13', '2026-01-14']) d = markActive(d, day);
    expect(streak(d, '2026-01-14')).toBe(3);
    expect(streak(d, '2026-01-15')).toBe(3);
    expect(streak(d, '2026-01-16')).toBe(0);
  });

  it('the store saves on every update and notifies subscribers', () => {
    const dir = tmp();
    const store = new ProgressStore(dir);
    let calls = 0;
    store.subscribe(() => calls++);
    expect(store.update((d) => markActive(d, '2026-01-15'))).toBe(true);
    expect(calls).toBe(1);
    expect(new ProgressStore(dir).get().activeDays).toEqual(['2026-01-15']);
  });
});
