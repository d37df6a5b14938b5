/**
 * The learner's progress across runs: solved drills and best times, challenge
 * scores, quiz Leitner boxes. One versioned JSON file in the user's config
 * directory (KUBEDOJO_HOME overrides it), written atomically. A file that
 * cannot be read is moved aside (`progress.json.corrupt-<n>`) and reported,
 * never silently wiped.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';

export const PROGRESS_VERSION = 1;

export interface DrillRecord {
  attempts: number;
  solvedCount: number;
  bestTimeMs?: number;
  /** Fewest hints used in a solved run. */
  fewestHints?: number;
  lastSolvedAt?: string;
}

export interface ChallengeRecord {
  seed: number;
  difficulty: string;
  score: number;
  solved: number;
  total: number;
  at: string;
}

export interface QuizCard {
  topic: string;
  /** Leitner box, 1 (new or missed) to 5 (mastered). */
  box: number;
  /** The quiz run number at which the question is due again. */
  dueRun: number;
  seen: number;
  correct: number;
}

export interface ProgressData {
  version: typeof PROGRESS_VERSION;
  drills: Record<string, DrillRecord>;
  challenges: ChallengeRecord[];
  quiz: { runs: number; cards: Record<string, QuizCard> };
  /** Days (YYYY-MM-DD, local) the learner trained on, newest last, at most 60. */
  activeDays: string[];
}

export function emptyProgress(): ProgressData {
  return { version: PROGRESS_VERSION, drills: {}, challenges: [], quiz: { runs: 0, cards: {} }, activeDays: [] };
}

/** The directory progress lives in: $KUBEDOJO_HOME, else the OS config dir for `kubedojo`. */
export function progressDir(env: Record<string, string | undefined> = process.env): string {
  if (env.KUBEDOJO_HOME) return env.KUBEDOJO_HOME;
  return envPaths('kubedojo', { suffix: '' }).config;
}

export interface LoadedProgress {
  data: ProgressData;
  file: string;
  /** Set when the file was unreadable and moved aside: a sentence for the screen. */
  warning?: string;
}

/** Validates parsed JSON into ProgressData, or says why it cannot. */
export function parseProgress(raw: unknown): { ok: true; data: ProgressData } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' };
  const o = raw as Record<string, unknown>;
  if (o.version !== PROGRESS_VERSION) return { ok: false, reason: `unsupported version ${JSON.stringify(o.version)}` };
  const base = emptyProgress();
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (o.drills !== undefined && !isObj(o.drills)) return { ok: false, reason: '"drills" is not an object' };
  if (o.challenges !== undefined && !Array.isArray(o.challenges)) return { ok: false, reason: '"challenges" is not a list' };
  if (o.quiz !== undefined && !(isObj(o.quiz) && isObj(o.quiz.cards))) return { ok: false, reason: '"quiz" is malformed' };
  const quiz = o.quiz as { runs?: unknown; cards: Record<string, QuizCard> } | undefined;
  return {
    ok: true,
    data: {
      version: PROGRESS_VERSION,
      drills: (o.drills as Record<string, DrillRecord>) ?? base.drills,
      challenges: (o.challenges as ChallengeRecord[]) ?? base.challenges,
      quiz: quiz ? { runs: typeof quiz.runs === 'number' ? quiz.runs : 0, cards: quiz.cards } : base.quiz,
      activeDays: Array.isArray(o.activeDays) ? (o.activeDays as string[]) : [],
    },
  };
}

