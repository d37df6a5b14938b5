import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { parseSleep } from '../shell/shell.js';
import { scenarioSchema } from './scenario-schema.js';
import type { Scenario } from './types.js';
import { yamlPositions } from './yaml-positions.js';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** The scenario catalogue folder: `scenarios/` at the package root (beside dist/ or src/). */
export function catalogueDir(): string {
  if (process.env.KUBEDOJO_SCENARIOS) return process.env.KUBEDOJO_SCENARIOS;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'scenarios');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('scenarios');
}

/** Every scenario file of the catalogue (recursively, `*.yaml` files whose kind is Scenario). */
export function catalogueFiles(dir = catalogueDir()): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && /^kind:\s*Scenario\s*$/m.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Loads a scenario by catalogue id or file path. */
export function loadScenario(idOrPath: string): LoadResult {
  if (/\.ya?ml$/.test(idOrPath) || idOrPath.includes('/')) {
    if (!existsSync(idOrPath)) return { ok: false, errors: [`${idOrPath}: no such scenario file`] };
    return loadScenarioFile(idOrPath);
  }
  for (const file of catalogueFiles()) {
    const text = readFileSync(file, 'utf8');
    const m = /^\s+id:\s*["']?([a-z0-9-]+)["']?\s*$/m.exec(text);
    if (m && m[1] === idOrPath) return loadScenarioText(text, file);
  }
  return { ok: false, errors: [`unknown scenario "${idOrPath}" (see \`kubedojo list\`)`] };
}

export function loadScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`${file}: ${(e as Error).message}`] };
  }
  return loadScenarioText(text, file);
}

/** Parses and validates scenario YAML; errors read `file:line:col: message`. */
export function loadScenarioText(text: string, file = '<scenario>'): LoadResult {
  let data: unknown;
  try {
    data = loadYaml(text, { filename: file, maxAliases: 100 });
  } catch (e) {
    if (e instanceof YAMLException && e.mark) {
      return { ok: false, errors: [`${file}:${e.mark.line + 1}:${e.mark.column + 1}: invalid YAML: ${e.reason}`] };
    }
    return { ok: false, errors: [`${file}: invalid YAML: ${(e as Error).message}`] };
  }
  const issues: { path: string; message: string }[] = [];
  scenarioSchema.validate(data, '', issues);
  const positions = yamlPositions(text);
  const at = (path: string) => {
    let p = path;
    while (true) {
      const pos = positions.get(p) ?? positions.get(`${p}#key`);
      if (pos) return `${pos.line}:${pos.column}`;
      if (p === '') return '1:1';
      const cut = p.replace(/#key$/, '').lastIndexOf('.');
      p = cut < 0 ? '' : p.replace(/#key$/, '').slice(0, cut);
    }
  };
  const d = data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Durations are checked by the schema; these conversions cannot fail after it.
  const ms = (v: unknown, dflt: number) => (v === undefined ? dflt : typeof v === 'number' ? v * 1000 : (parseSleep(String(v)) ?? dflt));
  const ids = new Set<string>();
  for (const [section, list] of [['objectives', d?.objectives], ['guards', d?.guards]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((o: { id?: unknown }, i: number) => {
      if (typeof o?.id !== 'string') return;
      if (ids.has(o.id)) issues.push({ path: `${section}.${i}.id`, message: `duplicate objective id "${o.id}"` });
      ids.add(o.id);
    });
  }
  if (issues.length > 0) {
    return { ok: false, errors: issues.map((i) => `${file}:${at(i.path)}: ${i.path.replace(/#key$/, '') || '(top level)'}: ${i.message}`) };
  }
  const manifestsPos = positions.get('manifests');
  const scenario: Scenario = {
    id: d.metadata.id,
    title: d.metadata.title,
    difficulty: d.metadata.difficulty,
    category: d.metadata.category,
    tags: d.metadata.tags ?? [],
    timeLimitMs: ms(d.metadata.timeLimit, 10 * 60_000),
    briefing: d.briefing,
    cluster: d.cluster,
    images: d.images ?? {},
    manifests: d.manifests ?? '',
    setup: d.setup ?? [],
    startAfterMs: ms(d.startAfter, 0),
    objectives: d.objectives ?? [],
    guards: d.guards ?? [],
    hints: d.hints ?? [],
    solution: d.solution ?? [],
    wrongFixes: d.wrongFixes ?? [],
    debrief: d.debrief ?? '',
    file,
    // A block scalar's content starts on the line after its indicator.
    manifestsLine: manifestsPos ? manifestsPos.line + (/^\s*manifests:\s*[|>]/m.test(text) ? 1 : 0) : undefined,
  };
  return { ok: true, scenario };
}
