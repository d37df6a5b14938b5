/**
 * Quiz banks: YAML files under scenarios/quiz/. Format (kind: QuizBank):
 *
 * ```yaml
 * apiVersion: kubedojo/v1
 * kind: QuizBank
 * topic: troubleshooting          # default topic for the questions below
 * questions:
 *   - id: oom-exit-code           # unique across all banks
 *     topic: resources            # optional, overrides the bank's topic
 *     kind: single                # single | multiple | output
 *     question: What exit code does an OOM-killed container report?
 *     output: |                   # required for kind: output — kubectl output to read
 *       NAME   READY   STATUS      RESTARTS
 *     choices:                    # 2 to 8; `correct: true` on one (single, output) or more (multiple)
 *       - text: "137"
 *         correct: true
 *         why: 128 + 9 (SIGKILL).
 *       - text: "1"
 *         why: A generic application error.
 *     explanation: Shown after answering, right or wrong.
 *     scenario: oom-checkout      # optional: a catalogue scenario id the question relates to
 * ```
 *
 * Rules checked by the loader: topics come from QUIZ_TOPICS, every choice has
 * a non-empty `why`, choice texts differ within a question. Across banks
 * (`validateQuizBanks`, used by `kubedojo validate`): ids are unique and
 * `scenario:` names a scenario of the catalogue.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { yamlPositions } from '../scenarios/yaml-positions.js';

export const QUIZ_TOPICS = ['control-plane', 'nodes', 'scheduling', 'resources', 'workloads', 'networking', 'security', 'high-availability', 'troubleshooting', 'storage', 'config'] as const;

export type QuestionKind = 'single' | 'multiple' | 'output';

export interface Choice {
  text: string;
  correct: boolean;
  why?: string;
}

export interface Question {
  id: string;
  topic: string;
  kind: QuestionKind;
  question: string;
  output?: string;
  choices: Choice[];
  explanation: string;
  /** A catalogue scenario id this question relates to. */
  scenario?: string;
  file?: string;
}

export type BankResult = { ok: true; questions: Question[] } | { ok: false; errors: string[] };

/** Parses and validates one bank; errors read `file:line:col: message`. */
export function loadQuizBankText(text: string, file = '<quiz>'): BankResult {
  let data: unknown;
  try {
    data = loadYaml(text, { filename: file, maxAliases: 50 });
  } catch (e) {
    if (e instanceof YAMLException && e.mark) return { ok: false, errors: [`${file}:${e.mark.line + 1}:${e.mark.column + 1}: invalid YAML: ${e.reason}`] };
    return { ok: false, errors: [`${file}: invalid YAML: ${(e as Error).message}`] };
  }
  const pos = yamlPositions(text);
  const at = (path: string) => {
    let p = path;
    while (true) {
      const found = pos.get(p) ?? pos.get(`${p}#key`);
      if (found) return `${file}:${found.line}:${found.column}`;
      if (!p.includes('.')) return file;
      p = p.slice(0, p.lastIndexOf('.'));
    }
  };
  const errors: string[] = [];
  const fail = (path: string, msg: string) => errors.push(`${at(path)}: ${path ? `${path}: ` : ''}${msg}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, errors: [`${file}: a quiz bank is a YAML mapping`] };
  const d = data as Record<string, unknown>;
  if (d.apiVersion !== 'kubedojo/v1') fail('apiVersion', 'must be kubedojo/v1');
  if (d.kind !== 'QuizBank') fail('kind', 'must be QuizBank');
  const bankTopic = typeof d.topic === 'string' ? d.topic : undefined;
  if (!Array.isArray(d.questions) || d.questions.length === 0) {
    fail('questions', 'must be a non-empty list');
    return { ok: false, errors };
  }
  const questions: Question[] = [];
  const ids = new Set<string>();
  d.questions.forEach((raw: unknown, i: number) => {
    const p = `questions.${i}`;
    if (typeof raw !== 'object' || raw === null) return fail(p, 'must be a mapping');
    const q = raw as Record<string, unknown>;
    const str = (k: string, required = true): string | undefined => {
      const v = q[k];
      if (v === undefined) {
        if (required) fail(`${p}.${k}`, 'is required');
        return undefined;
      }
      if (typeof v !== 'string' || v.trim() === '') {
        fail(`${p}.${k}`, 'must be a non-empty string');
        return undefined;
      }
      return v;
    };
    const id = str('id');
    if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(`${p}.id`, `"${id}" must be lower-case letters, digits and dashes`);
    if (id && ids.has(id)) fail(`${p}.id`, `duplicate id "${id}"`);
    if (id) ids.add(id);
    const topic = str('topic', false) ?? bankTopic;
    if (!topic) fail(`${p}.topic`, 'is required (or set `topic` on the bank)');
    else if (!(QUIZ_TOPICS as readonly string[]).includes(topic)) fail(q.topic !== undefined ? `${p}.topic` : 'topic', `unknown topic "${topic}" (one of ${QUIZ_TOPICS.join(', ')})`);
    const scenario = str('scenario', false);
    if (scenario && !/^[a-z0-9][a-z0-9-]*$/.test(scenario)) fail(`${p}.scenario`, `"${scenario}" is not a scenario id`);
    const kind = q.kind ?? 'single';
    if (kind !== 'single' && kind !== 'multiple' && kind !== 'output') fail(`${p}.kind`, 'must be single, multiple or output');
    const question = str('question');
    const output = str('output', kind === 'output');
    const explanation = str('explanation');
    const choices: Choice[] = [];
    if (!Array.isArray(q.choices) || q.choices.length < 2 || q.choices.length > 8) fail(`${p}.choices`, 'must list 2 to 8 choices');
    else
      q.choices.forEach((c: unknown, j: number) => {
        const cp = `${p}.choices.${j}`;
        if (typeof c !== 'object' || c === null) return fail(cp, 'must be a mapping with text');
        const cc = c as Record<string, unknown>;
        const text = typeof cc.text === 'string' || typeof cc.text === 'number' ? String(cc.text) : undefined;
        if (!text) fail(`${cp}.text`, 'is required');
        if (cc.correct !== undefined && typeof cc.correct !== 'boolean') fail(`${cp}.correct`, 'must be true or false');
        if (typeof cc.why !== 'string' || cc.why.trim() === '') fail(`${cp}.why`, cc.why === undefined ? 'is required: say why this choice is right or wrong' : 'must be a non-empty string');
        if (text && choices.some((o) => o.text.trim() === text.trim())) fail(`${cp}.text`, `"${text}" is listed twice`);
        choices.push({ text: text ?? '', correct: cc.correct === true, ...(typeof cc.why === 'string' ? { why: cc.why } : {}) });
      });
    const nCorrect = choices.filter((c) => c.correct).length;
    if (choices.length >= 2) {
      if (kind === 'multiple' && nCorrect < 1) fail(`${p}.choices`, 'a multiple-answer question needs at least one `correct: true`');
      if (kind !== 'multiple' && nCorrect !== 1) fail(`${p}.choices`, `${kind === "output" ? "an" : "a"} ${String(kind)} question needs exactly one \`correct: true\` (found ${nCorrect})`);
    }
    if (id && topic && question && explanation && (kind !== 'output' || output)) {
      questions.push({ id, topic, kind: kind as QuestionKind, question: question.trimEnd(), ...(output ? { output: output.replace(/\n$/, '') } : {}), choices, explanation: explanation.trimEnd(), ...(scenario ? { scenario } : {}), file });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, questions };
}

