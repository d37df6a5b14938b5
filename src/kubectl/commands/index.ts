import type { CommandDef } from './types.js';
import { WRITE_COMMANDS } from './write-commands.js';
import { READ_COMMANDS } from './read-commands.js';

/**
 * Every kubectl command the interpreter knows (help lists them in kubectl's groups, see help/command-tree.ts).
 * Each verb lives in its own module and adds itself here.
 */
export const COMMANDS: CommandDef[] = [...READ_COMMANDS, ...WRITE_COMMANDS];
