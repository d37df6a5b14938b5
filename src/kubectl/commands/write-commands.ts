import type { CommandDef } from './types.js';
import { applyCommand } from './apply.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { patchCommand } from './patch.js';
import { labelCommand } from './label.js';
import { annotateCommand } from './annotate.js';
import { setCommand } from './set.js';
import { scaleCommand } from './scale.js';
import { rolloutCommand } from './rollout.js';

/**
 * The commands that change the cluster or read from running containers
 * (apply, create, delete, patch, edit, set, scale, rollout, label, annotate,
 * logs, exec, top, config, version…), in `kubectl --help` order.
 */
export const WRITE_COMMANDS: CommandDef[] = [
  createCommand,
  setCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  applyCommand,
  patchCommand,
  labelCommand,
  annotateCommand,
];