/** Whether a file is a quiz bank (a YAML file whose kind is QuizBank). */
export function isQuizBankFile(path: string): boolean {
  return /\.ya?ml$/.test(path) && /^kind:\s*QuizBank\s*$/m.test(readFileSync(path, 'utf8'));
}

/** Every `kind: QuizBank` file under a folder (recursively). */
export function quizBankFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isQuizBankFile(p)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Loads all banks; ids must be unique across banks. */
export function loadQuizBanks(dir: string): { questions: Question[]; errors: string[] } {
  const questions: Question[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const f of quizBankFiles(dir)) {
    const r = loadQuizBankText(readFileSync(f, 'utf8'), f);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    for (const q of r.questions) {
      const prev = seen.get(q.id);
      if (prev) errors.push(`${f}: question id "${q.id}" is also used in ${prev}`);
      else {
        seen.set(q.id, f);
        questions.push(q);
      }
    }
  }
  return { questions, errors };
}

export interface QuizBankReport {
  file: string;
  /** Questions that loaded (0 when the file has schema errors). */
  questions: number;
  errors: string[];
}

/**
 * Validates bank files for `kubedojo validate`: each file's schema, ids unique
 * across these files and `otherFiles` (the rest of the banks, checked only for
 * ids), and `scenario:` references among `scenarioIds` when given.
 */
export function validateQuizBanks(files: readonly string[], opts: { otherFiles?: readonly string[]; scenarioIds?: ReadonlySet<string> } = {}): QuizBankReport[] {
  const owner = new Map<string, string>();
  const norm = (f: string) => resolve(f);
  const mine = new Set(files.map(norm));
  for (const f of opts.otherFiles ?? []) {
    if (mine.has(norm(f))) continue;
    const r = loadQuizBankText(readFileSync(f, 'utf8'), f);
    if (r.ok) for (const q of r.questions) if (!owner.has(q.id)) owner.set(q.id, f);
  }
  return files.map((file) => {
    const r = loadQuizBankText(readFileSync(file, 'utf8'), file);
    if (!r.ok) return { file, questions: 0, errors: r.errors };
    const errors: string[] = [];
    for (const q of r.questions) {
      const prev = owner.get(q.id);
      if (prev) errors.push(`${file}: question id "${q.id}" is also used in ${prev}`);
      else owner.set(q.id, file);
      if (q.scenario && opts.scenarioIds && !opts.scenarioIds.has(q.scenario)) errors.push(`${file}: question "${q.id}": scenario "${q.scenario}" is not in the catalogue`);
    }
    return { file, questions: r.questions.length, errors };
  });
}
