import { useCallback, useSyncExternalStore } from 'react';
import { useStdout } from 'ink';

/** The terminal's size, updated on resize. */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const subscribe = useCallback(
    (cb: () => void) => {
      stdout.on('resize', cb);
      return () => {
        stdout.off('resize', cb);
      };
    },
    [stdout],
  );
  const columns = useSyncExternalStore(subscribe, () => stdout.columns || 80);
  const rows = useSyncExternalStore(subscribe, () => stdout.rows || 24);
  return { columns: Math.max(40, columns), rows: Math.max(12, rows) };
}
