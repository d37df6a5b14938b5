import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueScenarioIds, validateCommand } from '../cli/validate-command.js';
import type { CliIO } from '../cli/main.js';
import { quizDir } from './catalogue.js';
import { loadQuizBankText, loadQuizBanks, QUIZ_TOPICS, quizBankFiles, validateQuizBanks } from './quiz-bank.js';

const bank = (questions: string) => ['apiVersion: kubedojo/v1', 'kind: QuizBank', 'topic: networking', 'questions:', questions].join('\n');
const one = (id: string, extra = '') =>
  [`  - id: ${id}`, '    question: q?', '    explanation: e', extra, '    choices:', '      - text: a', '        correct: true', '        why: right', '      - text: b', '        why: wrong'].filter(Boolean).join('\n');

describe('the quiz banks', () => {
  const { questions, errors } = loadQuizBanks(quizDir());

  it('all validate: schema, unique ids across banks, a why on every choice, known topics and scenarios', () => {
    expect(errors).toEqual([]);
    const reports = validateQuizBanks(quizBankFiles(quizDir()), { scenarioIds: catalogueScenarioIds() });
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(reports.reduce((n, r) => n + r.questions, 0)).toBe(questions.length);
  });

  it('cover every topic of the lesson with enough questions of every kind', () => {
    expect(questions.length).toBeGreaterThanOrEqual(130);
    const byTopic = new Map<string, number>();
    for (const q of questions) byTopic.set(q.topic, (byTopic.get(q.topic) ?? 0) + 1);
    for (const t of ['control-plane', 'nodes', 'resources', 'workloads', 'networking', 'security', 'high-availability', 'troubleshooting']) expect(byTopic.get(t) ?? 0, t).toBeGreaterThanOrEqual(8);
    expect(questions.filter((q) => q.kind === 'output').length).toBeGreaterThanOrEqual(30);
    expect(questions.filter((q) => q.kind === 'multiple').length).toBeGreaterThanOrEqual(15);
    for (const q of questions) {
      expect(q.choices.every((c) => c.why && c.why.trim().length > 0), q.id).toBe(true);
      if (q.kind === 'multiple') expect(q.choices.some((c) => !c.correct), `${q.id} has a wrong choice`).toBe(true);
    }
  });

  it('do not give the answer away by its position (the quiz screen shows choices as written)', () => {
    const first = new Map<number, number>();
    const single = questions.filter((q) => q.kind !== 'multiple');
    for (const q of single) {
      const i = q.choices.findIndex((c) => c.correct);
      first.set(i, (first.get(i) ?? 0) + 1);
    }
    for (const n of first.values()) expect(n / single.length).toBeLessThan(0.4);
  });
});

describe('quiz bank validation', () => {
  it('requires a why on every choice, known topics, distinct choices', () => {
    const r = loadQuizBankText(
      bank(
        [
          one('a'),
          '  - id: b',
          '    topic: cooking',
          '    question: q?',
          '    explanation: e',
          '    choices:',
          '      - text: a',
          '        correct: true',
          '      - text: a',
          '        why: again',
        ].join('\n'),
      ),
      'bank.yaml',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => /questions\.1\.topic: unknown topic "cooking"/.test(e))).toBe(true);
      expect(r.errors.some((e) => /questions\.1\.choices\.0\.why: is required/.test(e))).toBe(true);
      expect(r.errors.some((e) => /questions\.1\.choices\.1\.text: "a" is listed twice/.test(e))).toBe(true);
      expect(r.errors.every((e) => !/questions\.0/.test(e))).toBe(true);
    }
    expect(QUIZ_TOPICS).toContain('high-availability');
  });

  it('finds ids used twice across banks and scenario references missing from the catalogue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiz-'));
    writeFileSync(join(dir, 'a.yaml'), bank(one('same')));
    writeFileSync(join(dir, 'b.yaml'), bank([one('same'), one('ref', '    scenario: no-such-drill')].join('\n')));
    const reports = validateQuizBanks(quizBankFiles(dir), { scenarioIds: new Set(['sandbox']) });
    expect(reports[0].errors).toEqual([]);
    expect(reports[1].errors).toEqual([`${join(dir, 'b.yaml')}: question id "same" is also used in ${join(dir, 'a.yaml')}`, `${join(dir, 'b.yaml')}: question "ref": scenario "no-such-drill" is not in the catalogue`]);
  });

  it('kubedojo validate checks bank files given as paths', () => {
    let out = '';
    const io: CliIO = { stdout: (s) => (out += s), stderr: (s) => (out += s), readStdin: () => '', stdinIsTTY: false, env: {} };
    expect(validateCommand([quizDir()], io)).toBe(0);
    expect(out).toMatch(/quiz bank\(s\) valid, \d+ questions\n$/);
    expect(out).not.toMatch(/FAIL/);
    const dir = mkdtempSync(join(tmpdir(), 'quiz-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, bank(one('x', '    scenario: no-such-drill')));
    out = '';
    expect(validateCommand([bad], io)).toBe(1);
    expect(out).toContain(`FAIL ${bad}\n  ${bad}: question "x": scenario "no-such-drill" is not in the catalogue\n`);
    expect(out).toContain('0 of 1 quiz bank(s) valid, 1 questions\n');
  });
});
