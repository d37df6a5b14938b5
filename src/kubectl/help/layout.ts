/**
 * The layout of a kubectl help page with its prose taken out: what the help
 * tests compare between real kubectl and ours. Headings, their order, alias
 * lists, command-name columns, option lines (`    -A, --all-namespaces=false:`)
 * and the Usage line and footers stay byte for byte; the description, the
 * examples, command summaries and flag usage sentences become placeholders,
 * because ours are written in our own words.
 *
 * Used by scripts/record-help-layouts.ts (to store real kubectl's layouts) and
 * by the tests (to reduce our own help the same way).
 */

/** `kubectl options` prints the global flags under this line, in the Options format. */
export const OPTIONS_HEADING = 'The following options can be passed to any command:';

/** Section headings of kubectl's help template (the root adds command groups). */
const FIXED_HEADINGS = new Set(['Aliases:', 'Examples:', 'Available Commands:', 'Options:', 'Usage:', OPTIONS_HEADING]);

/** The root's command-group headings: `Basic Commands (Beginner):`, `Other Commands:`, `Subcommands provided by plugins:`. */
function isGroupHeading(line: string): boolean {
  return /^[A-Z][A-Za-z ]* Commands( \([A-Za-z]+\))?:$/.test(line) || line === 'Subcommands provided by plugins:';
}

export function isHeading(line: string): boolean {
  return FIXED_HEADINGS.has(line) || isGroupHeading(line);
}

/**
 * Reduces a help page to its layout. Text before the first heading is the
 * description (`<description>`); Examples become `  <examples>`; command
 * rows keep their name column (`  history       <short>`); option lines stay
 * and their tab-indented usage becomes `\t<usage>`; from `Usage:` on,
 * everything is kept.
 */
export function skeleton(help: string): string {
  const lines = help.split('\n');
  const out: string[] = [];
  let section: 'description' | 'aliases' | 'examples' | 'commands' | 'options' | 'usage' = 'description';
  let sawDescription = false;
  for (const line of lines) {
    if (section !== 'usage' && isHeading(line)) {
      if (section === 'description' && sawDescription) out.push('<description>', '');
      section = line === 'Aliases:' ? 'aliases' : line === 'Examples:' ? 'examples' : line === 'Options:' || line === OPTIONS_HEADING ? 'options' : line === 'Usage:' ? 'usage' : 'commands';
      out.push(line);
      if (section === 'examples') out.push('  <examples>');
      continue;
    }
    switch (section) {
      case 'description':
        // `kubectl help nosuch` prints this fixed message, then the root's usage: kept as is.
        if (line.startsWith('Unknown help topic ') || (line === '' && !sawDescription && out.length > 0)) out.push(line);
        else if (line !== '') sawDescription = true;
        break;
      case 'examples':
        // A blank line (not the `  ` kubectl puts between examples) ends the section.
        if (line === '') out.push('');
        break;
      case 'commands': {
        const m = /^( {2}\S+ +)\S/.exec(line);
        out.push(m ? `${m[1]}<short>` : line);
        break;
      }
      case 'options':
        out.push(line.startsWith('\t') ? '\t<usage>' : line);
        break;
      case 'aliases':
      case 'usage':
        out.push(line);
        break;
    }
  }
  if (section === 'description' && sawDescription) out.push('<description>', '');
  return out.join('\n');
}

/** Whether a command's output is a help page (or kubectl options' list), to be compared as a layout. */
export function looksLikeHelp(text: string): boolean {
  return /^Usage:$/m.test(text) || text.startsWith(OPTIONS_HEADING);
}

/** The `--name` of each option line in a layout, with its shorthand and default as printed. */
export interface OptionLine {
  name: string;
  short?: string;
  /** The default as kubectl prints it: `false`, `''`, `'strict'`, `[]`, `500`, `0s`. */
  defValue: string;
  line: string;
}

export function optionLines(layout: string): OptionLine[] {
  const out: OptionLine[] = [];
  for (const line of layout.split('\n')) {
    const m = /^ {4}(?:-(\S), )?--([a-z0-9-]+)=(.*):$/.exec(line);
    if (m) out.push({ name: m[2], ...(m[1] ? { short: m[1] } : {}), defValue: m[3], line });
  }
  return out;
}

/** The rows of the command list(s) in a layout: names only. */
export function commandRows(layout: string): string[] {
  const out: string[] = [];
  let inCommands = false;
  for (const line of layout.split('\n')) {
    if (isHeading(line)) inCommands = line === 'Available Commands:' || isGroupHeading(line);
    else if (inCommands && line.startsWith('  ')) out.push(line.trim().split(/\s+/)[0]);
  }
  return out;
}
