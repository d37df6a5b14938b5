// Records golden results from real kubectl: node record.mjs (see README.md).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const out = {};
for (const c of cases) {
  const args = ['patch', '--local', '-f', join(dir, c.input), '--type', c.type, '-p', JSON.stringify(c.patch), '-o', 'json'];
  try {
    const stdout = execFileSync('kubectl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    out[c.name] = { stdout: JSON.parse(stdout) };
  } catch (e) {
    out[c.name] = { stderr: e.stderr, exitCode: e.status };
  }
}
writeFileSync(join(dir, 'goldens.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`recorded ${cases.length} cases`);
