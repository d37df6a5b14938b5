import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The real kubectl the golden recorders run: `scripts/real-kubectl/kubectl`, a
 * shim that picks a plain kubectl v1.32 build (the `kubectl` on this machine's
 * PATH is a dispatcher whose flag errors read `Error:` instead of `error:`).
 */
export const KUBECTL = process.env.KUBECTL ?? path.resolve(import.meta.dirname, '../scripts/real-kubectl/kubectl');

/**
 * Runs `recordSuite` on each suite folder under `root` (all, or those named
 * in `only`), after warning when the kubectl found is not a v1.32 build.
 */
export async function recordSuites(root: string, only: readonly string[], recordSuite: (dir: string) => Promise<number>): Promise<void> {
  const version = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' }).stdout;
  if (!version.includes('v1.32.')) console.warn(`warning: goldens are meant for kubectl v1.32, found:\n${version}`);
  let total = 0;
  for (const suite of fs.readdirSync(root).sort()) {
    const dir = path.join(root, suite);
    if (!fs.statSync(dir).isDirectory()) continue;
    if (only.length > 0 && !only.includes(suite)) continue;
    const n = await recordSuite(dir);
    console.log(`${suite}: ${n} cases`);
    total += n;
  }
  console.log(`recorded ${total} goldens`);
}
