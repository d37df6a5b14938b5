import { describe, expect, it } from 'vitest';
import { emptyProgress } from './progress.js';
import { dueCount, grade, masteryByTopic, pickQuestions, recordQuizRun, updateCard } from './quiz.js';
import { loadQuizBankText, loadQuizBanks, type Question } from './quiz-bank.js';
import { quizDir } from './catalogue.js';

const q = (id: string, topic = 't'): Question => ({
  id,
  topic,
  kind: 'single',
  question: id,
  choices: [
    { text: 'yes', correct: true },
    { text: 'no', correct: false },
  ],
  explanation: 'because',
});

describe('quiz bank', () => {
  it('the sample bank loads and validates', () => {
    const r = loadQuizBanks(quizDir());
    expect(r.errors).toEqual([]);
    expect(r.questions.length).toBeGreaterThanOrEqual(5);
    expect(new Set(r.questions.map((x) => x.kind))).toEqual(new Set(['single', 'multiple', 'output']));
  });

  it('reports mistakes with file:line:col', () => {
    const text = ['apiVersion: kubedojo/v1', 'kind: QuizBank', 'questions:', '  - id: Bad_Id', '    topic: x', '    kind: output', '    question: q?', '    explanation: e', '    choices:', '      - text: a', '      - text: b'].join('\n');
    const r = loadQuizBankText(text, 'bank.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toContain('bank.yaml:4:9: questions.0.id: "Bad_Id" must be lower-case letters, digits and dashes');
      expect(r.errors.some((e) => /questions\.0\.output: is required/.test(e))).toBe(true);
      expect(r.errors.some((e) => /exactly one `correct: true` \(found 0\)/.test(e))).toBe(true);
    }
  });
});

describe('spaced repetition', () => {
  it('grades single and multiple answers exactly', () => {
    const m: Question = { ...q('m'), kind: 'multiple', choices: [{ text: 'a', correct: true }, { text: 'b', correct: true }, { text: 'c', correct: false }] };
    expect(grade(m, [1, 0])).toBe(true);
    expect(grade(m, [0])).toBe(false);
    expect(grade(q('s'), [0])).toBe(true);
    expect(grade(q('s'), [1])).toBe(false);
  });

  it('moves cards up a Leitner box when right, back to box 1 when wrong', () => {
    let c = updateCard(undefined, 't', true, 1);
    expect(c).toMatchObject({ box: 2, dueRun: 3 });
    c = updateCard(c, 't', true, 3);
    expect(c).toMatchObject({ box: 3, dueRun: 7 });
    c = updateCard(c, 't', false, 7);
    expect(c).toMatchObject({ box: 1, dueRun: 8, seen: 3, correct: 2 });
    expect(updateCard(undefined, 't', false, 1)).toMatchObject({ box: 1, dueRun: 2 });
  });

  it('asks missed questions first on the next run, then new ones', () => {
    const bank = ['a', 'b', 'c', 'd'].map((id) => q(id));
    let p = emptyProgress();
    p = recordQuizRun(p, [{ question: bank[0], correct: true }, { question: bank[1], correct: false }], '2026-01-15');
    const next = pickQuestions(bank, p, { count: 3, seed: 1 }).map((x) => x.id);
    expect(next[0]).toBe('b');
    expect(next.slice(1).sort()).toEqual(['c', 'd']);
    expect(dueCount(bank, p)).toBe(3);
    expect(pickQuestions(bank, p, { count: 4, seed: 1 }).map((x) => x.id)).toEqual(pickQuestions(bank, p, { count: 4, seed: 1 }).map((x) => x.id));
  });

  it('reports mastery per topic', () => {
    const bank = [q('a', 'net'), q('b', 'net'), q('c', 'sched')];
    let p = emptyProgress();
    for (let run = 0; run < 4; run++) p = recordQuizRun(p, [{ question: bank[0], correct: true }], '2026-01-15');
    const m = masteryByTopic(bank, p);
    expect(m.find((t) => t.topic === 'net')).toMatchObject({ questions: 2, seen: 1, mastery: 0.5 });
  });
});
