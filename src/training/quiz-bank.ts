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
 * ```
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import { yamlPositions } from '../scenarios/yaml-positions.js';

export const QUIZ_TOPICS = ['control-plane', 'scheduling', 'resources', 'networking', 'security', 'troubleshooting', 'workloads', 'storage', 'config'] as const;

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
        if (cc.why !== undefined && typeof cc.why !== 'string') fail(`${cp}.why`, 'must be a string');
        choices.push({ text: text ?? '', correct: cc.correct === true, ...(typeof cc.why === 'string' ? { why: cc.why } : {}) });
      });
    const nCorrect = choices.filter((c) => c.correct).length;
    if (choices.length >= 2) {
      if (kind === 'multiple' && nCorrect < 1) fail(`${p}.choices`, 'a multiple-answer question needs at least one `correct: true`');
      if (kind !== 'multiple' && nCorrect !== 1) fail(`${p}.choices`, `${kind === "output" ? "an" : "a"} ${String(kind)} question needs exactly one \`correct: true\` (found ${nCorrect})`);
    }
    if (id && topic && question && explanation && (kind !== 'output' || output)) {
      questions.push({ id, topic, kind: kind as QuestionKind, question: question.trimEnd(), ...(output ? { output: output.replace(/\n$/, '') } : {}), choices, explanation: explanation.trimEnd(), file });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, questions };
}

/** Every `kind: QuizBank` file under a folder (recursively). */
export function quizBankFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && /^kind:\s*QuizBank\s*$/m.test(readFileSync(p, 'utf8'))) out.push(p);
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
