import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Scenario } from '../../scenarios/types.js';
import { formatDuration, type DrillSummary } from '../../training/drill.js';
import { Frame } from '../components/frame.js';
import { reflow, wrapText } from '../components/output-state.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { commandFor, footer } from '../keymap.js';
import { theme } from '../theme.js';

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

/** Everything the debrief shows, as lines (so it scrolls at any size). */
export function debriefLines(s: Scenario, summary: DrillSummary, width: number, saved: string | undefined): Line[] {
  const out: Line[] = [];
  out.push({ text: summary.solved ? `✔ Solved: ${s.title}` : `✘ Not solved: ${s.title}`, color: summary.solved ? theme.ok : theme.warn, bold: true });
  out.push({
    text: `time ${formatDuration(summary.wallMs)} (cluster time ${formatDuration(summary.simMs)}) · ${summary.commands.length} commands · hints ${summary.hintsUsed}/${s.hints.length} · objects deleted ${summary.deletions}`,
  });
  if (saved) out.push({ text: saved, color: theme.dim });
  if (summary.diagnosis) for (const w of wrapText(`Your diagnosis: “${summary.diagnosis}”`, width)) out.push({ text: w });
  out.push({ text: '' });
  out.push({ text: 'What changed in the cluster', bold: true });
  if (summary.changes.length === 0) out.push({ text: '  (nothing)', color: theme.dim });
  for (const c of summary.changes) for (const w of wrapText(`  ${c}`, width)) out.push({ text: w });
  out.push({ text: '' });
  out.push({ text: 'Why it broke', bold: true });
  for (const l of reflow(s.debrief).trimEnd().split('\n')) for (const w of wrapText(`  ${l}`, width)) out.push({ text: w });
  out.push({ text: '' });
  const mine = summary.commands.map((c) => `${c.exitCode === 0 ? ' ' : '✘'} ${c.line.split('\n')[0]}`);
  const ref = s.solution.map((l) => `  ${l}`);
  if (width >= 120) {
    const half = Math.floor((width - 4) / 2);
    out.push({ text: `${'Your commands'.padEnd(half)}  Reference solution`, bold: true });
    for (let i = 0; i < Math.max(mine.length, ref.length); i++) {
      const a = (mine[i] ?? '').slice(0, half - 1).padEnd(half);
      out.push({ text: `${a}  ${ref[i] ?? ''}` });
    }
  } else {
    out.push({ text: 'Your commands (✘ = non-zero exit)', bold: true });
    if (mine.length === 0) out.push({ text: '  (none)', color: theme.dim });
    for (const m of mine) out.push({ text: m });
    out.push({ text: '' });
    out.push({ text: 'Reference solution', bold: true });
    for (const r of ref) out.push({ text: r });
  }
  return out;
}

export function DebriefScreen({ scenario, summary, saved, onRetry, onDone, onQuit }: { scenario: Scenario; summary: DrillSummary; saved?: string; onRetry: () => void; onDone: () => void; onQuit: () => void }) {
  const { columns, rows } = useTerminalSize();
  const [top, setTop] = useState(0);
  const lines = debriefLines(scenario, summary, columns - 2, saved);
  const height = rows - 1 - 2;
  const maxTop = Math.max(0, lines.length - height);
  useKeys((input, key) => {
    const cmd = commandFor(['global', 'debrief'], input, key);
    if (cmd === 'quit') return onQuit();
    if (cmd === 'debriefRetry') return onRetry();
    if (cmd === 'debriefDone' || cmd === 'back' || input === 'q') return onDone();
    if (key.upArrow || input === 'k') setTop((t) => Math.max(0, t - 1));
    if (key.downArrow || input === 'j') setTop((t) => Math.min(maxTop, t + 1));
    if (key.pageUp) setTop((t) => Math.max(0, t - height + 1));
    if (key.pageDown || input === ' ') setTop((t) => Math.min(maxTop, t + height - 1));
  });
  const t = Math.min(top, maxTop);
  return (
    <Frame title={`debrief · ${scenario.id}`} right={maxTop > 0 ? `${t + 1}-${Math.min(lines.length, t + height)}/${lines.length}` : undefined} footer={`↑↓ PgUp/PgDn scroll · ${footer(['debriefRetry', 'debriefDone'])}`}>
      <Box flexDirection="column" height={height} overflow="hidden">
        {lines.slice(t, t + height).map((l, i) => (
          <Text key={t + i} color={l.color} bold={l.bold} wrap="truncate-end">
            {l.text || ' '}
          </Text>
        ))}
      </Box>
    </Frame>
  );
}
