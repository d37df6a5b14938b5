import { rfc3339 } from '../cluster/api/meta.js';
import type { KubectlResult } from '../kubectl/context.js';
import { parseSleep } from '../shell/shell.js';
import type { ObjectiveStatus } from '../scenarios/checks.js';
import { parseScript } from './script.js';

/** What the player drives: a scenario session or a frozen snapshot. */
export interface PlayTarget {
  run(line: string): KubectlResult;
  advanceBy(ms: number): void;
  now(): number;
  objectives(): ObjectiveStatus[];
  guards(): ObjectiveStatus[];
  /** Whether lines now go to a container's shell (after `kubectl exec -it POD -- sh`, until `exit`). */
  inside?(): boolean;
  /** After a step: kubectl's last words when that shell ended meanwhile (its container died). */
  poll?(): KubectlResult | undefined;
}

export interface PlayResult {
  /** Everything the player prints on stdout. */
  output: string;
  /** 0 solved, 1 not solved, 2 usage error. */
  exitCode: number;
  /** Problems with the script itself, for stderr. */
  errors: string;
}

/**
 * Runs a play script against a target. Text output is a transcript: `$ `
 * and the line, then the command's stdout, then its stderr (DESIGN's play
 * contract: tools read the transcript that way; the trainer's screen shows
 * the two in terminal order instead, see shell.ts terminalOutput).
 * JSON output is one object per step and a final objectives line.
 */
export function runPlay(target: PlayTarget, script: string, json: boolean): PlayResult {
  const parsed = parseScript(script);
  if (!parsed.ok) return { output: '', exitCode: 2, errors: `kubedojo play: ${parsed.message}\n` };
  let output = '';
  const emit = (command: string, r: KubectlResult, time: number) => {
    if (json) {
      output += JSON.stringify({ command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, time: rfc3339(time) }) + '\n';
    } else {
      output += `$ ${command}\n${r.stdout}${r.stderr}`;
    }
  };
  // A step's result, with what kubectl printed if the container shell ended during it.
  const withEnd = (r: KubectlResult): KubectlResult => {
    const end = target.poll?.();
    return end ? { stdout: r.stdout + end.stdout, stderr: r.stderr + end.stderr, exitCode: end.exitCode } : r;
  };
  for (const step of parsed.steps) {
    // Inside a container's shell, lines (`sleep` too) run there until `exit`; `check` stays the player's.
    const kind = step.kind === 'sleep' && target.inside?.() ? 'shell' : step.kind;
    switch (kind) {
      case 'shell': {
        const r = withEnd(target.run(step.kind === 'shell' ? step.text : step.display));
        emit(step.display, r, target.now());
        break;
      }
      case 'sleep': {
        if (step.kind !== 'sleep') break;
        const ms = parseSleep(step.duration);
        if (ms === undefined) {
          emit(step.display, { stdout: '', stderr: `sleep: invalid time interval ‘${step.duration}’\n`, exitCode: 1 }, target.now());
          break;
        }
        target.advanceBy(ms);
        emit(step.display, withEnd({ stdout: '', stderr: '', exitCode: 0 }), target.now());
        break;
      }
      case 'check': {
        const text = formatCheck(target.objectives(), target.guards());
        emit(step.display, { stdout: text, stderr: '', exitCode: 0 }, target.now());
        break;
      }
    }
  }
  const objectives = target.objectives();
  const guards = target.guards();
  const solved = objectives.every((o) => o.met) && guards.every((g) => g.met);
  if (json) {
    output += JSON.stringify({
      objectives: objectives.map((o) => ({ id: o.id, description: o.description, met: o.met })),
      ...(guards.length > 0 ? { guards: guards.map((g) => ({ id: g.id, description: g.description, met: g.met })) } : {}),
      solved,
    }) + '\n';
  }
  return { output, exitCode: solved ? 0 : 1, errors: '' };
}

/** `check`: each objective and guard with a word, not a colour, saying where it stands. */
export function formatCheck(objectives: ObjectiveStatus[], guards: ObjectiveStatus[]): string {
  if (objectives.length === 0 && guards.length === 0) return 'no objectives: this cluster is a sandbox\n';
  let s = '';
  for (const o of objectives) s += `${o.met ? '[met]    ' : '[not met]'} ${o.id}: ${o.description}\n`;
  for (const g of guards) s += `${g.met ? '[holds]  ' : '[broken] '} ${g.id}: ${g.description}\n`;
  const solved = objectives.every((o) => o.met) && guards.every((g) => g.met);
  s += solved ? 'solved\n' : 'not solved yet\n';
  return s;
}
