import type { KubectlResult } from '../context.js';
import type { CommandDef } from '../commands/types.js';
import { goQuote } from '../format/go-fmt.js';
import { SUGGESTION_ORDER } from './command-tree.js';
import { rootUsage } from './render.js';

/**
 * Go's `%#q` of a []string, as `kubectl help nosuch` prints its topic:
 * each word in backquotes when it can be (no backquote, no control
 * character but tab), else double-quoted.
 */
export function backquotedList(words: readonly string[]): string {
  const one = (w: string) => (canBackquote(w) ? `\`${w}\`` : goQuote(w));
  return `[${words.map(one).join(' ')}]`;
}

/** Go's strconv.CanBackquote: no backquote, no control character other than tab, no BOM. */
function canBackquote(w: string): boolean {
  for (const ch of w) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff || cp === 0x7f || (cp < 0x20 && cp !== 0x09)) return false;
  }
  return true;
}

/** `kubectl help nosuch`: a message, then the root's usage, on stderr with exit 0 (cobra's help command never fails). */
export function unknownHelpTopic(words: readonly string[], commands: readonly CommandDef[]): KubectlResult {
  return { stdout: '', stderr: `Unknown help topic ${backquotedList(words)}\n\n\n${rootUsage(commands)}`, exitCode: 0 };
}

/** Levenshtein distance, ignoring case as cobra's suggestions do. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
  }
  return d[s.length][t.length];
}

/**
 * `kubectl gett`: cobra's unknown-command error with its suggestions (names
 * within distance 2, or starting with what was typed), in the order kubectl
 * registers its commands, printed by kubectl as `error: …`.
 *
 * @see github.com/spf13/cobra command.go SuggestionsFor, args.go legacyArgs
 */
export function unknownCommand(verb: string): KubectlResult {
  const suggestions = SUGGESTION_ORDER.filter((n) => distance(n, verb) <= 2 || n.toLowerCase().startsWith(verb.toLowerCase()));
  let msg = `error: unknown command ${goQuote(verb)} for "kubectl"\n`;
  if (suggestions.length > 0) msg += `\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
  return { stdout: '', stderr: msg, exitCode: 1 };
}
