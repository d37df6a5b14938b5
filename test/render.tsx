/**
 * Renders an Ink tree into fake streams with an explicit terminal size
 * (ink-testing-library hard-codes 100 columns), and polls for frames under
 * act() instead of sleeping.
 */
import { EventEmitter } from 'node:events';
import { act, type ReactElement } from 'react';
import { render as inkRender } from 'ink';
import { KeyboardProvider } from '../src/ui/hooks/use-keys.js';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = () => this.frames.at(-1) ?? '';
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
}

export const KEYS = {
  enter: '\r',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  escape: '\x1b',
  backspace: '\x7f',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  ctrl: (c: string) => String.fromCharCode(c.toLowerCase().charCodeAt(0) - 96),
} as const;

export interface Rendered {
  frame: () => string;
  /** Writes keys one at a time (each its own input event), flushing effects. */
  press: (...keys: string[]) => Promise<void>;
  /** Types text as one chunk, as a fast typist or a paste would arrive. */
  type: (text: string) => Promise<void>;
  /** Writes each chunk as its own input event back to back, before any timer of the program can run. */
  typeTogether: (...chunks: string[]) => Promise<void>;
  waitFor: (predicate: (frame: string) => boolean, what?: string, timeoutMs?: number) => Promise<string>;
  resize: (columns: number, rows: number) => Promise<void>;
  unmount: () => void;
  stdout: FakeStdout;
}

const tick = () => new Promise((r) => setImmediate(r));

export async function render(ui: ReactElement, { columns = 80, rows = 24 }: { columns?: number; rows?: number } = {}): Promise<Rendered> {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(columns, rows);
  let instance!: ReturnType<typeof inkRender>;
  await act(async () => {
    // Screens take keys through the app's keyboard (App brings its own; this one then stays out of the way).
    instance = inkRender(<KeyboardProvider>{ui}</KeyboardProvider>, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await tick();
  });
  const frame = () => stdout.lastFrame();
  return {
    stdout,
    frame,
    press: async (...keys) => {
      for (const k of keys) {
        await act(async () => {
          stdin.write(k);
          await tick();
        });
      }
    },
    type: async (text) => {
      await act(async () => {
        stdin.write(text);
        await tick();
      });
    },
    typeTogether: async (...chunks) => {
      await act(async () => {
        for (const c of chunks) stdin.write(c);
        await tick();
      });
    },
    waitFor: async (predicate, what = 'the expected frame', timeoutMs = 5000) => {
      const start = performance.now();
      while (true) {
        const f = frame();
        if (predicate(f)) return f;
        if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
        await act(async () => {
          await new Promise((r) => setTimeout(r, 10));
        });
      }
    },
    resize: async (c, r) => {
      await act(async () => {
        stdout.resize(c, r);
        await tick();
      });
    },
    unmount: () => {
      act(() => {
        instance.unmount();
        instance.cleanup();
      });
    },
  };
}
