/**
 * A drill's state for the screen: the session and its tracker, the prompt
 * (a ref-held reducer, so keys arriving in one frame apply in order), the
 * scrollback, hints, the clock speed and the built-in editor hand-off.
 */
import { useCallback, useReducer, useRef, useState } from 'react';
import { useStdout } from 'ink';
import type { EditResult, KubectlResult } from '../../kubectl/context.js';
import { completePath } from '../../shell/complete-files.js';
import { terminalOutput } from '../../shell/shell.js';
import type { Scenario } from '../../scenarios/types.js';
import { DrillTracker } from '../../training/drill.js';
import { Session } from '../../training/session.js';
import { complete } from '../../training/completion.js';
import { initialOutput, outputReducer, reflow, textLines, type OutputLine } from '../components/output-state.js';
import { initialPrompt, promptReducer, type PromptAction, type PromptState } from '../components/prompt/prompt-state.js';
import type { AppServices } from '../services.js';

export const SPEEDS = [1, 10, 60, 0] as const;

export interface PendingEdit {
  line: string;
  text: string;
  suffix: string;
  /** `kubectl edit` (its messages on cancel) or a file opened with vi/vim/nano (silent on cancel, as vim's `:q!`). */
  kind: 'kubectl' | 'file';
}

/** A result's lines in the order a terminal shows them (a pipeline's upstream errors before its output). */
function resultLines(r: KubectlResult): OutputLine[] {
  return terminalOutput(r).flatMap((c) => textLines(c.text, c.stream));
}

/** Words typed at the prompt that the trainer answers itself. */
export const META_COMMANDS = ['hint', 'check', 'briefing', 'clear', 'help', 'exit', 'skip'] as const;

/** Trainer words that, inside a container's shell, belong to that shell. */
const CONTAINER_WORDS = ['exit', 'quit', 'skip'];

export function briefingLines(s: Scenario): OutputLine[] {
  return [
    { kind: 'info', text: `── ${s.title} (${s.difficulty}, ${s.category}) ──` },
    ...textLines(reflow(s.briefing), 'prose'),
    { kind: 'info', text: s.objectives.length ? 'Investigate and fix it with kubectl. Type `help` for the trainer\'s keys and words.' : 'A healthy cluster to explore: no objectives. Type `help` for keys, `exit` to leave.' },
    { kind: 'info', text: '' },
  ];
}

