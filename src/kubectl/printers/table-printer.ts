import type { Table, TableCell, TableColumn } from '../../cluster/tables/index.js';

/**
 * kubectl's client side of server-side printing: it takes the Table the
 * server computed and decorates it (NAMESPACE column, `kind/` name prefix,
 * `-L` label columns, `--show-labels`), hides priority columns unless
 * `-o wide`, and writes tab-separated lines for the tabwriter.
 *
 * @see k8s.io/cli-runtime/pkg/printers/tableprinter.go (decorateTable, printTable)
 */
export interface TablePrintOptions {
  /** `-o wide`: show priority > 0 columns. */
  wide?: boolean;
  noHeaders?: boolean;
  /** `-A` on a namespaced kind: a leading NAMESPACE column. */
  withNamespace?: boolean;
  /** `pod`, `deployment.apps`: prefix for the name column (multi-kind output, `--show-kind`). */
  kindPrefix?: string;
  /** `-L key` columns. */
  columnLabels?: string[];
  showLabels?: boolean;
}

/** `-L app.kubernetes.io/name` → `NAME`: the upper-cased last path segment. */
export function formatLabelHeaders(labels: readonly string[]): string[] {
  return labels.map((l) => {
    const p = l.split('/');
    return p[p.length - 1].toUpperCase();
  });
}

/**
 * labels.FormatLabels: the `k=v` pairs sorted as whole strings (labels.Set.String
 * sorts after joining, so `app.kubernetes.io/name=x` precedes `app=y`), or `<none>`.
 */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const pairs = Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? '<none>' : pairs.sort(compareBytes).join(',');
}

/** Go's string comparison: by UTF-8 bytes. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Replaces terminal-unsafe characters as printers.WriteEscaped does. */
export function writeEscaped(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** What a cell may hold that kubectl does not print as it is (see cellText). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_CELL = /[\f\n\r\x1b]/;

function cellText(cell: TableCell): string {
  if (cell === null || cell === undefined) return '';
  // Nearly every cell is plain text: one scan instead of a search and two replaceAll.
  if (typeof cell === 'string' && !UNSAFE_IN_CELL.test(cell)) return cell;
  if (typeof cell === 'string') {
    const brk = cell.search(/[\f\n\r]/);
    if (brk >= 0) return writeEscaped(cell.slice(0, brk)) + '...';
    return writeEscaped(cell);
  }
  return writeEscaped(String(cell));
}

/** decorateTable: columns and cells after NAMESPACE/kind/label decoration. */
export function decorateTable(table: Table, opts: TablePrintOptions): { columns: TableColumn[]; rows: TableCell[][] } {
  const labelsCols = opts.columnLabels ?? [];
  const columns: TableColumn[] = [];
  if (opts.withNamespace) columns.push({ name: 'Namespace', type: 'string', priority: 0 });
  columns.push(...table.columns);
  for (const h of formatLabelHeaders(labelsCols)) columns.push({ name: h, type: 'string', priority: 0 });
  if (opts.showLabels) columns.push({ name: 'Labels', type: 'string', priority: 0 });
  const nameColumn = opts.kindPrefix ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const rows = table.rows.map((row) => {
    let cells = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${opts.kindPrefix}/${cellText(cells[nameColumn])}`;
    const meta = row.object?.metadata;
    if (opts.withNamespace) cells = [meta?.namespace ?? '', ...cells];
    for (const key of labelsCols) cells.push(meta?.labels?.[key] ?? '');
    if (opts.showLabels) cells.push(formatLabels(meta?.labels));
    return cells;
  });
  return { columns, rows };
}

/**
 * printTable: the header (unless there are no rows or `noHeaders`) and one
 * tab-separated line per row, ready for a `get` tabwriter.
 */
export function printTable(table: Table, opts: TablePrintOptions): string {
  const { columns, rows } = decorateTable(table, opts);
  const visible = columns.map((c) => opts.wide || c.priority === 0);
  let out = '';
  if (!opts.noHeaders) {
    if (rows.length === 0) return '';
    out += columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join('\t') + '\n';
  }
  for (const cells of rows) {
    const parts: string[] = [];
    for (let i = 0; i < cells.length && i < columns.length; i++) if (visible[i]) parts.push(cellText(cells[i]));
    out += parts.join('\t') + '\n';
  }
  return out;
}
