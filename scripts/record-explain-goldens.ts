/**
 * Records `kubectl explain` goldens from REAL kubectl (v1.32.4) against
 * test/fake-apiserver.ts, whose /openapi/v3 serves our explain schema
 * (src/kubectl/explain/openapi.ts). The goldens prove kubectl's layout of our
 * schema (headers, FIELD and DESCRIPTION blocks, wrapping, enums, --recursive
 * trees, errors), not the descriptions, which are ours.
 *
 *   npx tsx scripts/record-explain-goldens.ts
 *
 * Cases: src/kubectl/explain/testdata/goldens/cases.txt (`name: kubectl args`,
 * one a line), plus `kind-<Kind>` (`explain <resource>`) and
 * `kind-<Kind>-recursive` for every kind we simulate. Each case writes
 * `<name>.stdout`, `<name>.stderr` and `<name>.exit`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { split } from 'shlex';
import '../src/cluster/kinds/index.js';
import { allKinds } from '../src/cluster/kinds/registry.js';
import { RealKubectl } from '../test/real-kubectl.js';
import { KUBECTL } from '../test/kubectl-binary.js';

const DIR = path.resolve(import.meta.dirname, '../src/kubectl/explain/testdata/goldens');

/** The hand-written cases, then two per simulated kind (resource name qualified by group, so none is ambiguous). */
export function explainCases(): [name: string, args: string[]][] {
  const cases: [string, string[]][] = fs
    .readFileSync(path.join(DIR, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => [l.slice(0, l.indexOf(':')).trim(), split(l.slice(l.indexOf(':') + 1).trim())]);
  for (const d of allKinds()) {
    const resource = d.group ? `${d.resource}.${d.group}` : d.resource;
    cases.push([`kind-${d.kind}`, ['explain', resource]]);
    cases.push([`kind-${d.kind}-recursive`, ['explain', resource, '--recursive']]);
  }
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' }).stdout;
  if (!version.includes('v1.32.')) console.warn(`warning: goldens are meant for kubectl v1.32.4, found:\n${version}`);
  const kubectl = new RealKubectl({ now: '2026-01-15T09:00:00Z', objects: [] });
  await kubectl.start();
  const cases = explainCases();
  for (const [name, args] of cases) {
    const r = await kubectl.run(args);
    fs.writeFileSync(path.join(DIR, `${name}.stdout`), r.stdout);
    fs.writeFileSync(path.join(DIR, `${name}.stderr`), r.stderr);
    fs.writeFileSync(path.join(DIR, `${name}.exit`), `${r.status}\n`);
  }
  await kubectl.stop();
  console.log(`recorded ${cases.length} explain goldens`);
}
