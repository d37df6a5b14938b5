import type { CommandDef } from './types.js';

/** `kubectl create deployment|service|configmap|…`: the generator subcommands. */
export const CREATE_SUBCOMMANDS: CommandDef[] = [];
