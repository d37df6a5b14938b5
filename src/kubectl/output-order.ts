import type { KubectlResult } from './context.js';

/** What a terminal shows, in the order it shows it. */
export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The order in which a result's two streams reached the terminal. A result
 * keeps its plain `{ stdout, stderr, exitCode }` shape (play's transcript
 * and JSON read the streams apart, as DESIGN's contract says); the trainer's
 * screen reads this order instead.
 */
const ORDER = new WeakMap<KubectlResult, OutputChunk[]>();

/** A result built from chunks in the order a terminal shows them. */
export function ordered(chunks: readonly OutputChunk[], exitCode: number): KubectlResult {
  const kept = chunks.filter((c) => c.text !== '');
  const r: KubectlResult = {
    stdout: kept.filter((c) => c.stream === 'stdout').map((c) => c.text).join(''),
    stderr: kept.filter((c) => c.stream === 'stderr').map((c) => c.text).join(''),
    exitCode,
  };
  ORDER.set(r, kept);
  return r;
}

/**
 * The terminal order of a result: as recorded by {@link ordered}, else
 * stdout then stderr (what a command printing errors at its end shows).
 */
export function terminalOutput(r: KubectlResult): OutputChunk[] {
  const chunks = ORDER.get(r) ?? [
    { stream: 'stdout' as const, text: r.stdout },
    { stream: 'stderr' as const, text: r.stderr },
  ];
  return chunks.filter((c) => c.text !== '');
}

/**
 * `text` printed on stderr before anything else the command printed (a
 * deprecated flag's notice, a server warning, "Defaulted container …").
 */
export function stderrFirst(r: KubectlResult, text: string): KubectlResult {
  if (text === '') return r;
  return ordered([{ stream: 'stderr', text }, ...terminalOutput(r)], r.exitCode);
}

/** Two results one after the other (the second's exit code wins). */
export function concatResults(a: KubectlResult, b: KubectlResult): KubectlResult {
  return ordered([...terminalOutput(a), ...terminalOutput(b)], b.exitCode);
}
