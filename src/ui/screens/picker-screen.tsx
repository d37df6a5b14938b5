import { Box, Text } from 'ink';
import { useState, useSyncExternalStore } from 'react';
import { filterCatalogue, type DrillEntry } from '../../training/catalogue.js';
import { formatDuration } from '../../training/drill.js';
import { Frame } from '../components/frame.js';
import { reflow } from '../components/output-state.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { commandFor } from '../keymap.js';
import { useServices } from '../services.js';
import { sym, theme } from '../theme.js';

/** The catalogue by category and difficulty, fzf-style filtering, and a briefing preview. */
export function PickerScreen({ onPick, onBack, onQuit, selected }: { onPick: (id: string) => void; onBack: () => void; onQuit: () => void; selected?: string }) {
  const services = useServices();
  const progress = useSyncExternalStore(services.progress.subscribe, services.progress.snapshot);
  const { columns, rows } = useTerminalSize();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(() => Math.max(0, filterCatalogue(services.catalogue().entries, '').findIndex((e) => e.id === selected)));
  const entries = filterCatalogue(services.catalogue().entries, query);
  const sel = Math.min(index, Math.max(0, entries.length - 1));
  const current: DrillEntry | undefined = entries[sel];

  useKeys((input, key) => {
    const cmd = commandFor(['global', 'picker'], input, key);
    switch (cmd) {
      case 'quit':
        return onQuit();
      case 'back':
        if (query) {
          setQuery('');
          setIndex(0);
        } else onBack();
        return;
      case 'pickerUp':
        return setIndex(Math.max(0, sel - 1));
      case 'pickerDown':
        return setIndex(Math.min(entries.length - 1, sel + 1));
      case 'pickerStart':
        if (current) onPick(current.id);
        return;
      default:
        break;
    }
    if (key.backspace || key.delete) {
      setQuery((q) => q.slice(0, -1));
      setIndex(0);
    } else if (key.ctrl && input === 'u') {
      setQuery('');
    } else if (input && !key.ctrl && !key.meta && !key.tab && /^[\x20-\x7e]+$/.test(input)) {
      setQuery((q) => q + input);
      setIndex(0);
    }
  });

  const wide = columns >= 110;
  const bodyH = rows - 1 - 2 - 2;
  const listH = wide ? bodyH : Math.max(4, bodyH - 9);
  const idW = Math.min(Math.max(10, ...services.catalogue().entries.map((e) => e.id.length)), Math.floor(columns * 0.34));
  let lastCategory = '';
  const listRows: { key: string; text: string; selected: boolean; header?: boolean }[] = [];
  entries.forEach((e, i) => {
    if (e.category !== lastCategory) {
      listRows.push({ key: `h-${e.category}`, text: e.category.toUpperCase(), selected: false, header: true });
      lastCategory = e.category;
    }
    const rec = progress.drills[e.id];
    const mark = rec?.solvedCount ? `${sym.solved} ${formatDuration(rec.bestTimeMs ?? 0)}` : '  ';
    listRows.push({ key: e.id, text: `${i === sel ? sym.pointer : ' '} ${(e.id.length > idW ? `${e.id.slice(0, idW - 1)}…` : e.id).padEnd(idW)} ${e.difficulty.padEnd(6)} ${mark.padEnd(9)} ${e.title}`, selected: i === sel });
  });
  const selRow = listRows.findIndex((r) => r.selected);
  const from = Math.max(0, Math.min(selRow - Math.floor(listH / 2), listRows.length - listH));
  const list = (
    <Box flexDirection="column" width={wide ? Math.floor(columns * 0.55) : columns - 2} height={listH}>
      {listRows.slice(from, from + listH).map((r) => (
        <Text key={r.key} wrap="truncate-end" bold={r.selected || r.header} color={r.selected ? theme.accent : r.header ? theme.dim : undefined}>
          {r.text}
        </Text>
      ))}
      {entries.length === 0 && <Text color={theme.warn}>No drill matches “{query}”. Esc clears the filter.</Text>}
    </Box>
  );
  const preview = current && (
    <Box flexDirection="column" borderStyle="single" paddingX={1} flexGrow={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text bold wrap="truncate-end">{`${current.id}: ${current.title}  (${current.difficulty}, ${current.category}, ${current.hints} hints, ${formatDuration(current.timeLimitMs)} in a challenge)`}</Text>
      </Box>
      <Text wrap="wrap">{reflow(previewText(current.briefing)).trim()}</Text>
    </Box>
  );
  return (
    <Frame title="drills" right={`${entries.length} of ${services.catalogue().entries.length}`} footer="type to filter · ↑↓ choose · Enter start · Esc back · ✔ solved (best time)">
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          filter›{' '}
        </Text>
        {query}
        <Text color={theme.dim}>{query ? '' : 'type a word: oom, network, easy …'}</Text>
      </Text>
      {wide ? (
        <Box flexDirection="row" flexGrow={1}>
          {list}
          {preview}
        </Box>
      ) : (
        <Box flexDirection="column" flexGrow={1}>
          {list}
          {preview}
        </Box>
      )}
    </Frame>
  );
}

/**
 * A briefing before its seed is drawn: parameters (`{{ns}}`) read as
 * placeholders, since each run fills them with its own values.
 */
export function previewText(briefing: string): string {
  return briefing.replace(/\{\{\s*([\w.]+)\s*\}\}/g, '‹$1›');
}
