import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { grade, pickQuestions, recordQuizRun } from '../../training/quiz.js';
import type { Question } from '../../training/quiz-bank.js';
import { Frame } from '../components/frame.js';
import { clampTop, hardWrap } from '../components/hard-wrap.js';
import { SelectList } from '../components/select-list.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { commandFor } from '../keymap.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';

interface Answer {
  question: Question;
  selected: number[];
  correct: boolean;
}

const LETTERS = 'abcdefgh';

/** Questions with immediate feedback, a score, spaced repetition and a review of the missed ones. */
export function QuizScreen({ topic, count = 5, seed, onDone, onQuit }: { topic?: string; count?: number; seed?: number; onDone: () => void; onQuit: () => void }) {
  const services = useServices();
  const { columns, rows } = useTerminalSize();
  const [bank] = useState(() => services.quizBank());
  const [questions] = useState(() => pickQuestions(bank.questions, services.progress.get(), { count, seed: seed ?? services.freshSeed(), topic }));
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<'ask' | 'feedback' | 'summary' | 'review'>(questions.length ? 'ask' : 'summary');
  const [toggled, setToggled] = useState<number[]>([]);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [reviewTop, setReviewTop] = useState(0);
  // First row of the question's output shown: long outputs scroll instead of being cut.
  const [outTop, setOutTop] = useState(0);
  const recorded = useRef(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);

  const q = questions[index];
  // The output box is bordered (2 columns) inside the frame: rows wrap as a terminal would.
  const outputRows = q?.output ? hardWrap(q.output.split('\n'), Math.max(10, columns - 4)) : [];
  const outputViewport = Math.max(3, rows - 16);
  const finish = (all: Answer[]) => {
    if (!recorded.current && all.length) {
      recorded.current = true;
      const ok = services.progress.update((p) => recordQuizRun(p, all, services.today()));
      setSaved(ok ? 'Progress saved: missed questions come back next run.' : (services.progress.lastSaveError ?? 'Progress not saved.'));
    }
  };
  const answer = (selected: number[]) => {
    const a = { question: q, selected, correct: grade(q, selected) };
    setAnswers((xs) => [...xs, a]);
    setPhase('feedback');
  };

  useKeys((input, key) => {
    const cmd = commandFor(['global'], input, key);
    if (cmd === 'quit') return onQuit();
    if (phase === 'ask') {
      if (key.pageDown || key.pageUp) {
        const step = Math.max(1, outputViewport - 1);
        setOutTop((t) => clampTop(t + (key.pageDown ? step : -step), outputRows.length, outputViewport));
        return;
      }
      const letter = LETTERS.indexOf(input);
      if (input.length === 1 && letter >= 0 && letter < q.choices.length) {
        if (q.kind === 'multiple') setToggled((t) => (t.includes(letter) ? t.filter((x) => x !== letter) : [...t, letter]));
        else answer([letter]);
        return;
      }
      if (cmd === 'back') {
        finish(answers);
        onDone();
      }
      return;
    }
    if (phase === 'feedback' && (key.return || input === ' ')) {
      if (index + 1 < questions.length) {
        setIndex(index + 1);
        setOutTop(0);
        setToggled([]);
        setPhase('ask');
      } else {
        finish(answers);
        setPhase('summary');
      }
      return;
    }
    if (phase === 'summary') {
      if (input === 'r' && answers.some((a) => !a.correct)) return setPhase('review');
      if (key.return || cmd === 'back' || input === 'q') return onDone();
      return;
    }
    if (phase === 'review') {
      if (key.upArrow) setReviewTop((t) => Math.max(0, t - 1));
      else if (key.downArrow) setReviewTop((t) => t + 1);
      else if (key.pageDown || input === ' ') setReviewTop((t) => t + rows - 6);
      else if (key.pageUp) setReviewTop((t) => Math.max(0, t - rows + 6));
      else if (cmd === 'back' || key.return || input === 'q') setPhase('summary');
      return;
    }
    if (cmd === 'back') onDone();
  });

  const score = answers.filter((a) => a.correct).length;
  const title = `quiz${topic ? ` · ${topic}` : ''}`;
  if (!questions.length) {
    return (
      <Frame title={title} footer="Enter back">
        <Text color={theme.warn}>No questions found{topic ? ` for topic “${topic}”` : ''}.</Text>
        {bank.errors.map((e, i) => (
          <Text key={i} wrap="truncate-end">{`! ${e}`}</Text>
        ))}
      </Frame>
    );
  }

  if (phase === 'summary' || phase === 'review') {
    const missed = answers.filter((a) => !a.correct);
    if (phase === 'review') {
      const lines: { text: string; bold?: boolean; color?: string }[] = [];
      for (const m of missed) {
        lines.push({ text: m.question.question, bold: true });
        for (const [i, c] of m.question.choices.entries()) if (c.correct) lines.push({ text: `  ✔ ${LETTERS[i]}) ${c.text}`, color: theme.ok });
        for (const l of m.question.explanation.split('\n')) lines.push({ text: `  ${l}` });
        lines.push({ text: '' });
      }
      const h = rows - 4;
      const t = Math.min(reviewTop, Math.max(0, lines.length - h));
      return (
        <Frame title={`${title} · review of missed questions`} footer="↑↓ PgUp/PgDn scroll · Esc back to the score">
          <Box flexDirection="column" height={h} overflow="hidden">
            {lines.slice(t, t + h).map((l, i) => (
              <Text key={i} bold={l.bold} color={l.color} wrap="wrap">
                {l.text || ' '}
              </Text>
            ))}
          </Box>
        </Frame>
      );
    }
    return (
      <Frame title={title} footer={`${missed.length ? 'r review missed · ' : ''}Enter back to the menu`}>
        <Text bold>{`Score: ${score}/${answers.length}${answers.length < questions.length ? ` (stopped after ${answers.length} of ${questions.length})` : ''}`}</Text>
        <Text> </Text>
        {answers.map((a, i) => (
          <Text key={i} color={a.correct ? theme.ok : theme.bad} wrap="truncate-end">{`${a.correct ? '✔ right' : '✘ wrong'}  [${a.question.topic}] ${a.question.question}`}</Text>
        ))}
        <Text> </Text>
        {saved && <Text color={theme.dim}>{saved}</Text>}
      </Frame>
    );
  }

  const header = `question ${index + 1}/${questions.length} · ${q.topic}${q.kind === 'multiple' ? ' · choose all that apply' : ''}`;
  const top = clampTop(outTop, outputRows.length, outputViewport);
  const scrollable = outputRows.length > outputViewport;
  const last = answers[answers.length - 1];
  return (
    <Frame title={title} right={`score ${score}/${answers.length}`} footer={phase === 'ask' ? (q.kind === 'multiple' ? '↑↓ move · Enter or a-h toggle · Submit to answer · Esc stop' : '↑↓ move · Enter answer · or press a-h · Esc stop') : 'Enter next question'}>
      <Box flexShrink={0}>
        <Text color={theme.dim}>{header}</Text>
      </Box>
      <Box flexShrink={0}>
        <Text bold wrap="wrap">
          {q.question}
        </Text>
      </Box>
      {phase === 'ask' && outputRows.length > 0 && (
        <Box flexDirection="column" borderStyle="single" width={columns - 2} flexShrink={0}>
          {outputRows.slice(top, top + outputViewport).map((l, i) => (
            <Text key={i} wrap="truncate-end">
              {l || ' '}
            </Text>
          ))}
        </Box>
      )}
      {phase === 'ask' && scrollable && (
        <Text color={theme.dim}>{`output rows ${top + 1}–${Math.min(outputRows.length, top + outputViewport)} of ${outputRows.length} · PgUp/PgDn scroll`}</Text>
      )}
      {phase === 'ask' ? (
        q.kind === 'multiple' ? (
          <SelectList
            key={q.id}
            items={[
              ...q.choices.map((c, i) => ({ key: String(i), label: `[${toggled.includes(i) ? 'x' : ' '}] ${LETTERS[i]}) ${c.text}`, value: i })),
              { key: 'submit', label: '→ Submit answer', value: -1 },
            ]}
            onSelect={(item) => {
              if (item.value === -1) answer(toggled);
              else setToggled((t) => (t.includes(item.value) ? t.filter((x) => x !== item.value) : [...t, item.value]));
            }}
          />
        ) : (
          <SelectList key={q.id} items={q.choices.map((c, i) => ({ key: String(i), label: `${LETTERS[i]}) ${c.text}`, value: i }))} onSelect={(item) => answer([item.value])} />
        )
      ) : (
        last && (
          <Box flexDirection="column" flexShrink={0}>
            <Text color={last.correct ? theme.ok : theme.bad} bold>
              {last.correct ? '✔ Correct.' : '✘ Not quite.'}
            </Text>
            {q.choices.map((c, i) => (
              <Text key={i} wrap="wrap">
                {`${c.correct ? '✔' : ' '} ${last.selected.includes(i) ? '→' : ' '} ${LETTERS[i]}) ${c.text}${c.why ? ` — ${c.why}` : ''}`}
              </Text>
            ))}
            <Text> </Text>
            <Text wrap="wrap">{q.explanation}</Text>
            <Text color={theme.dim}>✔ = correct answer · → = your choice</Text>
          </Box>
        )
      )}
    </Frame>
  );
}
