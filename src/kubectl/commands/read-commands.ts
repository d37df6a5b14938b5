import type { CommandDef } from './types.js';
import { getCommand } from './get.js';

/** The commands that read the cluster: get, describe, events, api-resources. */
export const READ_COMMANDS: CommandDef[] = [getCommand];
