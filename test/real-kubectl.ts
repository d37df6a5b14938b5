/**
 * Runs REAL kubectl against test/fake-apiserver.ts serving a fixture, with
 * ages exact and absolute times mapped back to the fixture's clock. Shared by
 * scripts/record-read-goldens.ts (goldens) and scripts/differential-sweep.ts
 * (real kubectl vs our interpreter over every scenario).
 *
 * Time: kubectl computes ages from the wall clock. Before each run the server
 * shifts every timestamp it serves by a whole number of seconds, `offset =
 * floor(wall now - fixture now)`; if kubectl finishes within the same wall
 * second it saw exactly the fixture's ages (HumanDuration has one-second
 * resolution, fixture timestamps are whole seconds), otherwise the run is
 * repeated. The shifted absolute times in its output are then mapped back.
 *
 * Test support only: not shipped, not used by the trainer.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeApiServer, shiftTime, type Fixture } from './fake-apiserver.js';
import { KUBECTL } from './kubectl-binary.js';

export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** Exit status; -1 when killed. */
  status: number;
}

/** Go's time.RFC1123Z in UTC: `Thu, 15 Jan 2026 09:00:00 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Time.String() in UTC: `2026-01-15 09:10:00 +0000 UTC`. */
export function goTimeString(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
}

/** Every RFC 3339 string anywhere in `v`. */
export function timestampsIn(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string' && RFC3339.test(v)) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => timestampsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => timestampsIn(x, out));
  return out;
}

/** Replaces shifted absolute times in kubectl's output by the fixture's own. */
export function unshift(text: string, stamps: Iterable<string>, offset: number): string {
  let out = text;
  for (const s of stamps) {
    out = out.split(shiftTime(s, offset)).join(s);
    const ms = Date.parse(s);
    const shifted = Math.floor((ms + offset) / 1000) * 1000;
    out = out.split(rfc1123z(shifted)).join(rfc1123z(ms));
    out = out.split(goTimeString(shifted)).join(goTimeString(ms));
  }
  return out;
}

/** Runs a command asynchronously (the fake server lives in this process and must keep answering). */
export function runProcess(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status: status ?? -1 });
    });
  });
}

/** A kubeconfig for the fake server: context namespace `default`, as our interpreter's default config. */
export function kubeconfigFor(port: number): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:${port}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    namespace: default
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
users:
- name: kubernetes-admin
  user: {}
`;
}

/**
 * One fake API server serving a fixture, one `$HOME` (its discovery cache is
 * reused between runs, as a learner's would be) and a kubeconfig. Runs are
 * sequential: the clock offset belongs to the run in progress.
 */
export class RealKubectl {
  readonly server: FakeApiServer;
  private readonly stamps: Set<string>;
  private home = '';
  private env: NodeJS.ProcessEnv = {};
  /** How many runs were repeated because they crossed a wall-clock second. */
  retries = 0;
  /** A running average of how long kubectl takes here, to decide whether a run fits in what is left of the second. */
  private typicalMs = 300;

  constructor(fixture: Fixture) {
    this.server = new FakeApiServer(fixture);
    this.stamps = timestampsIn(fixture.objects);
  }

  async start(): Promise<void> {
    const port = await this.server.start();
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-kubectl-'));
    const kubeconfig = path.join(this.home, 'config');
    fs.writeFileSync(kubeconfig, kubeconfigFor(port));
    this.env = { PATH: process.env.PATH, HOME: this.home, KUBECONFIG: kubeconfig, TZ: 'UTC', LANG: 'C' };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    if (this.home) fs.rmSync(this.home, { recursive: true, force: true });
  }

  /** `kubectl ARGS` with ages as of the fixture's `now` and absolute times unshifted. */
  async run(args: readonly string[]): Promise<ProcessResult> {
    for (let attempt = 0; ; attempt++) {
      this.server.log.length = 0;
      // Too close to the next second to finish within this one: start just after it.
      if (1000 - (Date.now() % 1000) < 1.5 * this.typicalMs + 20) await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
      this.server.syncClock();
      const started = Date.now();
      const second = Math.floor(started / 1000);
      const r = await runProcess(KUBECTL, args, this.env);
      this.typicalMs = 0.8 * this.typicalMs + 0.2 * Math.min(1000, Date.now() - started);
      if (Math.floor(Date.now() / 1000) === second) {
        return { stdout: unshift(r.stdout, this.stamps, this.server.offset), stderr: unshift(r.stderr, this.stamps, this.server.offset), status: r.status };
      }
      this.retries++;
      if (attempt >= 5) throw new Error(`kubectl ${args.join(' ')} keeps running across a wall-clock second; its ages would be off`);
    }
  }
}
