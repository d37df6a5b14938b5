import type { KubeObject } from '../api/meta.js';
import type { RunningProcess } from '../kubelet/index.js';
import type { Rng } from '../time/rng.js';
import type { NetHost } from './connect.js';
import { hostsFile, podHostname, resolvConf, resolverConfig } from './dns.js';
import { isHostNetwork } from './model.js';
import { COREUTILS } from './tools/coreutils.js';
import { resolvePath, type ExecContext, type Tool, type ToolResult } from './tools/context.js';
import { curl } from './tools/curl.js';
import { dig } from './tools/dig.js';
import { getent } from './tools/getent.js';
import { nc } from './tools/nc.js';
import { nslookup } from './tools/nslookup.js';
import { ping } from './tools/ping.js';
import { shell } from './tools/shell.js';
import { SYSUTILS } from './tools/sysutils.js';
import { wget } from './tools/wget.js';
import { telnet } from './tools/telnet.js';
import { netstat } from './tools/netstat.js';
import { gnuWget } from './tools/gnu-wget.js';

/** Programs the simulation can run inside a container, by name. */
export const PROGRAMS: Record<string, Tool> = {
  ...COREUTILS,
  ...SYSUTILS,
  sh: shell,
  ash: shell,
  bash: shell,
  wget: (ctx, argv) => (ctx.busybox ? wget(ctx, argv) : gnuWget(ctx, argv)),
  curl,
  nc,
  netcat: nc,
  nslookup,
  dig,
  ping,
  getent,
  telnet,
  netstat,
};

/** What `kubectl exec` gets back. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Set when the container runtime could not start the program at all (not
   * in the image). kubectl prints `error: ` + this line and exits 1; stdout
   * and stderr are empty. Example:
   * `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "0f1e…": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown`
   */
  startError?: string;
  /** Where a shell program ended up after `cd` (its working directory at exit), and the one before. */
  cwd?: string;
  oldpwd?: string;
}

export interface ExecOptions {
  /** `kubectl exec -t`: the program's stdout and stderr are a terminal. */
  tty?: boolean;
  /** The working directory the program starts in (the container's, `/` by default). */
  cwd?: string;
  /** $OLDPWD, for `cd -`, carried by an interactive session from line to line. */
  oldpwd?: string;
  /** $HOME when the image's environment sets none (`/root` by default). */
  home?: string;
  /** A line typed at an interactive shell's prompt rather than a `sh -c` script (error texts differ). */
  interactive?: boolean;
  /** The line of a script a shell reads from its input that this command is (BusyBox names it in builtin errors). */
  line?: number;
  /**
   * The process to run in, when the kubelet does not run it as a container
   * (an ephemeral debug container of `kubectl debug`).
   */
  process?: RunningProcess;
}

/** Files a container writes with `wget -O`, `curl -o` or `>`: per pod instance and container. */
export type Overlay = Map<string, Map<string, string>>;

/** What `rm` leaves in the overlay: the path reads as missing. */
const DELETED = '\u0000deleted';

const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

function normalize(path: string): string {
  let p = path.startsWith('/') ? path : `/${path}`;
  p = p.replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  if (p.length > 1) p = p.replace(/\/$/, '');
  return p === '' ? '/' : p;
}

export interface ExecDeps {
  host: NetHost;
  overlay: Overlay;
  /** For exec ids in runtime errors (kept apart from endpoint choice). */
  idRng: Rng;
}

/**
 * Runs `argv` in a container the way `kubectl exec` does: the program must
 * be in the image (RunningProcess.tools), and it sees the container's files,
 * environment and the pod network.
 */
