/**
 * The trainer's interactive figures, measured on the BUILT program in a real
 * pseudo-terminal (run `npm run build` first):
 * - start to first frame: spawn → the home screen's title on screen;
 * - keypress to echo: a key typed at the drill prompt → that key on screen;
 * - command to output: Enter on `kubectl get pods -A` in a 1,000-pod drill →
 *   the table's last row on screen.
 * Prints medians; real time is read here only.
 */
import pty from 'node-pty';
import { performance } from 'node:perf_hooks';

const BIN = 'dist/kubedojo.js';
const env: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI') env[k] = v;
Object.assign(env, { TERM: 'xterm-256color', KUBEDOJO_HOME: '/tmp/kubedojo-bench', NO_COLOR: '1' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function session(args: string[]) {
  const child = pty.spawn(process.execPath, [BIN, ...args], { cols: 100, rows: 30, env });
  let out = '';
  const waiters: { test: (s: string) => boolean; resolve: () => void }[] = [];
  child.onData((d) => {
    out += d;
    for (const w of [...waiters]) if (w.test(out)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const until = (test: (s: string) => boolean) => new Promise<void>((resolve) => (test(out) ? resolve() : waiters.push({ test, resolve })));
  const exited = new Promise<void>((r) => child.onExit(() => r()));
  return { child, until, exited, mark: () => out.length, since: (n: number) => out.slice(n) };
}

const starts: number[] = [];
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  const s = session([]);
  await s.until((o) => o.includes('kubedojo › home'));
  starts.push(performance.now() - t0);
  s.child.write('\x03');
  await s.exited;
}

const echoes: number[] = [];
{
  const s = session(['drill', 'sandbox']);
  await s.until((o) => o.includes('Sandbox'));
  for (const ch of 'kubectlgetpods') {
    const m = s.mark();
    const t0 = performance.now();
    s.child.write(ch);
    await s.until((o) => o.length > m && o.slice(m).includes(ch));
    echoes.push(performance.now() - t0);
  }
  s.child.kill();
  await s.exited;
}

const outputs: number[] = [];
{
  const s = session(['drill', 'bench/fixtures/thousand-pods.yaml']);
  await s.until((o) => o.includes('1,000-pod cluster'));
  for (let i = 0; i < 5; i++) {
    s.child.write('\x0c');
    s.child.write('kubectl get deploy big');
    await s.until((o) => o.endsWith('kubectl get deploy big') || o.includes('get deploy big'));
    const m = s.mark();
    const t0 = performance.now();
    s.child.write('\r');
    await s.until((o) => o.length > m && /big +\d+\/1000 /.test(o.slice(m)));
    outputs.push(performance.now() - t0);
  }
  s.child.kill();
  await s.exited;
}

console.log(`start to first frame   median ${median(starts).toFixed(0)} ms  (target < 300 ms; ${starts.length} runs)`);
console.log(`keypress to echo       median ${median(echoes).toFixed(1)} ms  (${echoes.length} keys)`);
console.log(`command to output     median ${median(outputs).toFixed(1)} ms  (target < 50 ms; kubectl get deploy big on 1,000 pods, ${outputs.length} runs)`);
