/** The drill catalogue as the trainer shows it: every scenario file, loaded and summarised. */
import { join } from 'node:path';
import { catalogueDir, catalogueFiles, loadScenarioFile } from '../scenarios/load.js';
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

