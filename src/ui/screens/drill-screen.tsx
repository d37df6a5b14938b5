import { Box, Text } from 'ink';
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { Simulation } from '../../cluster/simulation.js';
import type { Scenario } from '../../scenarios/types.js';
import type { DrillSummary } from '../../training/drill.js';
import { formatDuration } from '../../training/drill.js';
import { OutputView } from '../components/output-view.js';
import { Prompt } from '../components/prompt/prompt.js';
import { initialPrompt, pasteActions, promptReducer, type PromptAction } from '../components/prompt/prompt-state.js';
import { BuiltinEditor } from '../components/editor/builtin-editor.js';
import { useDrill } from '../hooks/use-drill.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSimPump } from '../hooks/use-sim-pump.js';
import { useSimVersion } from '../hooks/use-simulation.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { KEYMAP, bindingLabel, commandFor, footer, type Command } from '../keymap.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';

export interface DrillScreenProps {
  scenario: Scenario;
  seed?: number;
  onSolved: (summary: DrillSummary) => void;
  onLeave: (summary: DrillSummary | undefined) => void;
  onQuit: () => void;
  /** Challenge mode: a status (countdown) in the header and a skip key. */
  challenge?: { status: string; onSkip: (summary: DrillSummary | undefined) => void };
  /** The wall-clock pump; tests turn it off and drive the clock themselves. */
  pump?: boolean;
  /** False while a dialog above the drill owns the keyboard. */
  active?: boolean;
  /** A line shown above the briefing (e.g. the previous challenge round's result). */
  notice?: string;
}

const PROMPT_KEYS: Partial<Record<Command, PromptAction>> = {
  historyPrev: { type: 'HISTORY_PREV' },
  historyNext: { type: 'HISTORY_NEXT' },
  historySearch: { type: 'SEARCH' },
  lineStart: { type: 'HOME' },
  lineEnd: { type: 'END' },
  killBack: { type: 'KILL_LINE_BACK' },
  killForward: { type: 'KILL_LINE_FORWARD' },
  killWord: { type: 'KILL_WORD_BACK' },
  left: { type: 'LEFT' },
  right: { type: 'RIGHT' },
  backspace: { type: 'BACKSPACE' },
  deleteForward: { type: 'DELETE_FORWARD' },
  submit: { type: 'SUBMIT' },
};

function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function helpLines(): { kind: 'info'; text: string }[] {
  const scopes = ['prompt', 'drill', 'challenge'];
  const rows = (Object.keys(KEYMAP) as Command[])
    .filter((c) => scopes.includes(KEYMAP[c].scope))
    .map((c) => ({ kind: 'info' as const, text: `  ${KEYMAP[c].keys.map(bindingLabel).join(', ').padEnd(22)} ${KEYMAP[c].description}` }));
  return [
    { kind: 'info', text: 'Keys:' },
    ...rows,
    { kind: 'info', text: 'Words: hint · check (objectives) · briefing · clear · sleep 2m (advance the clock) · exit' },
    { kind: 'info', text: 'Commands: kubectl (or k) and grep, head, tail, wc, sort, jq, awk …; `-f -` reads a <<EOF heredoc.' },
  ];
}

