/**
 * Keyboard bindings as data: each command has its keys and a description, and
 * the footer and help screen are generated from here (Gemini's keyBindings,
 * k9s's KeyActions). Screens ask `commandFor(scope, input, key)`.
 */
import type { Key } from 'ink';

export type Scope = 'global' | 'menu' | 'picker' | 'prompt' | 'drill' | 'debrief' | 'quiz' | 'editor' | 'challenge';

export interface Binding {
  /** A printable character, or a named key. */
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
}

export interface CommandDef {
  scope: Scope;
  keys: Binding[];
  description: string;
  /** Shown in the screen's footer (short label). */
  footer?: string;
}

const k = (key: string, mods: Omit<Binding, 'key'> = {}): Binding => ({ key, ...mods });
const ctrl = (key: string) => k(key, { ctrl: true });

export const KEYMAP = {
  quit: { scope: 'global', keys: [ctrl('c')], description: 'Quit (clears the line first at the prompt)', footer: 'quit' },
  back: { scope: 'global', keys: [k('escape')], description: 'Back / cancel', footer: 'back' },
  up: { scope: 'menu', keys: [k('up'), k('k')], description: 'Move up' },
  down: { scope: 'menu', keys: [k('down'), k('j')], description: 'Move down' },
  select: { scope: 'menu', keys: [k('return')], description: 'Open the selected item', footer: 'open' },
  drills: { scope: 'menu', keys: [k('d')], description: 'Drills: fix a broken cluster at your pace', footer: 'drills' },
  challenge: { scope: 'menu', keys: [k('c')], description: 'Challenge: several drills against the clock', footer: 'challenge' },
  quiz: { scope: 'menu', keys: [k('q')], description: 'Quiz: concepts, with spaced repetition', footer: 'quiz' },
  progress: { scope: 'menu', keys: [k('p')], description: 'Progress: solved drills, best times, mastery', footer: 'progress' },
  help: { scope: 'menu', keys: [k('?'), k('h')], description: 'Help: every key', footer: 'help' },
  exit: { scope: 'menu', keys: [k('x')], description: 'Exit kubedojo', footer: 'exit' },

  pickerUp: { scope: 'picker', keys: [k('up'), ctrl('p')], description: 'Previous drill' },
  pickerDown: { scope: 'picker', keys: [k('down'), ctrl('n')], description: 'Next drill' },
  pickerStart: { scope: 'picker', keys: [k('return')], description: 'Start the selected drill', footer: 'start' },

  complete: { scope: 'prompt', keys: [k('tab')], description: 'Complete verbs, resource types, names, flags, namespaces', footer: 'complete' },
  historyPrev: { scope: 'prompt', keys: [k('up')], description: 'Previous command in history' },
  historyNext: { scope: 'prompt', keys: [k('down')], description: 'Next command in history' },
  historySearch: { scope: 'prompt', keys: [ctrl('r')], description: 'Search history (again: older match)', footer: 'search' },
  lineStart: { scope: 'prompt', keys: [ctrl('a'), k('home')], description: 'Start of line' },
  lineEnd: { scope: 'prompt', keys: [ctrl('e'), k('end')], description: 'End of line' },
  killBack: { scope: 'prompt', keys: [ctrl('u')], description: 'Delete to start of line' },
  killForward: { scope: 'prompt', keys: [ctrl('k')], description: 'Delete to end of line' },
  killWord: { scope: 'prompt', keys: [ctrl('w')], description: 'Delete the word before the cursor' },
  clearScreen: { scope: 'prompt', keys: [ctrl('l')], description: 'Clear the output' },
  left: { scope: 'prompt', keys: [k('left'), ctrl('b')], description: 'Cursor left' },
  right: { scope: 'prompt', keys: [k('right')], description: 'Cursor right' },
  backspace: { scope: 'prompt', keys: [k('backspace'), k('delete'), ctrl('h')], description: 'Delete the character before the cursor' },
  deleteForward: { scope: 'prompt', keys: [ctrl('d')], description: 'Delete the character under the cursor' },
  submit: { scope: 'prompt', keys: [k('return')], description: 'Run the command (a line with <<EOF waits for EOF)' },

  scrollUp: { scope: 'drill', keys: [k('pageup')], description: 'Scroll the output up', footer: 'scroll' },
  scrollDown: { scope: 'drill', keys: [k('pagedown')], description: 'Scroll the output down' },
  scrollLeft: { scope: 'drill', keys: [k('left', { shift: true }), k('left', { meta: true })], description: 'Scroll wide output left' },
  scrollRight: { scope: 'drill', keys: [k('right', { shift: true }), k('right', { meta: true })], description: 'Scroll wide output right' },
  hint: { scope: 'drill', keys: [ctrl('g')], description: 'Show the next hint (or type `hint`)', footer: 'hint' },
  skipTime: { scope: 'drill', keys: [ctrl('f')], description: 'Fast-forward the cluster 30 s (or type `sleep 2m`)', footer: '+30s' },
  speed: { scope: 'drill', keys: [ctrl('t')], description: 'Cycle the clock speed 1× → 10× → 60× → paused', footer: 'speed' },
  objectives: { scope: 'drill', keys: [ctrl('o')], description: 'Show or hide the objectives panel', footer: 'goals' },
  briefing: { scope: 'drill', keys: [ctrl('y')], description: 'Show the briefing again (or type `briefing`)' },
  skipRound: { scope: 'challenge', keys: [ctrl('n')], description: 'Skip this scenario (challenge only; or type `skip`)', footer: 'skip' },

  editorSave: { scope: 'editor', keys: [ctrl('s')], description: 'Save and apply the edit', footer: 'save' },
  editorCancel: { scope: 'editor', keys: [k('escape')], description: 'Cancel the edit', footer: 'cancel' },

  debriefRetry: { scope: 'debrief', keys: [k('r')], description: 'Try the drill again', footer: 'retry' },
  debriefDone: { scope: 'debrief', keys: [k('return')], description: 'Back to the menu', footer: 'menu' },
} satisfies Record<string, CommandDef>;

