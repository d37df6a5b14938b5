import { Box, Text } from 'ink';
import { useState, useSyncExternalStore } from 'react';
import { formatDuration } from '../../training/drill.js';
import { masteryByTopic } from '../../training/quiz.js';
import { streak } from '../../training/progress.js';
import { Frame } from '../components/frame.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { commandFor } from '../keymap.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';

function bar(fraction: number, width = 10): string {
  const n = Math.round(fraction * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${String(Math.round(fraction * 100)).padStart(3)}%`;
}

/** Solved drills with best times, challenge scores, quiz mastery per topic. */
export function ProgressScreen({ onBack, onQuit }: { onBack: () => void; onQuit: () => void }) {
  const services = useServices();
  const progress = useSyncExternalStore(services.progress.subscribe, services.progress.snapshot);
  const { rows } = useTerminalSize();
  const [top, setTop] = useState(0);
  const [bank] = useState(() => services.quizBank().questions);
  const lines: { text: string; bold?: boolean; color?: string }[] = [];
  lines.push({ text: `Streak: ${streak(progress, services.today())} day(s) · saved in ${services.progress.file}`, color: theme.dim });
  if (services.progress.warning) lines.push({ text: `! ${services.progress.warning}`, color: theme.warn });
  lines.push({ text: '' }, { text: 'Drills', bold: true });
  const idW = Math.max(10, ...services.catalogue().entries.map((e) => e.id.length));
  lines.push({ text: `  ${'DRILL'.padEnd(idW)} ${'SOLVED'.padEnd(7)} ${'BEST TIME'.padEnd(10)} ${'HINTS'.padEnd(6)} TRIES` });
  for (const e of services.catalogue().entries.filter((x) => x.hasObjectives)) {
    const r = progress.drills[e.id];
    lines.push({
      text: `  ${e.id.padEnd(idW)} ${(r?.solvedCount ? `✔ ${r.solvedCount}×` : '-').padEnd(7)} ${(r?.bestTimeMs !== undefined ? formatDuration(r.bestTimeMs) : '-').padEnd(10)} ${String(r?.fewestHints ?? '-').padEnd(6)} ${r?.attempts ?? 0}`,
    });
  }
  lines.push({ text: '' }, { text: 'Challenge scores (best first)', bold: true });
  if (!progress.challenges.length) lines.push({ text: '  none yet: press c on the home screen', color: theme.dim });
  for (const c of progress.challenges.slice(0, 5)) lines.push({ text: `  ${String(c.score).padStart(5)}  ${c.solved}/${c.total} solved · seed ${c.seed} · ${c.difficulty} · ${c.at.slice(0, 10)}` });
  lines.push({ text: '' }, { text: `Quiz mastery (${progress.quiz.runs} runs; mastered = answered right 3+ times in a row)`, bold: true });
  const mastery = masteryByTopic(bank, progress);
  if (!mastery.length) lines.push({ text: '  no quiz questions found', color: theme.dim });
  for (const m of mastery) lines.push({ text: `  ${m.topic.padEnd(16)} ${bar(m.mastery)}  seen ${m.seen}/${m.questions} · due ${m.due}` });
  const height = rows - 1 - 2;
  const maxTop = Math.max(0, lines.length - height);
  useKeys((input, key) => {
    const cmd = commandFor(['global'], input, key);
    if (cmd === 'quit') return onQuit();
    if (cmd === 'back' || key.return || input === 'q') return onBack();
    if (key.upArrow || key.pageUp) setTop((t) => Math.max(0, t - (key.pageUp ? height : 1)));
    if (key.downArrow || key.pageDown) setTop((t) => Math.min(maxTop, t + (key.pageDown ? height : 1)));
  });
  const t = Math.min(top, maxTop);
  return (
    <Frame title="progress" footer="↑↓ scroll · Esc back">
      <Box flexDirection="column" height={height} overflow="hidden">
        {lines.slice(t, t + height).map((l, i) => (
          <Text key={i} bold={l.bold} color={l.color} wrap="truncate-end">
            {l.text || ' '}
          </Text>
        ))}
      </Box>
    </Frame>
  );
}
