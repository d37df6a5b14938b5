import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { parseSleep } from '../shell/shell.js';
import { scenarioSchema } from './scenario-schema.js';
import { applyVariants, chooseParameters, describeChoice, substituteScenario, unknownPlaceholders, valueKey } from './parameters.js';
import type { SchemaIssue } from './schema-dsl.js';
import type { ParameterValue, Scenario, ScenarioTemplate } from './types.js';
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
  const errors: string[] = [];
  const seen = new Set<string>();
  const report = (issues: SchemaIssue[], when = '') => {
    for (const i of issues) {
      const line = `${file}:${at(i.path)}: ${i.path.replace(/#key$/, '') || '(top level)'}: ${i.message}`;
      if (seen.has(line)) continue;
      seen.add(line);
      errors.push(line + when);
    }
  };
  const params = declaredParameters(data);
  // Unknown {{names}} anywhere in the file, with the exact line and column.
  for (const u of unknownPlaceholders(text, params ?? {})) errors.push(`${file}:${u.line}:${u.column}: ${u.message}`);
  if (!params) {
    // No usable parameters: validate the file as written.
    report(validateScenarioData(data));
  } else {
    report(variantKeyIssues(data as Record<string, unknown>, params));
    // Validate the scenario as each value of each parameter makes it (the i-th value of every parameter together);
    // a problem only some values cause says which.
    const rounds = Math.max(1, ...Object.values(params).map((v) => v.length));
    const found: { issue: SchemaIssue; key: string; choice: string }[] = [];
    for (let i = 0; i < rounds; i++) {
      const choice = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v[i % v.length]]));
      const substituted = substituteScenario(data as Record<string, unknown>, choice, false);
      const issues = [...validateScenarioData(substituted), ...validateScenarioData(applyVariants(substituted, choice)).filter((x) => !x.path.startsWith('variants'))];
      for (const issue of issues) found.push({ issue, key: `${issue.path}\n${issue.message}`, choice: describeChoice(choice) });
    }
    const rounds_ = new Map<string, Set<string>>();
    for (const f of found) rounds_.set(f.key, (rounds_.get(f.key) ?? new Set()).add(f.choice));
    for (const f of found) report([f.issue], rounds_.get(f.key)!.size < rounds ? ` (with ${f.choice})` : '');
  }
  if (errors.length > 0) return { ok: false, errors };
  const template: ScenarioTemplate | undefined = params ? { data: data as Record<string, unknown>, parameters: params, text } : undefined;
  return { ok: true, scenario: buildScenario(data as Record<string, unknown>, file, text, template, 1) };
}

/** The schema's issues plus the cross-field ones (duplicate objective ids). */
function validateScenarioData(data: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  scenarioSchema.validate(data, '', issues);
  const d = data as Record<string, unknown> | null;
  const ids = new Set<string>();
  for (const section of ['objectives', 'guards'] as const) {
    const list = d?.[section];
    if (!Array.isArray(list)) continue;
    list.forEach((o: { id?: unknown }, i: number) => {
      if (typeof o?.id !== 'string') return;
      if (ids.has(o.id)) issues.push({ path: `${section}.${i}.id`, message: `duplicate objective id "${o.id}"` });
      ids.add(o.id);
    });
  }
  return issues;
}

/** `parameters` when well formed (name → values), undefined when absent or malformed (the schema reports it). */
function declaredParameters(data: unknown): Record<string, ParameterValue[]> | undefined {
  const ps = (data as { parameters?: unknown } | null)?.parameters;
  if (typeof ps !== 'object' || ps === null || Array.isArray(ps)) return undefined;
  const out: Record<string, ParameterValue[]> = {};
  for (const [name, p] of Object.entries(ps)) {
    const values = (p as { oneOf?: unknown } | null)?.oneOf;
    if (!Array.isArray(values) || values.length === 0) return undefined;
    out[name] = values as ParameterValue[];
  }
  return out;
}

/** `variants` must name declared parameters and values they can take. */
function variantKeyIssues(data: Record<string, unknown>, params: Record<string, ParameterValue[]>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const v = data.variants;
  if (typeof v !== 'object' || v === null) return issues;
  for (const [param, byValue] of Object.entries(v)) {
    const values = params[param];
    if (!values) {
      issues.push({ path: `variants.${param}#key`, message: `"${param}" is not a declared parameter; declared: ${Object.keys(params).join(', ') || 'none'}` });
      continue;
    }
    if (typeof byValue !== 'object' || byValue === null) continue;
    const keys = values.map(valueKey);
    for (const val of Object.keys(byValue)) {
      if (!keys.includes(val)) issues.push({ path: `variants.${param}.${val}#key`, message: `"${val}" is not a value of parameter ${param}; its values: ${keys.join(', ')}` });
    }
  }
  return issues;
}

/**
 * The scenario a seed makes: parameters drawn from the seed, substituted and
 * their variants applied. A scenario without parameters is returned as is.
 */
export function instantiateScenario(scenario: Scenario, seed: number): Scenario {
  const t = scenario.template;
  if (!t) return scenario;
  const choice = chooseParameters(t.parameters, seed);
  if (scenario.parameters && describeChoice(choice) === describeChoice(scenario.parameters)) return scenario;
  return buildScenario(t.data, scenario.file ?? '<scenario>', t.text, t, seed);
}

function buildScenario(raw: Record<string, unknown>, file: string, text: string, template: ScenarioTemplate | undefined, seed: number): Scenario {
  const choice = template ? chooseParameters(template.parameters, seed) : {};
  const d = (template ? applyVariants(substituteScenario(raw, choice), choice) : raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Durations are checked by the schema; these conversions cannot fail after it.
  const ms = (v: unknown, dflt: number) => (v === undefined ? dflt : typeof v === 'number' ? v * 1000 : (parseSleep(String(v)) ?? dflt));
  const manifestsPos = yamlPositions(text).get('manifests');
  return {
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
    files: d.files ?? {},
    setup: d.setup ?? [],
    startAfterMs: ms(d.startAfter, 0),
    objectives: d.objectives ?? [],
    guards: d.guards ?? [],
    hints: d.hints ?? [],
    solution: d.solution ?? [],
    wrongFixes: d.wrongFixes ?? [],
    debrief: d.debrief ?? '',
    parameters: choice,
    ...(template ? { template } : {}),
    file,
    // A block scalar's content starts on the line after its indicator.
    manifestsLine: manifestsPos ? manifestsPos.line + (/^\s*manifests:\s*[|>]/m.test(text) ? 1 : 0) : undefined,
  };
}
