import type { CommandDef } from './types.js';
import { getCommand } from './get.js';
import { describeCommand } from './describe.js';
import { apiResourcesCommand } from './api-resources.js';
import { apiVersionsCommand } from './api-versions.js';
import { eventsCommand } from './events.js';
import { explainCommand } from './explain.js';

/** The commands that read the cluster: get, describe, events, explain, api-resources, api-versions. */
export const READ_COMMANDS: CommandDef[] = [getCommand, describeCommand, eventsCommand, explainCommand, apiResourcesCommand, apiVersionsCommand];