/** Reads the progress file; a missing file is a fresh start, a corrupt one is moved aside. */
export function loadProgress(dir = progressDir()): LoadedProgress {
  const file = join(dir, 'progress.json');
  if (!existsSync(file)) return { data: emptyProgress(), file };
  let reason: string;
  try {
    const parsed = parseProgress(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.ok) return { data: parsed.data, file };
    reason = parsed.reason;
  } catch (e) {
    reason = (e as Error).message;
  }
  let n = 1;
  while (existsSync(`${file}.corrupt-${n}`)) n++;
  const aside = `${file}.corrupt-${n}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    return {
      data: emptyProgress(),
      file,
      warning: `Your progress file ${file} could not be read (${reason}) nor moved aside (${(e as Error).message}). Nothing will be saved this run.`,
    };
  }
  return {
    data: emptyProgress(),
    file,
    warning: `Your progress file could not be read (${reason}). It was kept as ${aside}; starting fresh.`,
  };
}

/** Writes progress atomically (a temp file renamed over the old one). */
export function saveProgress(file: string, data: ProgressData): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileAtomic.sync(file, JSON.stringify(data, null, 2) + '\n');
}

/** Records a drill attempt's end. Pure: returns new data. */
export function recordDrill(
  data: ProgressData,
  id: string,
  result: { solved: boolean; timeMs: number; hints: number; at: string },
): ProgressData {
  const prev = data.drills[id] ?? { attempts: 0, solvedCount: 0 };
  const next: DrillRecord = { ...prev, attempts: prev.attempts + 1 };
  if (result.solved) {
    next.solvedCount = prev.solvedCount + 1;
    next.bestTimeMs = prev.bestTimeMs === undefined ? result.timeMs : Math.min(prev.bestTimeMs, result.timeMs);
    next.fewestHints = prev.fewestHints === undefined ? result.hints : Math.min(prev.fewestHints, result.hints);
    next.lastSolvedAt = result.at;
  }
  return markActive({ ...data, drills: { ...data.drills, [id]: next } }, result.at.slice(0, 10));
}

export function recordChallenge(data: ProgressData, rec: ChallengeRecord): ProgressData {
  const challenges = [...data.challenges, rec].sort((a, b) => b.score - a.score).slice(0, 20);
  return markActive({ ...data, challenges }, rec.at.slice(0, 10));
}

export function markActive(data: ProgressData, day: string): ProgressData {
  if (data.activeDays.at(-1) === day) return data;
  return { ...data, activeDays: [...data.activeDays.filter((d) => d !== day), day].slice(-60) };
}

/** Consecutive active days ending today or yesterday. */
export function streak(data: ProgressData, today: string): number {
  const days = new Set(data.activeDays);
  const d = new Date(`${today}T00:00:00Z`);
  if (!days.has(today)) d.setUTCDate(d.getUTCDate() - 1);
  let n = 0;
  while (days.has(d.toISOString().slice(0, 10))) {
    n++;
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return n;
}

export function bestChallengeScore(data: ProgressData): number | undefined {
  return data.challenges.length ? Math.max(...data.challenges.map((c) => c.score)) : undefined;
}

/**
 * Progress held in memory and saved on every update, with a subscription for
 * the UI. A failed save is reported (never thrown at the learner's keystroke).
 */
export class ProgressStore {
  private data: ProgressData;
  readonly file: string;
  readonly warning?: string;
  lastSaveError?: string;
  private readonly listeners = new Set<() => void>();
  private readonly writable: boolean;

  constructor(dir = progressDir()) {
    const loaded = loadProgress(dir);
    this.data = loaded.data;
    this.file = loaded.file;
    this.warning = loaded.warning;
    this.writable = !loaded.warning?.includes('Nothing will be saved');
  }

  get(): ProgressData {
    return this.data;
  }

  /** Applies a change and saves it; returns whether it reached the disk. */
  update(fn: (d: ProgressData) => ProgressData): boolean {
    this.data = fn(this.data);
    let ok = false;
    if (this.writable) {
      try {
        saveProgress(this.file, this.data);
        this.lastSaveError = undefined;
        ok = true;
      } catch (e) {
        this.lastSaveError = `could not save progress to ${this.file}: ${(e as Error).message}`;
      }
    }
    for (const l of this.listeners) l();
    return ok;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  snapshot = (): ProgressData => this.data;
}
