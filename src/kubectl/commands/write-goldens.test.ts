import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { split } from 'shlex';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../cluster/api/meta.js';
import { kindOf, resourceKey } from '../../cluster/kinds/registry.js';
import { Simulation } from '../../cluster/simulation.js';
import { defaultKubeConfig, type KubectlContext } from '../context.js';
import { runKubectl } from '../run.js';
import { MemoryFs } from './testkit.js';

/**
 * Goldens recorded from real kubectl v1.32.4 against test/fake-apiserver.ts,
 * whose writes go to our own API server (scripts/record-write-goldens.ts).
 * Each case runs on a fresh frozen simulation holding the fixture; the
 * editor is testdata/write/editor.sh, emulated here: it prints the buffer it
 * is given (that output comes before anything kubectl prints after the
 * editor closes) and applies the case's EDIT_SED.
 */
const ROOT = path.resolve(import.meta.dirname, '../testdata/write');

function parseCase(line: string): { name: string; env: Record<string, string>; args: string[] } {
  const colon = line.indexOf(':');
  const words = split(line.slice(colon + 1).trim());
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0])) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  return { name: line.slice(0, colon).trim(), env, args: words };
}

/** The two sed forms the cases use, `s/RE/TEXT/` (first match per line) and `/RE/d`. */
function sed(script: string, text: string): string {
  const lines = text.split('\n');
  const last = lines.pop();
  const sub = /^s\/(.*?)\/(.*)\/$/.exec(script);
  const del = /^\/(.*)\/d$/.exec(script);
  const out = sub ? lines.map((l) => l.replace(new RegExp(sub[1]), () => sub[2])) : del ? lines.filter((l) => !new RegExp(del[1]).test(l)) : lines;
  return [...out, last].join('\n');
}

function contextFor(fixture: { now: string; objects: KubeObject[] }, env: Record<string, string>, shown: string[]): KubectlContext {
  const sim = new Simulation({ frozen: true, startTime: fixture.now });
  for (const obj of fixture.objects) {
    const def = kindOf(obj.apiVersion, obj.kind);
    if (!def) throw new Error(`fixture: unknown kind ${obj.apiVersion} ${obj.kind}`);
    sim.load(resourceKey(def), obj);
  }
  return {
    sim,
    config: defaultKubeConfig(),
    env: {},
    fs: new MemoryFs(),
    edit: (text) => {
      shown.push(`--- editor buffer ---\n${text}--- end of buffer ---\n`);
      return { ok: true, text: env.EDIT_SED ? sed(env.EDIT_SED, text) : text };
    },
  };
}

/** kubectl's temporary file names, and klog's headers (wall-clock time and thread id), differ from run to run. */
const normalize = (s: string) =>
  s.replace(/kubectl-edit-\d+\.(yaml|json)/g, 'kubectl-edit-N.$1').replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu THREAD ');

for (const suite of fs.readdirSync(ROOT).filter((d) => fs.statSync(path.join(ROOT, d)).isDirectory())) {
  const dir = path.join(ROOT, suite);
  const fixture = yaml.load(fs.readFileSync(path.join(dir, 'fixture.yaml'), 'utf8')) as { now: string; objects: KubeObject[] };
  const cases = fs
    .readFileSync(path.join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map(parseCase);
  describe(`write goldens: ${suite}`, () => {
    it.each(cases)('$name: kubectl $args', ({ name, env, args }) => {
      const shown: string[] = [];
      const ctx = contextFor(fixture, env, shown);
      for (const f of fs.readdirSync(dir)) if (/\.(ya?ml|json)$/.test(f) && f !== 'fixture.yaml') (ctx.fs as MemoryFs).write(f, fs.readFileSync(path.join(dir, f), 'utf8'));
      const r = runKubectl(args, ctx);
      expect({ stdout: normalize(shown.join('') + r.stdout), stderr: normalize(r.stderr), exitCode: r.exitCode }).toEqual({
        stdout: normalize(fs.readFileSync(path.join(dir, `${name}.stdout`), 'utf8')),
        stderr: normalize(fs.readFileSync(path.join(dir, `${name}.stderr`), 'utf8')),
        exitCode: Number(fs.readFileSync(path.join(dir, `${name}.exit`), 'utf8').trim()),
      });
    });
  });
}
