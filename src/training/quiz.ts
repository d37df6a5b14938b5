/**
 * Quiz runs: choosing questions with spaced repetition (Leitner boxes kept in
 * the progress file; a missed question comes back next run, a known one waits
 * 2, 4, 8 runs), grading, and per-topic mastery. Pure.
 */
import { Rng } from '../cluster/time/rng.js';
import type { ProgressData, QuizCard } from './progress.js';
import type { Question } from './quiz-bank.js';

export const MAX_BOX = 5;

/** Runs to wait before a question in `box` is asked again. */
export function intervalFor(box: number): number {
  return 2 ** (box - 1);
}

/**
 * Picks the questions of the next run: those due (lowest box first), then new
 * ones, then the rest soonest-due first; order within a group by seed.
 */
export function pickQuestions(
  bank: readonly Question[],
  progress: ProgressData,
  opts: { count: number; seed: number; topic?: string },
): Question[] {
  const run = progress.quiz.runs + 1;
  const rng = new Rng(opts.seed);
  const pool = bank.filter((q) => !opts.topic || q.topic === opts.topic);
  const keyed = pool.map((q) => {
    const card = progress.quiz.cards[q.id];
    const group = card ? (card.dueRun <= run ? 0 : 2) : 1;
    return { q, group, box: card?.box ?? 0, due: card?.dueRun ?? 0, tie: rng.next() };
  });
  keyed.sort((a, b) => a.group - b.group || (a.group === 2 ? a.due - b.due : 0) || a.box - b.box || a.tie - b.tie);
  return keyed.slice(0, opts.count).map((k) => k.q);
}

/** Whether the selected choice indexes answer the question exactly. */
export function grade(q: Question, selected: readonly number[]): boolean {
  const want = q.choices.map((c, i) => (c.correct ? i : -1)).filter((i) => i >= 0);
  const got = [...new Set(selected)].sort((a, b) => a - b);
  return want.length === got.length && want.every((w, i) => w === got[i]);
}

/** Moves a question's card after an answer in run `run`. */
export function updateCard(card: QuizCard | undefined, topic: string, correct: boolean, run: number): QuizCard {
  const prev = card ?? { topic, box: 1, dueRun: run, seen: 0, correct: 0 };
  const box = correct ? Math.min(MAX_BOX, (card ? prev.box : 1) + 1) : 1;
  return { topic, box, dueRun: run + intervalFor(box), seen: prev.seen + 1, correct: prev.correct + (correct ? 1 : 0) };
}

/** Records a finished run's answers. */
export function recordQuizRun(progress: ProgressData, answers: { question: Question; correct: boolean }[], day: string): ProgressData {
  const run = progress.quiz.runs + 1;
  const cards = { ...progress.quiz.cards };
  for (const a of answers) cards[a.question.id] = updateCard(cards[a.question.id], a.question.topic, a.correct, run);
  const activeDays = progress.activeDays.at(-1) === day ? progress.activeDays : [...progress.activeDays.filter((d) => d !== day), day].slice(-60);
  return { ...progress, quiz: { runs: run, cards }, activeDays };
}

export interface TopicMastery {
  topic: string;
  questions: number;
  seen: number;
  /** Share of the topic's questions in box 4 or higher, 0..1. */
  mastery: number;
  due: number;
}

export function masteryByTopic(bank: readonly Question[], progress: ProgressData): TopicMastery[] {
  const run = progress.quiz.runs + 1;
  const topics = new Map<string, TopicMastery>();
  for (const q of bank) {
    const t = topics.get(q.topic) ?? { topic: q.topic, questions: 0, seen: 0, mastery: 0, due: 0 };
    const card = progress.quiz.cards[q.id];
    t.questions++;
    if (card) {
      t.seen++;
      if (card.box >= 4) t.mastery++;
      if (card.dueRun <= run) t.due++;
    } else t.due++;
    topics.set(q.topic, t);
  }
  return [...topics.values()].map((t) => ({ ...t, mastery: t.questions ? t.mastery / t.questions : 0 })).sort((a, b) => (a.topic < b.topic ? -1 : 1));
}

/** Questions due in the next run (never seen, or due). */
export function dueCount(bank: readonly Question[], progress: ProgressData): number {
  const run = progress.quiz.runs + 1;
  return bank.filter((q) => {
    const c = progress.quiz.cards[q.id];
    return !c || c.dueRun <= run;
  }).length;
}