export type Command = keyof typeof KEYMAP;

function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  return input;
}

/** Whether a key event triggers a command. */
export function matches(cmd: Command, input: string, key: Key): boolean {
  const name = keyName(input, key);
  return KEYMAP[cmd].keys.some(
    (b: Binding) =>
      b.key === (b.ctrl ? name.toLowerCase() : name) &&
      !!b.ctrl === !!key.ctrl &&
      (b.shift === undefined || !!b.shift === !!key.shift) &&
      (b.meta === undefined || !!b.meta === !!key.meta),
  );
}

/** The first command of the given scopes that a key triggers. */
export function commandFor(scopes: readonly Scope[], input: string, key: Key): Command | undefined {
  for (const scope of scopes) {
    for (const cmd of Object.keys(KEYMAP) as Command[]) {
      if (KEYMAP[cmd].scope === scope && matches(cmd, input, key)) return cmd;
    }
  }
  return undefined;
}

const NAMES: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→', return: 'Enter', escape: 'Esc', tab: 'Tab',
  pageup: 'PgUp', pagedown: 'PgDn', backspace: 'Backspace', delete: 'Del', home: 'Home', end: 'End',
};

export function bindingLabel(b: Binding): string {
  const base = NAMES[b.key] ?? b.key;
  return `${b.ctrl ? 'Ctrl+' : ''}${b.meta ? 'Alt+' : ''}${b.shift ? 'Shift+' : ''}${b.ctrl ? base.toUpperCase() : base}`;
}

/** `Ctrl+R` or `PgUp`: the first binding, for footers. */
export function keyLabel(cmd: Command): string {
  return bindingLabel(KEYMAP[cmd].keys[0]);
}

/** `Tab complete · Ctrl+R search`: a footer from commands. */
export function footer(cmds: readonly Command[]): string {
  return cmds.map((c) => `${keyLabel(c)} ${(KEYMAP[c] as CommandDef).footer ?? ''}`.trim()).join(' · ');
}
