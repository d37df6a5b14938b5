import type { CliIO } from '../cli/main.js';

/** Starts the interactive trainer on a screen (`home`, `drill`, `challenge`, `quiz`). */
export async function startInteractive(screen: string, args: string[], io: CliIO): Promise<number> {
  void args;
  io.stderr(`kubedojo: the interactive ${screen} screen is not built yet; use kubedojo play\n`);
  return 2;
}
