import { Box, Text } from 'ink';
import { visibleLines, type OutputLine, type OutputState } from './output-state.js';
import { theme } from '../theme.js';

const COLORS: Partial<Record<OutputLine['kind'], string>> = {
  command: theme.accent,
  stderr: theme.bad,
  hint: theme.warn,
  success: theme.ok,
  warning: theme.warn,
  info: theme.dim,
};

/** Scrollback that never wraps: kubectl's columns stay aligned; wide lines are cut (Shift+←/→ scrolls). */
export function OutputView({ state, height, width }: { state: OutputState; height: number; width: number }) {
  const lines = visibleLines(state, height, width);
  const more = state.scroll > 0 ? `── ${state.scroll} more below (PgDn) ──` : undefined;
  const shown = more ? lines.slice(1) : lines;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={COLORS[l.kind]} bold={l.kind === 'command'}>
          {(state.hscroll > 0 ? l.text.slice(state.hscroll) : l.text) || ' '}
        </Text>
      ))}
      {more && (
        <Text wrap="truncate-end" dimColor>
          {more}
        </Text>
      )}
    </Box>
  );
}
