/**
 * Runs the BUILT program (dist/kubedojo.js) in a real pseudo-terminal and
 * reads the screen through a headless xterm, as a person would see it.
 * Every wait polls the screen until a condition holds, bounded by a timeout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';

export const BIN = resolve('dist/kubedojo.js');

export const KEY = {
  enter: '\r',
  tab: '\t',
  escape: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  ctrl: (c: string) => String.fromCharCode(c.toLowerCase().charCodeAt(0) - 96),
};

export interface Program {
  /** The screen's text, one string per row, trailing spaces removed. */
  screen: () => string;
  write: (data: string) => void;
  /** Types text, waits until it shows on screen, then presses Enter. */
  run: (line: string, echo?: string) => Promise<void>;
  waitFor: (what: string | RegExp | ((screen: string) => boolean), timeoutMs?: number) => Promise<string>;
  exited: Promise<number>;
  home: string;
  /** Everything the program wrote, escape sequences included. */
  raw: () => string;
  /** 'alternate' while the trainer owns the screen, 'normal' once it gave it back. */
  bufferType: () => string;
  kill: () => void;
  /** ms from spawn to the first frame containing `text`. */
  startMs?: number;
}

export function spawnProgram(args: string[], opts: { cols?: number; rows?: number; env?: Record<string, string>; home?: string } = {}): Program {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 30;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'kubedojo-e2e-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('VITEST')) env[k] = v;
  delete env.CI;
  Object.assign(env, { TERM: 'xterm-256color', KUBEDOJO_HOME: home, NO_COLOR: '1' }, opts.env ?? {});
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const child = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env });
  let raw = '';
  child.onData((d) => {
    raw += d;
    term.write(d);
  });
  const exited = new Promise<number>((r) => child.onExit(({ exitCode }) => r(exitCode)));
  let done = false;
  void exited.then(() => (done = true));
  const screen = () => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  const waitFor: Program['waitFor'] = async (what, timeoutMs = 10_000) => {
    const test = typeof what === 'function' ? what : typeof what === 'string' ? (s: string) => s.includes(what) : (s: string) => what.test(s);
    const start = performance.now();
    while (true) {
      // xterm parses asynchronously: flush its write queue before reading.
      await new Promise<void>((r) => term.write('', r));
      const s = screen();
      if (test(s)) return s;
      if (done) throw new Error(`the program exited while waiting for ${String(what)}; screen:\n${s}`);
      if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(what)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    screen,
    write: (d) => child.write(d),
    run: async (line, echo) => {
      child.write(line);
      await waitFor(echo ?? line.slice(-Math.min(line.length, 30)));
      child.write('\r');
    },
    waitFor,
    exited,
    home,
    raw: () => raw,
    bufferType: () => term.buffer.active.type,
    kill: () => {
      if (!done) child.kill();
    },
  };
}
