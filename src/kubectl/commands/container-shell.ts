import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { podHostname } from '../../cluster/network/dns.js';
import type { RunningProcess } from '../../cluster/kubelet/index.js';
import type { Simulation } from '../../cluster/simulation.js';
import type { KubectlResult } from '../context.js';
import type { InteractiveSession, SessionStep } from '../interactive.js';
import { concatResults } from '../output-order.js';

/**
 * An interactive shell inside a container: what `kubectl exec -it POD -- sh`
 * and `kubectl run -it --image=busybox -- sh` leave the learner in. Each line
 * runs as `sh -c LINE` does in that container (the simulated images' tools,
 * the pod network, simulated time for timeouts); `exit` or end of input
 * leaves, and so does the container dying.
 */

/** Shells a learner opens with `kubectl exec -it POD -- SHELL`. */
const SHELL_NAMES = ['sh', 'bash', 'ash', 'dash', 'zsh'];

/** `sh`, `/bin/bash`, `bash -l`, `sh -i`: a shell that reads commands from its input. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  if (argv.length === 0) return false;
  const name = argv[0].replace(/^.*\//, '');
  if (!SHELL_NAMES.includes(name)) return false;
  return argv.slice(1).every((a) => /^-[il]+$/.test(a) || a === '--login');
}

/** Working directories images set (their Dockerfile's WORKDIR); `/` otherwise. */
const WORKDIRS: Record<string, string> = {
  'docker.io/library/redis': '/data',
  'docker.io/library/golang': '/go',
  'docker.io/curlimages/curl': '/home/curl_user',
};

/** Images whose userland is BusyBox (ash) although their tool list does not say so. */
const BUSYBOX_USERLAND = new Set(['docker.io/polinux/stress']);

/** The container's spec in the pod, or undefined. */
function containerSpec(pod: KubeObject, name: string): Dict | undefined {
  const spec = isDict(pod.spec) ? pod.spec : {};
  const all = [
    ...((Array.isArray(spec.containers) ? spec.containers : []) as Dict[]),
    ...((Array.isArray(spec.initContainers) ? spec.initContainers : []) as Dict[]),
    ...((Array.isArray(spec.ephemeralContainers) ? spec.ephemeralContainers : []) as Dict[]),
  ];
  return all.find((c) => c.name === name);
}

/** The container's user as the image and security contexts make it, and where it starts: its home and working directory. */
function containerUser(sim: Simulation, pod: KubeObject, container: string): { root: boolean; named: boolean; user: string; home: string; cwd: string; repo: string; tools: readonly string[] } {
  const c = containerSpec(pod, container) ?? {};
  const resolved = typeof c.image === 'string' ? sim.images.resolve(c.image, true) : undefined;
  const entry = resolved?.ok ? resolved.image.entry : undefined;
  const repo = entry?.repository ?? '';
  const podSc = isDict(pod.spec) && isDict(pod.spec.securityContext) ? pod.spec.securityContext : {};
  const sc = isDict(c.securityContext) ? c.securityContext : {};
  const runAs = sc.runAsUser ?? podSc.runAsUser;
  const imageUser = (entry?.user ?? '').split(':')[0];
  const user = runAs !== undefined ? String(runAs) : imageUser === '' ? 'root' : imageUser;
  const root = user === 'root' || user === '0';
  const named = !/^\d+$/.test(user);
  const home = root ? '/root' : named ? `/home/${user}` : '/';
  const cwd = typeof c.workingDir === 'string' && c.workingDir !== '' ? c.workingDir : (WORKDIRS[repo] ?? '/');
  return { root, named, user, home, cwd, repo, tools: entry?.tools ?? [] };
}

/** Where a shell in the container starts (its working directory) and what `cd` alone goes to. */
export function shellDirs(sim: Simulation, pod: KubeObject, container: string): { cwd: string; home: string } {
  const u = containerUser(sim, pod, container);
  return { cwd: u.cwd, home: u.home };
}

/**
 * The prompt the shell shows, as its image's userland prints it: BusyBox ash
 * `\w \$ ` (`/ # `, `~ $ ` for a user in its home), Debian's bash
 * `\u@\h:\w\$ ` (`root@web-0:/# `; `I have no name!@…` for a uid without a
 * passwd entry), dash `# `, Oracle Linux's bash `bash-5.1# `. No prompt
 * without a TTY: a shell reading a pipe prints none. `cwd`: the shell's
 * directory after a `cd` (the container's working directory by default).
 */
