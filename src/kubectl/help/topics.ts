import { CHANGE_TOPICS } from './topics-change.js';
import { INSPECT_TOPICS } from './topics-inspect.js';

/** The prose of one help page (kubedojo's own words; the layout is kubectl's). */
export interface HelpTopic {
  /** A one-line summary, then paragraphs that start with a space, as kubectl prints them. */
  long: string;
  /** `# what it does` then the command, examples separated by a blank line. */
  examples?: string;
}

const TOPICS: Readonly<Record<string, HelpTopic>> = { ...INSPECT_TOPICS, ...CHANGE_TOPICS };

/** Whether a command path ('' for the root, 'rollout status') has a help page of its own. */
export function hasTopic(path: string): boolean {
  return TOPICS[path] !== undefined;
}

/** The prose for a command path; help.test.ts makes sure every command has one. */
export function topicFor(path: string): HelpTopic {
  return TOPICS[path] ?? { long: `kubectl ${path}` };
}
