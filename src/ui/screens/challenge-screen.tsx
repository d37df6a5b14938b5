import { Box, Text } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Difficulty } from '../../scenarios/types.js';
import {
  challengeReducer,
  planChallenge,
  scoreChallenge,
  startChallenge,
  timeLeftMs,
  type ChallengeState,
} from '../../training/challenge.js';
import { formatDuration, type DrillSummary } from '../../training/drill.js';
import { bestChallengeScore, recordChallenge } from '../../training/progress.js';
import { Frame } from '../components/frame.js';
import { SelectList } from '../components/select-list.js';
import { useKeys } from '../hooks/use-keys.js';
import { commandFor } from '../keymap.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';
import { DrillScreen } from './drill-screen.js';

export interface ChallengeOptions {
  seed?: number;
  minutes?: number;
  count?: number;
  difficulty?: Difficulty | 'mixed';
}

function countdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Setup → timed run of drills → results, with best scores kept. */
export function ChallengeScreen({ options, onDone, onQuit, pump = true }: { options: ChallengeOptions; onDone: () => void; onQuit: () => void; pump?: boolean }) {
  const services = useServices();
  const [seed] = useState(() => options.seed ?? services.freshSeed());
  const [state, setState] = useState<ChallengeState | undefined>(undefined);
  const [confirm, setConfirm] = useState<'abandon' | 'quit' | undefined>(undefined);
  const [, tick] = useReducer((x: number) => x + 1, 0);
  const [saved, setSaved] = useState<{ best: boolean; note: string } | undefined>(undefined);
  const recorded = useRef(false);

  const running = !!state && !state.finished;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => {
      tick();
      setState((s) => (s ? challengeReducer(s, { type: 'TIME.CHECK', at: services.clock.now() }) : s));
    }, 500);
    return () => clearInterval(id);
  }, [running, services.clock]);

  useEffect(() => {
    if (!state?.finished || recorded.current || state.results.length === 0) return;
    recorded.current = true;
    const score = scoreChallenge(state);
    const prevBest = bestChallengeScore(services.progress.get());
    const ok = services.progress.update((p) =>
      recordChallenge(p, { seed: state.plan.seed, difficulty: state.plan.difficulty, score: score.total, solved: score.solved, total: state.plan.scenarios.length, at: new Date(services.clock.now()).toISOString() }),
    );
    setSaved({ best: score.total > 0 && (prevBest === undefined || score.total > prevBest), note: ok ? 'Score saved.' : (services.progress.lastSaveError ?? 'Score not saved.') });
  }, [state, services]);

  const endRound = (summary: DrillSummary | undefined, solved: boolean) => {
    setState((s) =>
      s ? challengeReducer(s, { type: 'ROUND.END', at: services.clock.now(), solved, hints: summary?.hintsUsed ?? 0, commands: summary?.commands.length ?? 0, deletions: summary?.deletions ?? 0 }) : s,
    );
  };

  // While a round runs the drill has the keys; this screen answers its dialogs, the setup and the results.
  useKeys((input, key) => {
    if (running && !confirm) return;
    if (confirm) {
      if (input === 'y' || input === 'Y') {
        if (confirm === 'quit') return onQuit();
        setConfirm(undefined);
        setState((s) => (s ? challengeReducer(s, { type: 'ABANDON', at: services.clock.now() }) : s));
      } else if (input === 'n' || input === 'N' || key.escape) setConfirm(undefined);
      return;
    }
    const cmd = commandFor(['global'], input, key);
    if (!state) {
      if (cmd === 'quit') onQuit();
      else if (cmd === 'back') onDone();
      return;
    }
    if (state.finished) {
      if (cmd === 'quit') onQuit();
      else if (key.return || cmd === 'back' || input === 'q') onDone();
    }
  });

  if (!state) {
    const items = (['mixed', 'easy', 'medium', 'hard'] as const).map((d) => {
      const plan = planChallenge(services.catalogue().entries, { seed, difficulty: d, count: options.count, minutes: options.minutes });
      return { key: d, label: `${d.padEnd(7)} ${plan.scenarios.length} drill(s), ${countdown(plan.budgetMs)} on the clock`, value: d, plan };
    });
    return (
      <Frame title="challenge" right={`seed ${seed}`} footer="↑↓ choose · Enter start · Esc back">
        <Text>Several drills in a row against one countdown. Score: solved, time left, hints (−15), objects deleted (−10).</Text>
        <Text color={theme.dim}>{`Same seed, same drills: share “kubedojo challenge --seed ${seed}” to race a friend.`}</Text>
        <Text> </Text>
        <SelectList
          items={items.map(({ key, label, value }) => ({ key, label, value }))}
          initialIndex={Math.max(0, items.findIndex((i) => i.value === (options.difficulty ?? 'mixed')))}
          onSelect={(item) => {
            const plan = items.find((i) => i.value === item.value)!.plan;
            if (plan.scenarios.length) setState(startChallenge(plan, services.clock));
          }}
        />
      </Frame>
    );
  }

  if (state.finished) {
    const score = scoreChallenge(state);
    const idW = Math.max(10, ...state.plan.scenarios.map((x) => x.id.length));
    const why = state.endReason === 'time-up' ? 'Time is up.' : state.endReason === 'abandoned' ? 'Challenge abandoned.' : 'Challenge complete.';
    return (
      <Frame title="challenge results" right={`seed ${state.plan.seed}`} footer="Enter back to the menu">
        <Text bold>{`${why} Score: ${score.total}  (${score.solved}/${state.plan.scenarios.length} solved)`}</Text>
        {saved && <Text color={saved.best ? theme.ok : theme.dim}>{`${saved.best ? '★ New best score! ' : ''}${saved.note}`}</Text>}
        <Text> </Text>
        <Text bold>{`${'DRILL'.padEnd(idW)} ${'RESULT'.padEnd(10)} ${'TIME'.padEnd(8)} ${'HINTS'.padEnd(6)} ${'DELETED'.padEnd(8)} POINTS`}</Text>
        {score.rounds.map((r, i) => (
          <Text key={r.id} wrap="truncate-end">
            {`${r.id.padEnd(idW)} ${(r.result ? (r.result.solved ? '✔ solved' : '✘ skipped') : i === state.index && state.endReason === 'time-up' ? '⏱ time up' : i === state.index && state.endReason === 'abandoned' ? '✘ left' : '- not run').padEnd(10)} ${(r.result ? formatDuration(r.result.timeMs) : '').padEnd(8)} ${String(r.result?.hints ?? '').padEnd(6)} ${String(r.result?.deletions ?? '').padEnd(8)} ${r.points}`}
          </Text>
        ))}
        {score.timeLeftMs > 0 && <Text color={theme.dim}>{`Time left: ${formatDuration(score.timeLeftMs)}`}</Text>}
      </Frame>
    );
  }

  const entry = state.plan.scenarios[state.index];
  const loaded = services.loadScenario(entry.id);
  const left = timeLeftMs(state, services.clock.now());
  const status = `⏳ ${countdown(left)} · ${state.index + 1}/${state.plan.scenarios.length}`;
  if (!loaded.ok) {
    return (
      <Frame title="challenge" footer="">
        <Text color={theme.bad}>{loaded.errors.join('\n')}</Text>
      </Frame>
    );
  }
  return (
    <Box flexDirection="column">
      <DrillScreen
        key={`${state.index}-${entry.id}`}
        scenario={loaded.scenario}
        seed={state.plan.seed}
        active={!confirm}
        pump={pump}
        notice={
          state.results.length
            ? `${state.results.at(-1)!.solved ? '✔ Solved' : '✘ Skipped'} ${state.results.at(-1)!.id}. Next drill ${state.index + 1} of ${state.plan.scenarios.length}:`
            : undefined
        }
        challenge={{ status, onSkip: (s) => endRound(s, false) }}
        onSolved={(s) => endRound(s, true)}
        onLeave={() => setConfirm('abandon')}
        onQuit={() => setConfirm('quit')}
      />
      {confirm && (
        <Box position="absolute" marginTop={2} marginLeft={2} borderStyle="double">
          {/* Ink paints only text cells: pad with spaces so the drill underneath does not show through. */}
          <Text bold color={theme.warn}>
            {` ${confirm === 'quit' ? 'Quit kubedojo and abandon this challenge? y = quit, n = keep going' : 'Abandon this challenge and see the results? y = abandon, n = keep going'} `}
          </Text>
        </Box>
      )}
    </Box>
  );
}
