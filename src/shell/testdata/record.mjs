// Records what real bash and GNU coreutils print for each case in cases.txt,
// for coreutils-goldens.test.ts to compare the trainer's shell against.
// Run from the repository root: node src/shell/testdata/record.mjs
// Each case runs in a fresh copy of the fixture files below, all dated at one
// whole second (written to the output's first line) so `ls -l` and `diff -u`
// headers can be reproduced on the simulated clock.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = JSON.parse(readFileSync(join(here, 'fixtures.json'), 'utf8'));
const cases = readFileSync(join(here, 'cases.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
const at = Math.floor(Date.now() / 1000) * 1000;
const version = spawnSync('bash', ['-c', 'bash --version | head -1; ls --version | head -1; sed --version | head -1; diff --version | head -1; grep --version | head -1'], { encoding: 'utf8' }).stdout.trim().split('\n');
const out = [JSON.stringify({ recordedAt: new Date(at).toISOString(), versions: version })];
for (const cmd of cases) {
  const root = mkdtempSync(join(tmpdir(), 'kubedojo-coreutils-'));
  const work = join(root, 'work');
  mkdirSync(work);
  const dated = [work];
  for (const [name, text] of Object.entries(fixtures)) {
    const path = join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    dated.push(dirname(path));
    writeFileSync(path, text);
    dated.push(path);
  }
  for (const p of dated) utimesSync(p, at / 1000, at / 1000);
  const r = spawnSync('bash', ['-c', cmd], { cwd: work, encoding: 'utf8', input: '', env: { PATH: process.env.PATH, HOME: work, TZ: 'UTC', LC_ALL: 'C.UTF-8' } });
  // Our shell names itself where bash does: `bash: line 1: x: No such file or directory` → `kubedojo: x: …`.
  const stderr = r.stderr.replace(/^bash: line \d+: /gm, 'kubedojo: ');
  out.push(JSON.stringify({ cmd, stdout: r.stdout, stderr, exitCode: r.status }));
  rmSync(root, { recursive: true, force: true });
}
writeFileSync(join(here, 'coreutils.jsonl'), out.join('\n') + '\n');
console.log(`recorded ${cases.length} cases`);
