import { Box, Text } from 'ink';
import { useState } from 'react';
import { useKeys } from '../hooks/use-keys.js';

export interface SelectItem<T> {
  key: string;
  label: string;
  value: T;
}

/**
 * A vertical list: ↑/k and ↓/j move (wrapping), Enter chooses, 1–9 choose
 * directly (the keys and look of ink-select-input). Its keys go through
 * useKeys, so ↓ and Enter read in one chunk choose the item ↓ moved to.
 */
export function SelectList<T>({
  items,
  initialIndex = 0,
  onSelect,
}: {
  items: SelectItem<T>[];
  initialIndex?: number;
  onSelect: (item: SelectItem<T>) => void;
}) {
  const [index, setIndex] = useState(() => Math.max(0, Math.min(initialIndex, items.length - 1)));
  const sel = Math.min(index, items.length - 1);
  useKeys((input, key) => {
    if (!items.length) return;
    const move = input === 'k' || key.upArrow ? -1 : input === 'j' || key.downArrow ? 1 : 0;
    if (move) {
      setIndex((sel + move + items.length) % items.length);
      return;
    }
    if (/^[1-9]$/.test(input)) {
      const direct = items[Number(input) - 1];
      if (direct) onSelect(direct);
      return;
    }
    if (key.return) onSelect(items[sel]);
  });
  return (
    <Box flexDirection="column">
      {items.map((item, i) => (
        <Box key={item.key}>
          <Box marginRight={1}>{i === sel ? <Text color="blue">❯</Text> : <Text> </Text>}</Box>
          <Text color={i === sel ? 'blue' : undefined}>{item.label}</Text>
        </Box>
      ))}
    </Box>
  );
}
