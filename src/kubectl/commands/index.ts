import type { CommandDef } from './types.js';
import { WRITE_COMMANDS } from './write-commands.js';

/**
 * Every kubectl command the interpreter knows, in `kubectl --help` order.
 * Each verb lives in its own module and adds itself here.
 */
export const COMMANDS: CommandDef[] = [...WRITE_COMMANDS];