export function runInContainer(
  deps: ExecDeps,
  pod: KubeObject,
  container: string,
  proc: RunningProcess,
  argv: string[],
  stdin = '',
  opts: ExecOptions = {},
): ExecResult {
  const { host } = deps;
  const start = normalize(opts.cwd ?? '/');
  const key = `${pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`}/${container}`;
  let written = deps.overlay.get(key);
  if (!written) deps.overlay.set(key, (written = new Map()));
  const fs = written;
  const managed = (): Record<string, string> => {
    const cfg = resolverConfig(host.store, pod);
    return {
      '/etc/resolv.conf': resolvConf(cfg),
      '/etc/hosts': hostsFile(host.store, pod),
      '/etc/hostname': `${podHostname(pod)}\n`,
    };
  };
  const allPaths = (): string[] => [...fs.keys(), ...Object.keys(managed()), ...Object.keys(proc.files).map(normalize)];
  const baseEnv = (): [string, string][] => {
    const env = Object.entries(proc.env);
    const has = (k: string): boolean => env.some(([n]) => n === k);
    const out: [string, string][] = [];
    if (!has('PATH')) out.push(['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
    if (!has('HOSTNAME')) out.push(['HOSTNAME', isHostNetwork(pod) ? String((pod.spec as { nodeName?: string }).nodeName ?? '') : podHostname(pod)]);
    out.push(...env);
    if (!has('HOME')) out.push(['HOME', opts.home ?? '/root']);
    return out;
  };
  const vars = new Map(baseEnv());
  if (opts.oldpwd !== undefined) vars.set('OLDPWD', opts.oldpwd);
  // A `busybox` entry stands for all of BusyBox's applets.
  const has = (p: string): boolean =>
    proc.tools.has(p) || (proc.tools.has('busybox') && !['curl', 'bash', 'dig', 'getent', 'netcat'].includes(p) && p in PROGRAMS);
  const ctx: ExecContext = {
    host,
    pod,
    container,
    proc,
    // BusyBox userlands (busybox, Alpine) ship `ash`; Debian-based images don't.
    busybox: proc.tools.has('busybox') || proc.tools.has('ash'),
    tty: opts.tty ?? false,
    interactive: opts.interactive ?? false,
    line: opts.line,
    cwd: start,
    has,
    readFile: (path) => {
      const p = resolvePath(ctx.cwd, path);
      const v = fs.get(p) ?? managed()[p] ?? proc.files[p] ?? proc.files[path];
      return v === DELETED ? undefined : v;
    },
    writeFile: (path, content) => {
      fs.set(resolvePath(ctx.cwd, path), content);
    },
    fileExists: (path) => ctx.readFile(path) !== undefined,
    isDir: (path) => {
      const p = resolvePath(ctx.cwd, path);
      // The container's working directory, home and volume mounts exist whether or not the simulation knows files there.
      const given = [start, normalize(vars.get('HOME') ?? '/'), ...mountPaths(pod, container)];
      return ctx.listDir(p) !== undefined || given.some((d) => d === p || d.startsWith(`${p === '/' ? '' : p}/`));
    },
    listDir: (dir) => {
      const d = resolvePath(ctx.cwd, dir);
      const prefix = d === '/' ? '/' : `${d}/`;
      const names = new Set<string>();
      for (const p of allPaths()) if (p.startsWith(prefix) && ctx.readFile(p) !== undefined) names.add(p.slice(prefix.length).split('/')[0]!);
      if (d === '/') for (const r of ROOT_DIRS) names.add(r);
      if (names.size === 0 && !ROOT_DIRS.includes(d.slice(1))) return undefined;
      return [...names].sort();
    },
    env: () => [...vars.entries()],
    hostname: () => (isHostNetwork(pod) ? String((pod.spec as { nodeName?: string }).nodeName ?? '') : podHostname(pod)),
    wait: (ms) => {
      if (ms > 0) host.advanceBy(ms);
    },
    run: (args, input) => run(args, input),
    vars,
  };
  const run = (args: string[], input: string): ToolResult | undefined => {
    let a = args;
    if (a[0] === 'busybox' && ctx.busybox && a.length > 1) a = a.slice(1);
    const prog = (a[0] ?? '').replace(/^.*\//, '');
    if (!has(prog)) return undefined;
    // runc looks a path up exactly and a bare name along PATH, where the image says its binary is.
    const at = proc.paths?.[prog];
    if (at !== undefined && a === args) {
      const arg0 = a[0] ?? '';
      if (arg0.startsWith('/') && normalize(arg0) !== at) return undefined;
      if (!arg0.includes('/')) {
        const dir = at.slice(0, at.lastIndexOf('/')) || '/';
        if (!(vars.get('PATH') ?? '').split(':').some((d) => normalize(d) === dir)) return undefined;
      }
    }
    const tool = PROGRAMS[prog];
    if (!tool) {
      // In the image, but its behaviour is not simulated: say so rather than pretend.
      return { stdout: '', stderr: `${prog}: not available in this simulated container (kubedojo simulates the network and file tools)\n`, exitCode: 1 };
    }
    return tool(ctx, [prog, ...a.slice(1)], input);
  };
  const res = run(argv, stdin);
  if (res) return ctx.cwd === start ? res : { ...res, cwd: ctx.cwd, oldpwd: vars.get('OLDPWD') };
  const id = deps.idRng.hex(64);
  return {
    stdout: '',
    stderr: '',
    exitCode: 1,
    startError: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${missing(argv[0] ?? '')}: unknown`,
  };
}

/** Where the container's volumes are mounted. */
function mountPaths(pod: KubeObject, container: string): string[] {
  const spec = (pod.spec ?? {}) as { containers?: unknown; initContainers?: unknown; ephemeralContainers?: unknown };
  const all = [spec.containers, spec.initContainers, spec.ephemeralContainers].flatMap((l) => (Array.isArray(l) ? (l as { name?: string; volumeMounts?: { mountPath?: string }[] }[]) : []));
  const c = all.find((x) => x.name === container);
  return (c?.volumeMounts ?? []).map((m) => m.mountPath).filter((p): p is string => typeof p === 'string').map(normalize);
}

/** runc's words for a program it cannot exec. */
function missing(prog: string): string {
  return prog.includes('/')
    ? `exec: "${prog}": stat ${prog}: no such file or directory`
    : `exec: "${prog}": executable file not found in $PATH`;
}