export function shellPrompt(sim: Simulation, pod: KubeObject, container: string, shell: string, tty: boolean, cwd?: string): string {
  if (!tty) return '';
  const { root, named, user, home, repo, tools, cwd: start } = containerUser(sim, pod, container);
  const dir = cwd ?? start;
  const w = dir === home ? '~' : dir.startsWith(`${home}/`) ? `~${dir.slice(home.length)}` : dir;
  const sign = root ? '#' : '$';
  const name = shell.replace(/^.*\//, '');
  const busybox = tools.includes('busybox') || tools.includes('ash') || BUSYBOX_USERLAND.has(repo);
  if (name === 'bash') {
    if (repo === 'docker.io/library/mysql') return `bash-5.1${sign} `;
    const who = root ? 'root' : named ? user : 'I have no name!';
    return `${who}@${podHostname(pod).split('.')[0]}:${w}${sign} `;
  }
  if ((name === 'sh' || name === 'ash') && busybox) return `${w} ${sign} `;
  return `${sign} `;
}

/** The container a session runs in, as it was when the session opened. */
export interface ShellTarget {
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** `containerd://…`: a restarted container is another one. */
  containerID: string;
  /**
   * The process lines run in when the kubelet runs none (a `kubectl debug`
   * container's tools): the session then lives as long as its pod.
   */
  process?: RunningProcess;
}

/** How a session ended: the shell exited (with its status), or its container went away. */
export type SessionEnd = { kind: 'exit'; code: number } | { kind: 'died' };

/** The running container's id from the pod's status, or undefined when it does not run. */
export function runningContainerID(pod: KubeObject | undefined, container: string): string | undefined {
  const st = pod && isDict(pod.status) ? pod.status : {};
  const all = [
    ...((Array.isArray(st.containerStatuses) ? st.containerStatuses : []) as Dict[]),
    ...((Array.isArray(st.initContainerStatuses) ? st.initContainerStatuses : []) as Dict[]),
    ...((Array.isArray(st.ephemeralContainerStatuses) ? st.ephemeralContainerStatuses : []) as Dict[]),
  ];
  const s = all.find((x) => x.name === container);
  if (!s || !isDict(s.state) || !isDict(s.state.running)) return undefined;
  return typeof s.containerID === 'string' ? s.containerID : '';
}

const EMPTY: KubectlResult = { stdout: '', stderr: '', exitCode: 0 };

/**
 * One shell session in a running container. What kubectl prints when it
 * ends (`command terminated with exit code 137`, `pod "tmp" deleted`) comes
 * from `onEnd`, which the command that opened it supplies.
 */
export class ContainerShellSession implements InteractiveSession {
  readonly where: string;
  /** `$?` of the last line: what a bare `exit` or end of input exits with. */
  private status = 0;
  private over = false;
  /** The shell's working directory: where it started, then wherever `cd` took it. */
  private cwd: string;
  private oldpwd?: string;
  private readonly startCwd: string;
  private readonly home: string;
  /** Lines read so far (a shell reading a script names the line in its errors). */
  private lines = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly target: ShellTarget,
    private readonly shell: string,
    private readonly tty: boolean,
    private readonly promptText: string,
    private readonly onEnd: (how: SessionEnd) => KubectlResult,
  ) {
    this.where = `pod/${target.pod}, container ${target.container}`;
    const pod = sim.store.get('pods', target.namespace, target.pod);
    const dirs = pod ? shellDirs(sim, pod, target.container) : { cwd: '/', home: '/root' };
    this.cwd = this.startCwd = dirs.cwd;
    this.home = dirs.home;
  }

  prompt(): string {
    if (this.promptText === '' || this.cwd === this.startCwd) return this.promptText;
    const pod = this.sim.store.get('pods', this.target.namespace, this.target.pod);
    return pod ? shellPrompt(this.sim, pod, this.target.container, this.shell, true, this.cwd) : this.promptText;
  }

  run(line: string): SessionStep {
    if (this.over) return { result: EMPTY, ended: true };
    const died = this.poll();
    if (died) return { result: died, ended: true };
    this.lines++;
    const text = line.trim();
    const exit = /^exit(?:\s+(\d+))?\s*;?$/.exec(text);
    if (exit) {
      const code = exit[1] === undefined ? this.status : Number(exit[1]) & 255;
      return { result: this.end({ kind: 'exit', code }), ended: true };
    }
    if (text === '' || text.startsWith('#')) return { result: EMPTY, ended: false };
    const t = this.target;
    // At a terminal the shell is interactive; otherwise it reads its input as a script. Either way it counts lines.
    const r = this.sim.network.exec(t.namespace, t.pod, t.container, [this.shell, '-c', line], '', {
      tty: this.tty,
      process: t.process,
      cwd: this.cwd,
      oldpwd: this.oldpwd,
      home: this.home,
      interactive: this.tty,
      line: this.lines,
    });
    if (r.startError) return { result: this.end({ kind: 'died' }), ended: true };
    if (r.cwd !== undefined) {
      this.cwd = r.cwd;
      this.oldpwd = r.oldpwd;
    }
    this.status = r.exitCode;
    const out: KubectlResult = { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    // The line let time pass (a timeout, `sleep`): the container may be gone by its end.
    const after = this.poll();
    return after ? { result: concatResults(out, after), ended: true } : { result: out, ended: false };
  }

  eof(): KubectlResult {
    if (this.over) return EMPTY;
    return this.poll() ?? this.end({ kind: 'exit', code: this.status });
  }

  poll(): KubectlResult | undefined {
    if (this.over || this.alive()) return undefined;
    return this.end({ kind: 'died' });
  }

  private alive(): boolean {
    const t = this.target;
    const pod = this.sim.store.get('pods', t.namespace, t.pod);
    if (!pod || pod.metadata.uid !== t.uid) return false;
    if (t.process) return true;
    if (runningContainerID(pod, t.container) !== t.containerID) return false;
    return this.sim.kubelet.process(t.namespace, t.pod, t.container) !== undefined;
  }

  private end(how: SessionEnd): KubectlResult {
    this.over = true;
    return this.onEnd(how);
  }
}
