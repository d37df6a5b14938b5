import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditResult } from '../kubectl/context.js';
import { defaultKubeConfig } from '../kubectl/context.js';
import { nodeFileSystem } from '../kubectl/node-fs.js';
import { Shell } from '../shell/shell.js';
import { loadScenario } from '../scenarios/load.js';
import { Session } from '../training/session.js';
import { runPlay, type PlayTarget } from '../play/play-runner.js';
import { sessionTarget, shellTarget } from '../play/targets.js';
import { loadSnapshot, newestTimestamp, readSnapshot } from '../play/snapshot.js';
import { cliFlags, type CliIO } from './main.js';

const FLAGS = [
  { name: 'script', type: 'string' as const, default: '' },
  { name: 'json', type: 'bool' as const, default: false },
  { name: 'seed', type: 'int' as const, default: 1 },
  { name: 'snapshot', type: 'string' as const, default: '' },
  { name: 'now', type: 'string' as const, default: '' },
];

/** `kubedojo play`: runs a script against a scenario or a snapshot without a UI. */
export function playCommand(args: string[], io: CliIO): number {
  const flags = cliFlags(args, FLAGS, io, 'play');
  if (!flags) return 2;
  const scriptPath = flags.values.get('script') as string;
  const snapshotPath = flags.values.get('snapshot') as string;
  const json = flags.values.get('json') as boolean;
  let script = '';
  if (scriptPath === '-') script = io.readStdin();
  else if (scriptPath !== '') {
    try {
      script = readFileSync(scriptPath, 'utf8');
    } catch {
      io.stderr(`kubedojo play: cannot read script ${scriptPath}\n`);
      return 2;
    }
  }
  const edit = (text: string, suffix: string) => runEditor(text, suffix, io.env);

  let target: PlayTarget;
  if (snapshotPath !== '') {
    if (flags.args.length > 0) {
      io.stderr('kubedojo play: give either a SCENARIO or --snapshot FILE, not both\n');
      return 2;
    }
    const parsed = readSnapshot(snapshotPath);
    if (!parsed) {
      io.stderr(`kubedojo play: cannot read snapshot ${snapshotPath}\n`);
      return 2;
    }
    if (!parsed.ok) {
      io.stderr(`kubedojo play: ${parsed.error}\n`);
      return 2;
    }
    const nowFlag = flags.values.get('now') as string;
    const now = nowFlag !== '' ? Date.parse(nowFlag) : (newestTimestamp(parsed.objects) ?? Date.UTC(2026, 0, 15, 9));
    if (Number.isNaN(now)) {
      io.stderr(`kubedojo play: --now: "${nowFlag}" is not an RFC 3339 time (e.g. 2025-03-01T12:00:00Z)\n`);
      return 2;
    }
    const { sim, skipped } = loadSnapshot(parsed.objects, now);
    if (skipped.size > 0) {
      io.stderr(`kubedojo play: skipped objects of kinds the simulation does not serve: ${[...skipped].map(([k, n]) => `${k} (${n})`).join(', ')}\n`);
    }
    const shell = new Shell({ sim, config: defaultKubeConfig(), env: io.env, fs: nodeFileSystem, edit });
    target = shellTarget(shell, sim, { frozen: true });
  } else {
    const id = flags.args[0];
    if (!id) {
      io.stderr('kubedojo play: which scenario? (kubedojo play SCENARIO --script FILE; see `kubedojo list`)\n');
      return 2;
    }
    const loaded = loadScenario(id);
    if (!loaded.ok) {
      io.stderr(loaded.errors.map((e) => `kubedojo play: ${e}\n`).join(''));
      return 2;
    }
    const started = Session.start({ scenario: loaded.scenario, seed: flags.values.get('seed') as number, fs: nodeFileSystem, env: io.env, edit });
    if (!started.ok) {
      io.stderr(`kubedojo play: ${started.error}`);
      return 2;
    }
    target = sessionTarget(started.session);
  }
  const result = runPlay(target, script, json);
  io.stdout(result.output);
  if (result.errors) io.stderr(result.errors);
  return result.exitCode;
}

/**
 * kubectl edit's editor: `$KUBE_EDITOR`, then `$EDITOR`, then vi, run on a
 * temporary file with the terminal handed over (inherited stdio).
 */
export function runEditor(text: string, suffix: string, env: Record<string, string | undefined>): EditResult {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-edit-'));
  const file = join(dir, `kubectl-edit-${Math.floor(process.hrtime()[1] % 1e9)}${suffix}`);
  try {
    writeFileSync(file, text);
    // kubectl splits the editor setting on spaces and runs it through the shell.
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
    if (r.error || r.status !== 0) {
      return { ok: false, message: `there was a problem with the editor "${editor}"` };
    }
    return { ok: true, text: readFileSync(file, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
