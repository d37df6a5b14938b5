import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { theme } from '../theme.js';

/** A full-screen page: a title bar, the body, and a key footer on the last line. */
export function Frame({ title, right, footer, children }: { title: string; right?: string; footer: string; children: ReactNode }) {
  const { columns, rows } = useTerminalSize();
  const left = ` kubedojo › ${title}`;
  const r = right ? `${right} ` : '';
  const bar = left.length + r.length < columns ? left + ' '.repeat(columns - left.length - r.length) + r : left;
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Text inverse bold wrap="truncate-end">
        {bar.padEnd(columns)}
      </Text>
      <Box flexDirection="column" flexGrow={1} paddingX={1} overflow="hidden">
        {children}
      </Box>
      <Text color={theme.dim} wrap="truncate-end">
        {footer}
      </Text>
    </Box>
  );
}
