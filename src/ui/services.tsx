/** What screens need from the outside world, injected once at the top (real in start.ts, fakes in tests). */
import { createContext, useContext } from 'react';
import type { EditResult, FileSystem } from '../kubectl/context.js';
import type { LoadResult } from '../scenarios/load.js';
import type { WallClock } from '../training/challenge.js';
import type { DrillEntry } from '../training/catalogue.js';
import type { ProgressStore } from '../training/progress.js';
import type { Question } from '../training/quiz-bank.js';

export interface AppServices {
  env: Record<string, string | undefined>;
  /** Real time for timings and the challenge countdown. */
  clock: WallClock;
  /** The drill catalogue, read on first use (the home screen's first frame does not wait for it). */
  catalogue: () => { entries: DrillEntry[]; errors: string[] };
  loadScenario: (id: string) => LoadResult;
  quizBank: () => { questions: Question[]; errors: string[] };
  progress: ProgressStore;
  fs: FileSystem;
  /**
   * Runs $KUBE_EDITOR/$EDITOR on the text with the terminal handed over;
   * `unavailable` when no editor program can be found (the UI then opens its
   * built-in editor).
   */
  externalEdit: (text: string, suffix: string) => EditResult | 'unavailable';
  /**
   * The same editor on a file of the learner's workspace (`vi pod.yaml`),
   * on a temporary file with the same name; without it, `externalEdit` is
   * used with the name's extension.
   */
  externalEditFile?: (text: string, name: string) => EditResult | 'unavailable';
  /** Today as YYYY-MM-DD (local), for streaks. */
  today: () => string;
  /** Commands typed this run, shared by every drill's prompt (Up and Ctrl+R reach earlier drills). */
  history: string[];
  /** Seed for a new challenge or quiz when none is given. */
  freshSeed: () => number;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside <ServicesContext.Provider>');
  return s;
}