export function DrillScreen({ scenario, seed, onSolved, onLeave, onQuit, challenge, pump = true, active = true, notice }: DrillScreenProps) {
  const services = useServices();
  const { columns, rows } = useTerminalSize();
  const d = useDrill(scenario, services, seed, notice);
  const [, tick] = useReducer((x: number) => x + 1, 0);
  const [showObjectives, setShowObjectives] = useState(true);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const diagnosis = useRef(initialPrompt());
  const [, redrawDiagnosis] = useReducer((x: number) => x + 1, 0);
  const sim = d.tracker?.session.sim;
  useSimVersion(sim ?? dummySim);
  const paused = !!d.pendingEdit || d.solved;
  useSimPump(
    sim ?? dummySim,
    sim && pump && !paused ? d.speed : 0,
    () => {
      tick();
      d.checkSolved();
      d.pollSession();
    },
    (e) => d.append([{ kind: 'stderr', text: `kubedojo: the simulation stopped on an internal error: ${e.message}. Commands still run; please report it.` }]),
  );

  // In a challenge a solved drill ends the round at once (no diagnosis step), in
  // the commit that shows it solved: keys typed next belong to the next round.
  const reported = useRef(false);
  const tracker = d.tracker;
  useLayoutEffect(() => {
    if (challenge && d.solved && tracker && !reported.current) {
      reported.current = true;
      onSolved(tracker.summary());
    }
  }, [challenge, d.solved, tracker, onSolved]);

  const H = rows - 1;
  const W = columns;
  const outputViewport = Math.max(3, H - 8);

  const leave = () => onLeave(d.tracker?.summary());

  useKeys(
    (input, key) => {
      if (!d.tracker) {
        if (key.escape || key.return || (key.ctrl && input === 'c')) onLeave(undefined);
        return;
      }
      if (d.pendingEdit) return;
      if (confirmLeave) {
        if (input === 'y' || input === 'Y') leave();
        else if (input === 'n' || input === 'N' || key.escape) setConfirmLeave(false);
        else if (key.ctrl && input === 'c') onQuit();
        return;
      }
      if (d.solved && !challenge) {
        if (key.ctrl && input === 'c') return onQuit();
        const cmd = commandFor(['prompt'], input, key);
        let actions: PromptAction[] = [];
        if (cmd && PROMPT_KEYS[cmd] && cmd !== 'historyPrev' && cmd !== 'historyNext' && cmd !== 'historySearch') actions = [PROMPT_KEYS[cmd]!];
        else if (!key.ctrl && !key.meta && input && !key.escape) actions = pasteActions(input);
        if (key.escape) actions = [{ type: 'SUBMIT' }];
        for (const a of actions) {
          const r = promptReducer(diagnosis.current, a);
          diagnosis.current = r.state;
          if (r.submitted !== undefined) {
            d.tracker.diagnosis = r.submitted.trim() || undefined;
            onSolved(d.tracker.summary());
            return;
          }
        }
        redrawDiagnosis();
        return;
      }
      // A Ctrl+C that arrived glued to typed text still interrupts (after the text is applied).
      if (!key.ctrl && input.length > 1 && input.includes('\x03')) {
        const before = input.slice(0, input.indexOf('\x03'));
        if (before) d.promptDispatch(pasteActions(before));
        input = 'c';
        key = { ...key, ctrl: true };
      }
      const cmd = commandFor(['global', 'drill', 'challenge', 'prompt'], input, key);
      switch (cmd) {
        case 'quit': {
          const now = d.currentPrompt();
          // Inside a container, Ctrl+C goes to its shell (a fresh prompt), never quits the trainer.
          if (now.text !== '' || now.pending.length || now.search || d.container) {
            d.append([{ kind: 'command', text: `${d.container ? d.container.prompt : '$ '}${now.text}^C` }]);
            d.promptDispatch([{ type: 'CANCEL_LINE' }]);
          } else onQuit();
          return;
        }
        case 'back':
          if (d.currentPrompt().search) d.promptDispatch([{ type: 'SEARCH_CANCEL' }]);
          else if (d.currentPrompt().candidates.length) d.promptDispatch([{ type: 'INSERT', text: '' }]);
          else setConfirmLeave(true);
          return;
        case 'scrollUp':
          return d.dispatchOutput({ type: 'SCROLL', by: outputViewport - 1, viewport: outputViewport });
        case 'scrollDown':
          return d.dispatchOutput({ type: 'SCROLL', by: -(outputViewport - 1), viewport: outputViewport });
        case 'scrollLeft':
          return d.dispatchOutput({ type: 'HSCROLL', by: -8 });
        case 'scrollRight':
          return d.dispatchOutput({ type: 'HSCROLL', by: 8 });
        case 'hint':
          return d.showHint();
        case 'skipTime':
          return d.skipTime(30_000);
        case 'speed':
          return d.cycleSpeed();
        case 'objectives':
          return setShowObjectives((v) => !v);
        case 'briefing':
          return void d.promptDispatch([{ type: 'CANCEL_LINE' }, { type: 'INSERT', text: 'briefing' }, { type: 'SUBMIT' }]);
        case 'skipRound':
          if (challenge) challenge.onSkip(d.tracker.summary());
          return;
        case 'clearScreen':
          return d.dispatchOutput({ type: 'CLEAR' });
        case 'complete':
          return d.tab();
        case 'deleteForward':
          // Ctrl+D on an empty line ends a container's shell, as end of input does.
          if (d.endOfInput()) return;
          break;
        default:
          break;
      }
      let actions: PromptAction[] = [];
      if (cmd && PROMPT_KEYS[cmd]) actions = [PROMPT_KEYS[cmd]!];
      else if (!key.ctrl && !key.meta && input) {
        // Typed ahead in one chunk ("kubectl -n sh\t"): a tab outside a multi-line paste still completes.
        if (input.includes('\t') && !/[\r\n]/.test(input)) {
          input.split('\t').forEach((part, i) => {
            if (i > 0) d.tab();
            if (part) d.promptDispatch(pasteActions(part));
          });
          return;
        }
        actions = pasteActions(input);
      }
      if (!actions.length) return;
      const outcome = d.promptDispatch(actions);
      if (outcome === 'exit') leave();
      else if (outcome === 'skip') {
        if (challenge) challenge.onSkip(d.tracker.summary());
        else d.append([{ kind: 'info', text: 'skip: only in a challenge. Type `exit` to leave this drill.' }]);
      } else if (outcome === 'help') d.append(helpLines());
    },
    // False while a dialog above the drill owns the keyboard.
    { isActive: active },
  );

  if (!d.tracker || !sim) {
    return (
      <Box flexDirection="column" width={W} height={H}>
        <Text color={theme.bad}>✘ The scenario could not start:</Text>
        <Text>{d.error}</Text>
        <Text color={theme.dim}>Press Enter to go back. (Check it with: kubedojo validate)</Text>
      </Box>
    );
  }

  if (d.pendingEdit) {
    return (
      <BuiltinEditor
        text={d.pendingEdit.text}
        title={d.pendingEdit.line}
        width={W}
        height={H}
        top={0}
        onSave={(t) => d.finishEdit(t)}
        onCancel={() => d.finishEdit(undefined)}
      />
    );
  }

  const session = d.tracker.session;
  const objectives = session.objectives();
  const brokenGuards = session.guards().filter((g) => !g.met);
  const speedLabel = d.speed === 0 ? '⏸ paused' : `▶ ${d.speed}×`;
  const hintsLabel = `hints ${d.tracker.hintsUsed}/${scenario.hints.length}`;
  const right = `${challenge ? `${challenge.status}  ` : ''}⏱ ${clockText(sim.now())} ${speedLabel}  ${hintsLabel}`;
  const left = ` ${scenario.id} · ${scenario.title}`;
  const headerText = left.length + right.length + 2 <= W ? left + ' '.repeat(W - left.length - right.length - 1) + right : `${right} ${left}`;

  const objectiveLines = showObjectives && objectives.length
    ? [
        ...objectives.slice(0, 5).map((o) => ({ text: `[${o.met ? 'x' : ' '}] ${o.description}`, color: o.met ? theme.ok : undefined })),
        ...brokenGuards.slice(0, 2).map((g) => ({ text: `[!] guard broken: ${g.description}`, color: theme.warn })),
      ]
    : [];
  const solvedBanner = d.solved && !challenge;
  const candidates = d.prompt.candidates;
  const candidateText = candidates.length ? candidates.join('  ') : '';
  const fixed = 1 + objectiveLines.length + 1 + (candidates.length ? 1 : 0) + 1 + 1 + (solvedBanner ? 1 : 0);
  const outH = Math.max(2, H - fixed);
  const compact = W < 100;
  const keys: Command[] = ['complete', 'historySearch', 'hint', 'skipTime', 'speed', 'scrollUp', 'back'];
  let footerText = footer(keys);
  if (compact) footerText = footerText.replace(/Ctrl\+/g, '^').replace(' complete', '').replace(' scroll', '');
  if (challenge) footerText = `${footer(['skipRound'])} · ${footerText}`.replace(/Ctrl\+/g, '^');
  // Inside a container the footer says where, and how to get back.
  if (d.container) footerText = `in ${d.container.where} · exit or Ctrl+D leaves · ${footerText}`;
  if (d.output.hscroll > 0) footerText = `◀ scrolled ${d.output.hscroll} columns: Shift+← back, Shift+→ more · ${footerText}`;
  else if (d.output.lines.slice(-outH).some((l) => (l.kind === 'stdout' || l.kind === 'stderr' || l.kind === 'command') && l.text.length > W)) footerText = `Shift+→ see wide output · ${footerText}`;

  return (
    <Box flexDirection="column" width={W} height={H}>
      <Text inverse wrap="truncate-end">
        {headerText.padEnd(W)}
      </Text>
      {objectiveLines.map((l, i) => (
        <Text key={i} color={l.color} wrap="truncate-end">
          {l.text}
        </Text>
      ))}
      <Text color={theme.dim} wrap="truncate-end">
        {'─'.repeat(W)}
      </Text>
      <OutputView state={d.output} height={outH} width={W} />
      {solvedBanner && (
        <Text color={theme.ok} bold wrap="truncate-end">
          {`✔ Solved in ${formatDuration(d.tracker.summary().wallMs)}! Say what the cause was (optional), then Enter for the debrief.`}
        </Text>
      )}
      {candidates.length > 0 && (
        <Text color={theme.dim} wrap="truncate-end">
          {candidateText}
        </Text>
      )}
      {solvedBanner ? (
        <Prompt state={diagnosis.current} width={W} row={H - 2} label="I think the cause is: " active />
      ) : (
        <Prompt state={d.prompt} width={W} row={H - 2} active={active} ps1={d.container?.prompt} />
      )}
      <Text color={theme.dim} wrap="truncate-end">
        {confirmLeave ? 'Leave this drill? y = leave (progress is kept), n = stay' : solvedBanner ? 'Enter → debrief (the diagnosis is optional) · Esc skips it · Ctrl+C quit' : footerText}
      </Text>
    </Box>
  );
}

// A stand-in so hooks run unconditionally when the scenario failed to start.
const dummySim = {
  subscribe: () => () => {},
  getVersion: () => 0,
  advanceBy: () => {},
} as unknown as Simulation;
