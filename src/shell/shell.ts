import type { KubectlContext, KubectlResult } from '../kubectl/context.js';
import { runKubectl } from '../kubectl/run.js';
import { runHostCommand } from '../kubectl/host-systemd.js';
import { parseGoDuration } from '../kubectl/parse/flags.js';
import { parseShell, type SimpleCommand, type Word } from './parse.js';
import { jq } from './programs/jq.js';
import { awk, base64, cat, cut, echo, grep, head, sed, sort, tail, tr, uniq, wc, type Program } from './programs/text-tools.js';

const PROGRAMS: Record<string, Program> = { grep, egrep: (a, s) => grep(['-E', ...a], s), head, tail, wc, sort, uniq, cut, awk, sed, base64, echo, cat, tr, jq };

export const SIMULATED_PROGRAMS = ['kubectl', 'k', ...Object.keys(PROGRAMS), 'sleep', 'export', 'true', 'false', 'ssh'];

/**
 * A shell session inside the trainer: runs command lines the way bash would
 * for the subset learners use around kubectl, keeping variables between
 * lines. kubectl calls go to the same interpreter the player and UI use.
 */
export class Shell {
  readonly vars = new Map<string, string>();
  private lastStatus = 0;

  constructor(readonly ctx: KubectlContext) {}

  /** Runs one command line (with heredoc bodies when it has `<<EOF`). */
  run(text: string): KubectlResult {
    const parsed = parseShell(text);
    if (!parsed.ok) {
      this.lastStatus = 2;
      return { stdout: '', stderr: `kubedojo: ${parsed.message}\n`, exitCode: 2 };
    }
    let stdout = '';
    let stderr = '';
    let status = 0;
    for (const { op, pipeline } of parsed.list.items) {
      if (op === '&&' && status !== 0) continue;
      if (op === '||' && status === 0) continue;
      let input = '';
      for (let i = 0; i < pipeline.commands.length; i++) {
        const r = this.runCommand(pipeline.commands[i], input);
        const last = i === pipeline.commands.length - 1;
        stderr += r.stderr;
        if (last) {
          stdout += r.stdout;
          status = r.exitCode;
        } else input = r.stdout;
      }
      this.lastStatus = status;
    }
    return { stdout, stderr, exitCode: status };
  }

  private runCommand(cmd: SimpleCommand, pipedInput: string): KubectlResult {
    const stdin = cmd.heredoc ?? pipedInput;
    let expansionErrors = '';
    if (cmd.words.length === 0) {
      for (const a of cmd.assignments) {
        const v = this.expand(a.value);
        expansionErrors += v.stderr;
        this.vars.set(a.name, v.values.join(' '));
      }
      return { stdout: '', stderr: expansionErrors, exitCode: 0 };
    }
    const argv: string[] = [];
    for (const w of cmd.words) {
      const v = this.expand(w);
      expansionErrors += v.stderr;
      argv.push(...v.values);
    }
    let r = this.exec(argv, stdin);
    if (expansionErrors) r = { ...r, stderr: expansionErrors + r.stderr };
    if (cmd.stdoutNull) r = { ...r, stdout: '' };
    if (cmd.stderr === 'null') r = { ...r, stderr: '' };
    else if (cmd.stderr === 'stdout') r = { ...r, stdout: r.stdout + r.stderr, stderr: '' };
    return r;
  }

