/** Test services for the UI: a temporary progress dir, a manual wall clock, a scripted editor. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditResult } from '../src/kubectl/context.js';
import { memoryFileSystem } from '../src/kubectl/node-fs.js';
import { loadScenario } from '../src/scenarios/load.js';
import { loadCatalogueSummaries, quizDir } from '../src/training/catalogue.js';
import { ProgressStore } from '../src/training/progress.js';
import { loadQuizBanks } from '../src/training/quiz-bank.js';
import type { AppServices } from '../src/ui/services.js';

export interface TestServices extends AppServices {
  setNow: (ms: number) => void;
  dir: string;
}

export function testServices(overrides: Partial<AppServices> & { edit?: (text: string) => EditResult | 'unavailable' } = {}): TestServices {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-ui-'));
  let now = Date.UTC(2026, 0, 15, 9);
  const { edit, ...rest } = overrides;
  const catalogue = loadCatalogueSummaries();
  return {
    env: {},
    clock: { now: () => now },
    setNow: (ms) => {
      now = ms;
    },
    dir,
    catalogue: () => catalogue,
    loadScenario,
    quizBank: () => loadQuizBanks(quizDir()),
    progress: new ProgressStore(dir),
    fs: memoryFileSystem({}),
    externalEdit: (text) => (edit ? edit(text) : 'unavailable'),
    today: () => '2026-01-15',
    freshSeed: () => 7,
    history: [],
    ...rest,
  };
}
