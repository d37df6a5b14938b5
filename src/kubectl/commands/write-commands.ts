import type { CommandDef } from './types.js';
import { PrintError } from './write-helpers.js';
import { applyCommand } from './apply.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { patchCommand } from './patch.js';
import { labelCommand } from './label.js';
import { annotateCommand } from './annotate.js';
import { setCommand } from './set.js';
import { scaleCommand } from './scale.js';
import { rolloutCommand } from './rollout.js';
import { logsCommand } from './logs.js';
import { execCommand } from './exec.js';
import { topCommand } from './top.js';
import { configCommand } from './config.js';
import { versionCommand } from './version.js';
import { clusterInfoCommand } from './cluster-info.js';
import { editCommand } from './edit.js';
import { runCommand } from './run.js';
import { exposeCommand } from './expose.js';
import { cordonCommand, drainCommand, uncordonCommand } from './cordon.js';
import { taintCommand } from './taint.js';
import { authCommand } from './auth.js';
import { waitCommand } from './wait.js';
import { autoscaleCommand } from './autoscale.js';
import { replaceCommand } from './replace.js';
import { diffCommand } from './diff.js';
import { debugCommand } from './debug.js';

/**
 * The commands that change the cluster or read from running containers
 * (apply, create, delete, patch, edit, set, scale, rollout, label, annotate,
 * logs, exec, top, config, version…), in `kubectl --help` order.
 */
export const WRITE_COMMANDS: CommandDef[] = settled([
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  editCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  autoscaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  logsCommand,
  execCommand,
  authCommand,
  debugCommand,
  diffCommand,
  applyCommand,
  patchCommand,
  replaceCommand,
  labelCommand,
  annotateCommand,
  waitCommand,
  configCommand,
  versionCommand,
]);

/**
 * Lets controllers react once a command has written (the Deployment creates
 * its ReplicaSet, the scheduler binds pods), as a real cluster does within
 * milliseconds, before the next command looks.
 */
function settled(defs: CommandDef[]): CommandDef[] {
  return defs.map((d) => ({
    ...d,
    ...(d.run
      ? {
          run: (inv) => {
            try {
              return d.run!(inv);
            } catch (e) {
              if (e instanceof PrintError) return { stdout: e.partial, stderr: e.stderr, exitCode: 1 };
              throw e;
            } finally {
              inv.ctx.sim.settle();
            }
          },
        }
      : {}),
    ...(d.subcommands ? { subcommands: settled(d.subcommands) } : {}),
  }));
}
