/** Builds dist/kubedojo.js once when it is missing, for the end-to-end tests of the built program. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (!existsSync('dist/kubedojo.js')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
