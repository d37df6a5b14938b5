/** The drill catalogue as the trainer shows it: every scenario file, loaded and summarised. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { catalogueDir, catalogueFiles, loadScenarioFile } from '../scenarios/load.js';
import { parseSleep } from '../shell/shell.js';
import type { Scenario } from '../scenarios/types.js';
import type { CatalogueEntry } from './challenge.js';

export interface DrillEntry extends CatalogueEntry {
  briefing: string;
  tags: string[];
  hints: number;
  file: string;
}

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

export function toEntry(s: Scenario, file: string): DrillEntry {
  return {
    id: s.id,
    title: s.title,
    difficulty: s.difficulty,
    category: s.category,
    timeLimitMs: s.timeLimitMs,
    hasObjectives: s.objectives.length > 0,
    briefing: s.briefing,
    tags: s.tags,
    hints: s.hints.length,
    file,
  };
}

/** Loads the catalogue; scenarios that fail to load are reported, not hidden. */
export function loadCatalogue(dir = catalogueDir()): { entries: DrillEntry[]; errors: string[] } {
  const entries: DrillEntry[] = [];
  const errors: string[] = [];
  for (const file of catalogueFiles(dir)) {
    const r = loadScenarioFile(file);
    if (r.ok) entries.push(toEntry(r.scenario, file));
    else errors.push(...r.errors);
  }
  entries.sort(
    (a, b) =>
      Number(a.id === 'sandbox') - Number(b.id === 'sandbox') ||
      (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
      DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
      (a.id < b.id ? -1 : 1),
  );
  return { entries, errors };
}

/**
 * The catalogue as the picker needs it, read without validating each file
 * (validation runs when a drill starts, and in `kubedojo validate`): fast
 * enough for the first frame with dozens of scenarios.
 */
export function loadCatalogueSummaries(dir = catalogueDir()): { entries: DrillEntry[]; errors: string[] } {
  const entries: DrillEntry[] = [];
  const errors: string[] = [];
  for (const file of catalogueFiles(dir)) {
    try {
      const d = loadYaml(readFileSync(file, 'utf8'), { filename: file, maxAliases: 100 }) as Record<string, unknown>;
      const meta = (d.metadata ?? {}) as Record<string, unknown>;
      const str = (v: unknown, dflt: string) => (typeof v === 'string' ? v : dflt);
      const list = (v: unknown) => (Array.isArray(v) ? v : []);
      const difficulty = str(meta.difficulty, 'medium');
      if (typeof meta.id !== 'string') throw new Error('metadata.id is missing');
      entries.push({
        id: meta.id,
        title: str(meta.title, meta.id),
        difficulty: (['easy', 'medium', 'hard'].includes(difficulty) ? difficulty : 'medium') as DrillEntry['difficulty'],
        category: str(meta.category, 'other'),
        timeLimitMs: parseSleep(str(meta.timeLimit, '10m')) ?? 600_000,
        hasObjectives: list(d.objectives).length > 0,
        briefing: str(d.briefing, ''),
        tags: list(meta.tags).map(String),
        hints: list(d.hints).length,
        file,
      });
    } catch (e) {
      errors.push(`${file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  entries.sort(
    (a, b) =>
      Number(a.id === 'sandbox') - Number(b.id === 'sandbox') ||
      (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
      DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
      (a.id < b.id ? -1 : 1),
  );
  return { entries, errors };
}

/** Where quiz banks live: scenarios/quiz beside the scenario catalogue. */
export function quizDir(): string {
  return process.env.KUBEDOJO_QUIZ ?? join(catalogueDir(), 'quiz');
}

/** fzf-like filter: every space-separated term must appear in id, title, category, difficulty or tags. */
export function filterCatalogue(entries: readonly DrillEntry[], query: string): DrillEntry[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...entries];
  return entries.filter((e) => {
    const hay = [e.id, e.title, e.category, e.difficulty, ...e.tags].join(' ').toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

