/**
 * Starts the interactive trainer: builds the real services (progress file,
 * catalogue, editor hand-off), takes the alternate screen, renders the App,
 * and gives the terminal back intact on exit, Ctrl+C or a crash.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink';
import type { CliIO } from '../cli/main.js';
import { runEditor } from '../cli/play-command.js';
import type { EditResult } from '../kubectl/context.js';
import { parseFlags } from '../kubectl/parse/flags.js';
import { nodeFileSystem } from '../kubectl/node-fs.js';
import { loadScenario } from '../scenarios/load.js';
import { loadCatalogueSummaries, quizDir } from '../training/catalogue.js';
import { ProgressStore, progressDir } from '../training/progress.js';
import { loadQuizBanks } from '../training/quiz-bank.js';
import type { Question } from '../training/quiz-bank.js';
import { App, type Route } from './app.js';
import type { AppServices } from './services.js';

const ENTER_ALT = '\x1b[?1049h\x1b[2J\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

function commandExists(editor: string, env: Record<string, string | undefined>): boolean {
  const program = editor.trim().split(/\s+/)[0];
  if (!program) return false;
  const r = spawnSync('sh', ['-c', 'command -v "$1" >/dev/null 2>&1', 'check', program], { env: env as NodeJS.ProcessEnv });
  return r.status === 0;
}

/**
 * `vi pod.yaml` in the trainer: the editor runs on a real temporary file
 * with the workspace file's name (so its title and syntax highlighting
 * match); the workspace itself stays in memory.
 */
function runEditorOnFile(text: string, name: string, env: Record<string, string | undefined>): EditResult {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-'));
  const file = join(dir, basename(name) || 'file');
  try {
    writeFileSync(file, text);
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
    if (r.error || r.status !== 0) return { ok: false, message: `there was a problem with the editor "${editor}"` };
    return { ok: true, text: readFileSync(file, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Parses the screen's arguments into the first route, or a usage error. */
export function initialRoute(screen: string, args: string[], services: Pick<AppServices, 'loadScenario' | 'freshSeed'>): { route: Route } | { error: string } {
  switch (screen) {
    case 'drill': {
      // `kubedojo drill ID --seed N` replays one variant; otherwise each run draws its own.
      const f = parseFlags(args, [{ name: 'seed', type: 'int', default: -1 }]);
      if (!f.ok) return { error: `kubedojo drill: ${f.message}` };
      const id = f.parsed.args[0];
      if (!id) return { route: { screen: 'picker' } };
      const r = services.loadScenario(id);
      if (!r.ok) return { error: r.errors.map((e) => `kubedojo drill: ${e}`).join('\n') };
      const seed = f.parsed.values.get('seed') as number;
      return { route: { screen: 'drill', scenario: r.scenario, attempt: 0, seed: seed >= 0 ? seed : services.freshSeed() } };
    }
    case 'challenge': {
      const f = parseFlags(args, [
        { name: 'minutes', type: 'int', default: 0 },
        { name: 'seed', type: 'int', default: -1 },
        { name: 'count', type: 'int', default: 3 },
        { name: 'difficulty', type: 'string', default: '' },
      ]);
      if (!f.ok) return { error: `kubedojo challenge: ${f.message}` };
      const minutes = f.parsed.values.get('minutes') as number;
      const seed = f.parsed.values.get('seed') as number;
      const difficulty = f.parsed.values.get('difficulty') as string;
      if (difficulty && !['mixed', 'easy', 'medium', 'hard'].includes(difficulty)) return { error: 'kubedojo challenge: --difficulty must be mixed, easy, medium or hard' };
      return {
        route: {
          screen: 'challenge',
          options: {
            ...(minutes > 0 ? { minutes } : {}),
            ...(seed >= 0 ? { seed } : {}),
            count: f.parsed.values.get('count') as number,
            ...(difficulty ? { difficulty: difficulty as 'mixed' } : {}),
          },
        },
      };
    }
    case 'quiz': {
      const f = parseFlags(args, [
        { name: 'topic', type: 'string', default: '' },
        { name: 'count', type: 'int', default: 5 },
        { name: 'seed', type: 'int', default: -1 },
      ]);
      if (!f.ok) return { error: `kubedojo quiz: ${f.message}` };
      const topic = f.parsed.values.get('topic') as string;
      const seed = f.parsed.values.get('seed') as number;
      return { route: { screen: 'quiz', count: f.parsed.values.get('count') as number, ...(topic ? { topic } : {}), ...(seed >= 0 ? { seed } : {}) } };
    }
    default:
      return { route: { screen: 'home' } };
  }
}

/** Starts the interactive trainer on a screen (`home`, `drill`, `challenge`, `quiz`). */
export async function startInteractive(screen: string, args: string[], io: CliIO): Promise<number> {
  const env = io.env;
  const stdout = process.stdout;
  const stdin = process.stdin;
  let bank: { questions: Question[]; errors: string[] } | undefined;
  let inAlt = false;
  let catalogue: ReturnType<typeof loadCatalogueSummaries> | undefined;
  let instance: ReturnType<typeof render> | undefined;
  /** Runs the editor with the terminal handed over, as kubectl does: main screen, cooked mode, visible cursor. */
  const handOver = (run: () => EditResult): EditResult | 'unavailable' => {
    const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
    if (!commandExists(editor, env)) return 'unavailable';
    stdout.write(LEAVE_ALT + SHOW_CURSOR);
    if (stdin.isTTY) stdin.setRawMode(false);
    try {
      return run();
    } finally {
      if (stdin.isTTY) stdin.setRawMode(true);
      // A fresh alternate screen; Ink repaints its whole frame on the next render.
      stdout.write(ENTER_ALT);
      instance?.clear();
    }
  };
  const services: AppServices = {
    env,
    clock: { now: () => Date.now() },
    catalogue: () => (catalogue ??= loadCatalogueSummaries()),
    loadScenario,
    quizBank: () => (bank ??= loadQuizBanks(quizDir())),
    progress: new ProgressStore(progressDir(env)),
    fs: nodeFileSystem,
    today: () => localDay(Date.now()),
    freshSeed: () => Date.now() % 100_000,
    history: [],
    externalEdit: (text, suffix) => handOver(() => runEditor(text, suffix, env)),
    externalEditFile: (text, name) => handOver(() => runEditorOnFile(text, name, env)),
  };
  const first = initialRoute(screen, args, services);
  if ('error' in first) {
    io.stderr(`${first.error}\n`);
    return 2;
  }
  const restore = () => {
    if (inAlt) stdout.write(LEAVE_ALT + SHOW_CURSOR);
    inAlt = false;
    // Even after a crash the shell gets a cooked terminal back.
    if (stdin.isTTY) stdin.setRawMode(false);
  };
  process.on('exit', restore);
  stdout.write(ENTER_ALT);
  inAlt = true;
  // Raw mode before the first frame: keys typed while Ink mounts arrive as keys
  // (in cooked mode the terminal would turn Enter into a newline Ink ignores).
  if (stdin.isTTY) stdin.setRawMode(true);
  try {
    // Ink throttles frames to maxFps: at 30 a keypress or a command waited up to 33 ms for its frame.
    instance = render(createElement(App, { services, initial: first.route }), { exitOnCtrlC: false, patchConsole: false, maxFps: 60 });
    await instance.waitUntilExit();
  } finally {
    instance?.cleanup();
    restore();
    process.off('exit', restore);
  }
  if (services.progress.lastSaveError) io.stderr(`kubedojo: ${services.progress.lastSaveError}\n`);
  return 0;
}
