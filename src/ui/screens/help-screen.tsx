import { Box, Text } from 'ink';
import { useState } from 'react';
import { Frame } from '../components/frame.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { KEYMAP, bindingLabel, commandFor, type Command, type Scope } from '../keymap.js';

const SECTIONS: { scope: Scope; title: string }[] = [
  { scope: 'global', title: 'Everywhere' },
  { scope: 'menu', title: 'Home' },
  { scope: 'picker', title: 'Drill picker (type to filter)' },
  { scope: 'prompt', title: 'The drill prompt (like a shell)' },
  { scope: 'drill', title: 'In a drill' },
  { scope: 'challenge', title: 'In a challenge' },
  { scope: 'editor', title: 'Built-in editor (when no $EDITOR can run)' },
  { scope: 'debrief', title: 'Debrief' },
];

/** Every key, generated from the keymap. */
export function HelpScreen({ onBack, onQuit }: { onBack: () => void; onQuit: () => void }) {
  const { rows } = useTerminalSize();
  const [top, setTop] = useState(0);
  const lines: { text: string; bold?: boolean }[] = [];
  for (const s of SECTIONS) {
    lines.push({ text: s.title, bold: true });
    for (const c of Object.keys(KEYMAP) as Command[]) {
      const def = KEYMAP[c];
      if (def.scope === s.scope) lines.push({ text: `  ${def.keys.map(bindingLabel).join(', ').padEnd(24)} ${def.description}` });
    }
    lines.push({ text: '' });
  }
  lines.push({ text: 'At the drill prompt, type kubectl commands as at work. Words the trainer answers: hint, check, briefing, clear, help, exit; sleep 2m advances the clock.' });
  lines.push({ text: '`kubectl edit` opens $KUBE_EDITOR or $EDITOR (vi when unset), or the built-in editor when none can run.' });
  const height = rows - 1 - 2;
  const maxTop = Math.max(0, lines.length - height);
  useKeys((input, key) => {
    const cmd = commandFor(['global'], input, key);
    if (cmd === 'quit') return onQuit();
    if (cmd === 'back' || key.return || input === 'q') return onBack();
    if (key.upArrow || key.pageUp) setTop((t) => Math.max(0, t - (key.pageUp ? height : 1)));
    if (key.downArrow || key.pageDown || input === ' ') setTop((t) => Math.min(maxTop, t + (key.downArrow ? 1 : height)));
  });
  const t = Math.min(top, maxTop);
  return (
    <Frame title="help" footer="↑↓ PgUp/PgDn scroll · Esc back">
      <Box flexDirection="column" height={height} overflow="hidden">
        {lines.slice(t, t + height).map((l, i) => (
          <Text key={i} bold={l.bold} wrap="truncate-end">
            {l.text || ' '}
          </Text>
        ))}
      </Box>
    </Frame>
  );
}