  private exec(argv: string[], stdin: string): KubectlResult {
    const [prog, ...args] = argv;
    if (prog === undefined) return { stdout: '', stderr: '', exitCode: 0 };
    if (prog === 'kubectl' || prog === 'k') return runKubectl(args, { ...this.ctx, stdin, env: { ...this.ctx.env, ...Object.fromEntries(this.vars) } });
    if (prog === 'export') {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (prog === 'ssh') return this.ssh(args);
    if (prog === 'true') return { stdout: '', stderr: '', exitCode: 0 };
    if (prog === 'false') return { stdout: '', stderr: '', exitCode: 1 };
    if (prog === 'sleep') {
      const ms = parseSleep(args[0] ?? '');
      if (ms === undefined) return { stdout: '', stderr: `sleep: invalid time interval ‘${args[0] ?? ''}’\n`, exitCode: 1 };
      this.ctx.sim.advanceBy(ms);
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    if (prog === 'cat' && args.some((a) => a !== '-' && !a.startsWith('-'))) {
      // Files the learner can see: a scenario's `files` (and, in the player, the working directory).
      let out = '';
      let err = '';
      for (const a of args.filter((x) => !x.startsWith('-') || x === '-')) {
        if (a === '-') {
          out += stdin;
          continue;
        }
        const text = this.ctx.fs.isDirectory(a) ? undefined : this.ctx.fs.readFile(a);
        if (text === undefined) err += `cat: ${a}: ${this.ctx.fs.isDirectory(a) ? 'Is a directory' : 'No such file or directory'}\n`;
        else out += text;
      }
      return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
    }
    const p = PROGRAMS[prog];
    if (p) return p(args, stdin);
    return {
      stdout: '',
      stderr: `kubedojo: ${prog}: command not found (only kubectl and these helpers are simulated: ${Object.keys(PROGRAMS).join(', ')}, sleep, ssh NODE)\n`,
      exitCode: 127,
    };
  }

  /** Expands a word into fields; stderr of command substitutions is passed on, as bash does. */
  /**
   * `ssh [user@]NODE [sudo] COMMAND…`: how an operator reaches a node whose
   * kubelet is down (a debug pod could not start there). Only the kubelet's
   * systemd unit and journal are simulated on the host.
   */
  private ssh(args: string[]): KubectlResult {
    const rest = args.filter((a, i) => !(a.startsWith('-') && args.slice(0, i).every((b) => b.startsWith('-'))));
    const target = rest[0];
    if (target === undefined) {
      return { stdout: '', stderr: 'usage: ssh [user@]NODE COMMAND (e.g. ssh node01 sudo systemctl status kubelet)\n', exitCode: 255 };
    }
    const node = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
    const known = this.ctx.sim.store.get('nodes', '', node) ?? this.ctx.sim.store.list('nodes').find((n) => ((n.status as { addresses?: { address: string }[] } | undefined)?.addresses ?? []).some((a) => a.address === node));
    if (!known) return { stdout: '', stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n`, exitCode: 255 };
    let command = rest.slice(1);
    if (command[0] === 'sudo') command = command.slice(1);
    if (command.length === 0) {
      return { stdout: '', stderr: `kubedojo: interactive shells are not simulated; give the command to run, e.g. ssh ${node} sudo systemctl status kubelet\n`, exitCode: 255 };
    }
    const r = runHostCommand(this.ctx.sim, known.metadata.name!, command);
    if (r) return r;
    return { stdout: '', stderr: `kubedojo: on nodes only systemctl and journalctl for the kubelet are simulated (${command[0]} is not)\n`, exitCode: 127 };
  }

  private expand(w: Word): { values: string[]; stderr: string } {
    // Unquoted expansions are split on whitespace, as bash's word splitting does.
    const fields: string[] = [];
    let cur = '';
    let hasContent = false;
    let stderr = '';
    for (const part of w.parts) {
      let text: string;
      if (part.kind === 'lit') {
        cur += part.text;
        hasContent = true;
        continue;
      }
      if (part.kind === 'var') text = this.lookup(part.name);
      else {
        const r = this.run(part.source);
        stderr += r.stderr;
        text = r.stdout.replace(/\n+$/, '');
      }
      if (part.quoted) {
        cur += text;
        hasContent = true;
        continue;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((p, i) => {
        if (i > 0) {
          if (hasContent || cur !== '') fields.push(cur);
          cur = '';
          hasContent = false;
        }
        if (p !== '') {
          cur += p;
          hasContent = true;
        }
      });
    }
    if (hasContent || cur !== '') fields.push(cur);
    return { values: fields, stderr };
  }

  private lookup(name: string): string {
    if (name === '?') return String(this.lastStatus);
    return this.vars.get(name) ?? this.ctx.env[name] ?? '';
  }
}

/** `sleep 30`, `30s`, `5m`, `1h`, `0.5`. */
export function parseSleep(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(s);
  if (m) return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return parseGoDuration(s);
}
