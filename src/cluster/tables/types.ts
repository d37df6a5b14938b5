import type { KubeObject } from '../api/meta.js';

/**
 * Server-side tables (meta.k8s.io/v1 Table), as the API server returns them
 * to `kubectl get`: the server defines the columns and computes the cells,
 * kubectl only lays them out.
 *
 * @see k8s.io/apimachinery/pkg/apis/meta/v1/types.go Table
 */
export interface TableColumn {
  /** Column name as the server sends it (`Port(s)`); kubectl upper-cases it. */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** `name` marks the column kubectl prefixes with `kind/` for multi-kind output. */
  format?: 'name' | '';
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
  description?: string;
}

export type TableCell = string | number | boolean | null;

export interface TableRow {
  cells: TableCell[];
  object: KubeObject;
}

export interface Table {
  columns: TableColumn[];
  rows: TableRow[];
}

/** Computes one object's cells (wide cells included) at `now` (ms since epoch). */
export type RowFunction = (obj: KubeObject, now: number) => TableCell[];

export interface TableHandler {
  columns: TableColumn[];
  row: RowFunction;
}

/** Shorthand for column definitions: `['Name', 'Ready', ['IP', 1]]`. */
export function cols(...defs: (string | [string, number] | [string, number, TableColumn['type']])[]): TableColumn[] {
  return defs.map((d) => {
    const [name, priority, type] = typeof d === 'string' ? [d, 0, 'string' as const] : [d[0], d[1], d[2] ?? ('string' as const)];
    return { name, type, priority, format: name === 'Name' ? 'name' : '' };
  });
}
