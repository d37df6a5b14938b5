import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { YAML11_SCHEMA, loadAll } from 'js-yaml';
import { isDict, type KubeObject } from '../cluster/api/meta.js';
import { kindOf, resourceKey } from '../cluster/kinds/registry.js';
import { createSimulation, type Simulation } from '../cluster/simulation.js';

export type SnapshotParse = { ok: true; objects: KubeObject[] } | { ok: false; error: string };

/**
 * Reads objects from a snapshot: one object, several YAML documents, a
 * `List` (as `kubectl get … -o yaml` prints), JSON, or the concatenated
 * JSON lists of `kubectl cluster-info dump` (log sections are skipped).
 */
export function parseSnapshot(text: string, file: string): SnapshotParse {
  const trimmed = text.trimStart();
  let docs: unknown[];
  if (trimmed.startsWith('{')) {
    const values = concatenatedJson(text);
    if (!values.ok) return { ok: false, error: `${file}: ${values.error}` };
    docs = values.values;
  } else {
    try {
      docs = loadAll(text, { schema: YAML11_SCHEMA, filename: file, maxAliases: 100 });
    } catch (e) {
      const err = e as { mark?: { line: number; column: number }; reason?: string; message: string };
      return { ok: false, error: err.mark ? `${file}:${err.mark.line + 1}:${err.mark.column + 1}: ${err.reason}` : `${file}: ${err.message}` };
    }
  }
  const objects: KubeObject[] = [];
  const visit = (d: unknown) => {
    if (!isDict(d)) return;
    if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) {
      for (const item of d.items) {
        if (isDict(item) && !item.kind && typeof d.kind === 'string') {
          // Typed lists (PodList) omit each item's kind and apiVersion.
          item.kind = d.kind.slice(0, -4);
          item.apiVersion = d.apiVersion;
        }
        visit(item);
      }
      return;
    }
    if (typeof d.kind === 'string' && typeof d.apiVersion === 'string' && isDict(d.metadata)) objects.push(d as KubeObject);
  };
  docs.forEach(visit);
  return { ok: true, objects };
}

/**
 * The objects of a snapshot file, or of every `.yaml`, `.yml` and `.json`
 * file under a directory (as `kubectl cluster-info dump --output-directory`
 * writes one: a file per kind and namespace, logs beside them, which are
 * skipped), in path order. `undefined` when the path cannot be read.
 */
export function readSnapshot(path: string): SnapshotParse | undefined {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return undefined;
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = join(dir, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.(ya?ml|json)$/.test(entry.name)) files.push(child);
    }
  };
  if (isDir) walk(path);
  else files.push(path);
  const objects: KubeObject[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
    const parsed = parseSnapshot(text, f);
    if (!parsed.ok) return parsed;
    objects.push(...parsed.objects);
  }
  return { ok: true, objects };
}

function concatenatedJson(text: string): { ok: true; values: unknown[] } | { ok: false; error: string } {
  // cluster-info dump puts each container's log between START and END lines;
  // a log may hold braces of its own, so its section goes before the scan.
  text = text.replace(/^==== START logs for .*====\n[^]*?^==== END logs for .*====$/gm, '');
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('{', i);
    if (start < 0) break;
    // Text between values (cluster-info dump's log sections) is skipped.
    let depth = 0;
    let inString = false;
    let j = start;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (depth !== 0) return { ok: false, error: 'unexpected end of JSON input' };
    try {
      values.push(JSON.parse(text.slice(start, j + 1)));
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    i = j + 1;
  }
  return { ok: true, values };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The newest timestamp anywhere in the objects: a snapshot's "now" by default. */
export function newestTimestamp(objects: readonly KubeObject[]): number | undefined {
  let newest: number | undefined;
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (TIMESTAMP.test(v)) {
        const t = Date.parse(v);
        if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isDict(v)) Object.values(v).forEach(walk);
  };
  objects.forEach(walk);
  return newest;
}

export interface LoadedSnapshot {
  sim: Simulation;
  /** Kinds that were skipped because the simulation does not serve them, with counts. */
  skipped: Map<string, number>;
}

/** A frozen cluster holding exactly the snapshot's objects. */
export function loadSnapshot(objects: readonly KubeObject[], now: number): LoadedSnapshot {
  const sim = createSimulation({ frozen: true, startTime: now });
  const skipped = new Map<string, number>();
  for (const obj of objects) {
    const def = kindOf(obj.apiVersion, obj.kind);
    if (!def) {
      skipped.set(obj.kind, (skipped.get(obj.kind) ?? 0) + 1);
      continue;
    }
    const copy = { ...obj, metadata: { ...obj.metadata } };
    if (def.namespaced && !copy.metadata.namespace) copy.metadata.namespace = 'default';
    if (!def.namespaced) delete copy.metadata.namespace;
    sim.load(resourceKey(def), copy);
  }
  return { sim, skipped };
}