export function useDrill(scenario: Scenario, services: AppServices, seed = 1, notice?: string) {
  const editOverride = useRef<string | undefined>(undefined);
  const captured = useRef<{ text: string; suffix: string; kind: PendingEdit['kind'] } | undefined>(undefined);
  const { stdout } = useStdout();
  const [started] = useState(() => {
    // When the built-in editor has been used, the line runs again and the first editor call gets its text.
    const takeOverride = (): EditResult | undefined => {
      if (editOverride.current === undefined) return undefined;
      const text = editOverride.current;
      editOverride.current = undefined;
      return { ok: true, text };
    };
    const edit = (text: string, suffix: string): EditResult => {
      const override = takeOverride();
      if (override) return override;
      const r = services.externalEdit(text, suffix);
      if (r !== 'unavailable') return r;
      captured.current = { text, suffix, kind: 'kubectl' };
      return { ok: true, text };
    };
    // `vi FILE`: the same editor as kubectl edit, on a file named like the learner's.
    const editFile = (text: string, name: string): EditResult | 'deferred' => {
      const override = takeOverride();
      if (override) return override;
      const suffix = /\.[^./]+$/.exec(name)?.[0] ?? '';
      const r = services.externalEditFile ? services.externalEditFile(text, name) : services.externalEdit(text, suffix);
      if (r !== 'unavailable') return r;
      captured.current = { text, suffix, kind: 'file' };
      return 'deferred';
    };
    // Read when a command runs, so `ls` lays its columns out for the terminal's current width.
    const terminalColumns = () => Math.max(40, stdout.columns || 80);
    const r = Session.start({ scenario, seed, fs: services.fs, env: services.env, edit, editFile, terminalColumns });
    return r.ok ? { ok: true as const, tracker: new DrillTracker(r.session, services.clock) } : r;
  });
  const tracker = started.ok ? started.tracker : undefined;
  // The variant the seed built: its briefing and hints name this cluster's namespaces and values.
  const shown = tracker ? tracker.session.scenario : scenario;
  const [output, dispatchOutput] = useReducer(outputReducer, initialOutput, (s) => ({ ...s, lines: [...(notice ? [{ kind: 'success' as const, text: notice }] : []), ...briefingLines(shown)] }));
  const prompt = useRef<PromptState>(initialPrompt(services.history.slice()));
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const [speedIndex, setSpeedIndex] = useState(0);
  const [pendingEdit, setPendingEdit] = useState<PendingEdit | undefined>(undefined);
  const [solved, setSolved] = useState(false);

  const append = useCallback((lines: OutputLine[]) => dispatchOutput({ type: 'APPEND', lines }), []);

  const checkSolved = useCallback(() => {
    if (tracker && !solved && tracker.checkSolved()) setSolved(true);
  }, [tracker, solved]);

  const showHint = useCallback(() => {
    if (!tracker) return;
    const h = tracker.nextHint();
    const total = shown.hints.length;
    if (!h) append([{ kind: 'hint', text: total ? `hint: no more hints (${total}/${total} shown).` : 'hint: this scenario has no hints.' }]);
    else append([{ kind: 'hint', text: `hint ${h.index + 1}/${total}: ${h.text}` }]);
  }, [tracker, shown, append]);

  const objectivesReport = useCallback((): OutputLine[] => {
    if (!tracker) return [];
    const objectives = tracker.session.objectives();
    const guards = tracker.session.guards();
    if (!objectives.length) return [{ kind: 'info', text: 'check: this scenario has no objectives.' }];
    return [
      ...objectives.map((o) => ({ kind: (o.met ? 'success' : 'prose') as OutputLine['kind'], text: `check: [${o.met ? 'x' : ' '}] ${o.description}${o.detail ? ` (${o.detail})` : ''}` })),
      ...guards.filter((g) => !g.met).map((g) => ({ kind: 'warning' as const, text: `check: [!] broken guard: ${g.description}${g.detail ? ` (${g.detail})` : ''}` })),
    ];
  }, [tracker]);

  /** Runs a submitted line: a trainer word, or the shell. Returns a trainer action for the screen. */
  const runLine = useCallback(
    (line: string): 'exit' | 'skip' | 'help' | undefined => {
      if (!tracker) return undefined;
      const word = line.trim();
      // Inside a container the line is echoed after the container shell's prompt, as a terminal shows it.
      const inside = tracker.session.inside !== undefined;
      const ps1 = inside ? tracker.session.shell.prompt() ?? '' : '$ ';
      append([{ kind: 'command', text: `${ps1}${line.split('\n')[0]}` }, ...line.split('\n').slice(1).map((l) => ({ kind: 'command' as const, text: `> ${l}` }))]);
      if (word === '' && !inside) return undefined;
      // In a container's shell, `exit` leaves the container, not the drill.
      switch (inside && CONTAINER_WORDS.includes(word) ? '' : word) {
        case 'hint':
          showHint();
          return undefined;
        case 'check':
          append(objectivesReport());
          return undefined;
        case 'briefing':
          append(briefingLines(shown));
          return undefined;
        case 'clear':
          dispatchOutput({ type: 'CLEAR' });
          return undefined;
        case 'help':
          return 'help';
        case 'exit':
        case 'quit':
          return 'exit';
        case 'skip':
          return 'skip';
      }
      captured.current = undefined;
      let r: ReturnType<typeof tracker.run>;
      try {
        r = tracker.run(line);
      } catch (e) {
        // A bug in the simulation must not take the learner's session down with it.
        append([{ kind: 'stderr', text: `kubedojo: internal error running this command: ${(e as Error).message}` }, { kind: 'info', text: 'Please report it with the command; the drill goes on.' }]);
        return undefined;
      }
      if (captured.current) {
        const c: { text: string; suffix: string; kind: PendingEdit['kind'] } = captured.current;
        setPendingEdit({ line, text: c.text, suffix: c.suffix, kind: c.kind });
        return undefined;
      }
      append(resultLines(r));
      checkSolved();
      return undefined;
    },
    [tracker, append, showHint, objectivesReport, shown, checkSolved],
  );

  const finishEdit = useCallback(
    (text: string | undefined) => {
      if (!tracker || !pendingEdit) return;
      setPendingEdit(undefined);
      if (text === undefined) {
        if (pendingEdit.kind === 'kubectl') append([{ kind: 'stdout', text: 'Edit cancelled, no changes made.' }]);
        return;
      }
      editOverride.current = text;
      const r = tracker.session.run(pendingEdit.line);
      editOverride.current = undefined;
      append(resultLines(r));
      checkSolved();
    },
    [tracker, pendingEdit, append, checkSolved],
  );

  /** Applies prompt actions in order; returns the trainer action of the last submitted line. */
  const promptDispatch = useCallback(
    (actions: PromptAction[]) => {
      let outcome: ReturnType<typeof runLine>;
      for (const a of actions) {
        const r = promptReducer(prompt.current, a);
        prompt.current = r.state;
        if (r.submitted !== undefined) {
          if (r.submitted.trim() !== '' && services.history.at(-1) !== r.submitted) services.history.push(r.submitted);
          outcome = runLine(r.submitted) ?? outcome;
        }
      }
      rerender();
      return outcome;
    },
    [runLine, services],
  );

  /** The container shell ended by itself (its container died) or by Ctrl+D: kubectl's last words. */
  const sessionEnded = useCallback(
    (r: KubectlResult | undefined) => {
      if (!r) return;
      append(resultLines(r));
      checkSolved();
    },
    [append, checkSolved],
  );

  /** After simulated time passed: whether the container the learner is in went away meanwhile. */
  const pollSession = useCallback(() => {
    if (tracker?.session.inside) sessionEnded(tracker.session.poll());
  }, [tracker, sessionEnded]);

  /** Ctrl+D on an empty line: inside a container it ends the shell; true when it did. */
  const endOfInput = useCallback((): boolean => {
    const p = prompt.current;
    if (!tracker?.session.inside || p.text !== '' || p.pending.length > 0 || p.search) return false;
    append([{ kind: 'command', text: tracker.session.shell.prompt() ?? '' }]);
    sessionEnded(tracker.session.shell.eof());
    rerender();
    return true;
  }, [tracker, append, sessionEnded]);

  const tab = useCallback(() => {
    if (!tracker) return;
    // The container's shell completes nothing the trainer knows (kubectl words would mislead there).
    if (tracker.session.inside) return;
    const p = prompt.current;
    // Paths first (after -f, redirections, cat/vi/cp …), then kubectl's words.
    const c = completePath(p.text, p.cursor, tracker.session.workspace) ?? complete(p.text, p.cursor, tracker.session.sim);
    if (!c) return;
    promptDispatch([{ type: 'COMPLETE', replaceFrom: c.from, replacement: c.replacement, candidates: c.candidates }]);
  }, [tracker, promptDispatch]);

  const skipTime = useCallback(
    (ms: number) => {
      if (!tracker) return;
      tracker.session.sim.advanceBy(ms);
      dispatchOutput({ type: 'CLOCK', ms });
      checkSolved();
      pollSession();
    },
    [tracker, checkSolved, pollSession],
  );

  const inside = tracker?.session.inside;

  return {
    error: started.ok ? undefined : started.error,
    tracker,
    output,
    dispatchOutput,
    append,
    prompt: prompt.current,
    /** The prompt as of now (after keys applied earlier in the same input event). */
    currentPrompt: () => prompt.current,
    promptDispatch,
    tab,
    showHint,
    skipTime,
    speed: SPEEDS[speedIndex],
    cycleSpeed: () => setSpeedIndex((i) => (i + 1) % SPEEDS.length),
    pendingEdit,
    finishEdit,
    solved,
    checkSolved,
    pollSession,
    endOfInput,
    /** Inside a container's shell: its prompt (`/ # `) and where it runs, for the screen. */
    container: inside ? { prompt: inside.prompt(), where: inside.where } : undefined,
  };
}
