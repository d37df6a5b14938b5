/**
 * Records the layout of real kubectl's help pages (prose removed, see
 * src/kubectl/help/layout.ts), the behaviour of help-related command lines,
 * and `kubectl api-versions` against test/fake-apiserver.ts.
 *
 *   npx tsx scripts/record-help-layouts.ts
 *
 * Writes src/kubectl/help/testdata/:
 * - layouts/<path>.txt: `kubectl <path> --help` for every command of real
 *   kubectl (found by walking `Available Commands:` from the root), `root.txt`
 *   for `kubectl --help` and `options.txt` for `kubectl options`;
 * - cases/<name>.{stdout,stderr,exit}: each line of cases/cases.txt, with help
 *   pages in either stream reduced to their layout;
 * - api-versions.stdout: `kubectl api-versions` against the fake API server.
 *
 * KUBECTL (default `kubectl`) chooses the binary. See the README there for why
 * the cases use the plain kubectl build rather than gcloud's dispatcher.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { split } from 'shlex';
import { FakeApiServer } from '../test/fake-apiserver.js';
import { looksLikeHelp, skeleton } from '../src/kubectl/help/layout.js';

import { KUBECTL } from '../test/kubectl-binary.js';
const OUT = path.resolve(import.meta.dirname, '../src/kubectl/help/testdata');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedojo-help-'));
// A fresh HOME and no kubeconfig: help needs no cluster, and --cache-dir's default reads $HOME.
const env = { PATH: process.env.PATH ?? '', HOME: '/root', KUBECONFIG: path.join(home, 'none') };

function kubectl(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(KUBECTL, args, { encoding: 'utf8', env: { ...env, ...extraEnv } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

const layouts = path.join(OUT, 'layouts');
fs.rmSync(layouts, { recursive: true, force: true });
fs.mkdirSync(layouts, { recursive: true });

function write(file: string, text: string): void {
  fs.writeFileSync(path.join(layouts, file), text);
}

/** Command names listed under `Available Commands:` (or the root's groups). */
function subcommandsOf(help: string): string[] {
  const out: string[] = [];
  let inList = false;
  for (const line of help.split('\n')) {
    if (/^[A-Z].*:$/.test(line)) inList = line === 'Available Commands:' || / Commands( \(.*\))?:$/.test(line);
    else if (inList && /^ {2}\S/.test(line)) out.push(line.trim().split(/\s+/)[0]);
  }
  return out;
}

let pages = 0;
function recordTree(pathWords: string[]): void {
  const r = kubectl([...pathWords, '--help']);
  if (r.status !== 0 || r.stderr !== '') throw new Error(`kubectl ${pathWords.join(' ')} --help: exit ${r.status}\n${r.stderr}`);
  write(pathWords.length === 0 ? 'root.txt' : `${pathWords.join('_')}.txt`, skeleton(r.stdout));
  pages++;
  for (const sub of subcommandsOf(r.stdout)) recordTree([...pathWords, sub]);
}
recordTree([]);
const options = kubectl(['options']);
write('options.txt', skeleton(options.stdout));
console.log(`layouts: ${pages + 1} pages`);

const casesDir = path.join(OUT, 'cases');
const cases = fs
  .readFileSync(path.join(casesDir, 'cases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));
for (const line of cases) {
  const colon = line.indexOf(':');
  const name = line.slice(0, colon).trim();
  const r = kubectl(split(line.slice(colon + 1).trim()));
  const reduce = (s: string) => (looksLikeHelp(s) ? skeleton(s) : s);
  fs.writeFileSync(path.join(casesDir, `${name}.stdout`), reduce(r.stdout));
  fs.writeFileSync(path.join(casesDir, `${name}.stderr`), reduce(r.stderr));
  fs.writeFileSync(path.join(casesDir, `${name}.exit`), `${r.status}\n`);
}
console.log(`cases: ${cases.length}`);

// api-versions needs a server: the fake one serves discovery for every kind we register.
const server = new FakeApiServer({ now: '2026-01-15T09:00:00Z', objects: [] });
const port = await server.start();
const kubeconfig = path.join(home, 'config');
fs.writeFileSync(
  kubeconfig,
  `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\n    namespace: default\ncurrent-context: fake\nusers:\n- name: fake\n  user: {}\n`,
);
// Asynchronous: the fake server answers from this same process.
const av = await new Promise<{ stdout: string; stderr: string; status: number }>((resolve) => {
  const child = spawn(KUBECTL, ['api-versions'], { env: { ...env, KUBECONFIG: kubeconfig, HOME: home } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('close', (code) => resolve({ stdout, stderr, status: code ?? -1 }));
});
await server.stop();
if (av.status !== 0) throw new Error(`kubectl api-versions: exit ${av.status}\n${av.stderr}`);
fs.writeFileSync(path.join(OUT, 'api-versions.stdout'), av.stdout);
console.log(`api-versions: ${av.stdout.split('\n').length - 1} lines`);
fs.rmSync(home, { recursive: true, force: true });
