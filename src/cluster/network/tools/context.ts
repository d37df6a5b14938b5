import type { KubeObject } from '../../api/meta.js';
import type { RunningProcess } from '../../kubelet/index.js';
import type { NetHost } from '../connect.js';

/** What one program run by `kubectl exec` produced. */
export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The container a program runs in, and the services it can use. */
export interface ExecContext {
  host: NetHost;
  pod: KubeObject;
  container: string;
  proc: RunningProcess;
  /** Whether the image ships this program. */
  has(program: string): boolean;
  /** Busybox applets (`busybox` in the image's tools) rather than GNU/curl/OpenBSD programs. */
  busybox: boolean;
  /** stdout/stderr are a terminal (`kubectl exec -t`): progress output changes. */
  tty: boolean;
  /** A line typed at an interactive shell's prompt (a shell's error texts differ from `sh -c`'s). */
  interactive: boolean;
  /** For a line of a script a shell reads from its input: its number there. */
  line?: number;
  /** The working directory, which relative paths start from; `cd` changes it. */
  cwd: string;
  /** Paths may be relative to `cwd`. */
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string): void;
  fileExists(path: string): boolean;
  /** Directory listing (names directly under `dir`); undefined when there is no such directory. */
  listDir(dir: string): string[] | undefined;
  /** Whether a directory is there to `cd` into. */
  isDir(path: string): boolean;
  env(): [string, string][];
  hostname(): string;
  /** Lets simulated time pass while the program waits. */
  wait(ms: number): void;
  /** Runs another program (for shells); undefined when the image has no such program. */
  run(argv: string[], stdin: string): ToolResult | undefined;
  /** Shell variables and exported environment, shared by nested shells. */
  vars: Map<string, string>;
}

export type Tool = (ctx: ExecContext, argv: string[], stdin: string) => ToolResult;

/** A path as seen from working directory `cwd`, `.` and `..` taken away (logically, as cd does; no symlinks here). */
export function resolvePath(cwd: string, path: string): string {
  const out: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function ok(stdout = '', stderr = ''): ToolResult {
  return { stdout, stderr, exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): ToolResult {
  return { stdout, stderr, exitCode };
}

/**
 * Linux gives up on a TCP connect whose SYNs are never answered after
 * tcp_syn_retries=6 retransmissions: 1+2+4+8+16+32+64 = 127 s, then the
 * connect fails with ETIMEDOUT ("Connection timed out").
 */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

/**
 * An unanswered ARP for an address on the node's pod subnet fails after
 * about 3 s (3 probes, 1 s apart) with EHOSTUNREACH ("No route to host").
 */
export const NO_ROUTE_MS = 3_000;

/** `HTTP/1.1 404 Not Found`: reason phrases servers send. */
export const HTTP_REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  418: "I'm a teapot",
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${HTTP_REASONS[status] ?? ''}`.trimEnd();
}

/** Response headers a typical server sends with a body (the simulated images don't model headers). */
export function responseHeaders(now: number, body: string): [string, string][] {
  return [
    ['Date', new Date(now).toUTCString()],
    ['Content-Type', /^\s*</.test(body) ? 'text/html' : 'text/plain; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Connection', 'close'],
  ];
}

/** A parsed `http://host:port/path` URL. */
export interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Explicit `:port` in the URL. */
  hostPort: string;
  path: string;
}

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#:]*)(?::(\d+))?([/?#].*)?$/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const defPort = scheme === 'https' ? 443 : scheme === 'ftp' ? 21 : 80;
  const port = m[3] !== undefined ? Number(m[3]) : defPort;
  let path = m[4] ?? '/';
  if (!path.startsWith('/')) path = `/${path}`;
  return { scheme, host: m[2] ?? '', port, hostPort: m[3] !== undefined ? `${m[2]}:${m[3]}` : (m[2] ?? ''), path: path.replace(/#.*$/, '') };
}

/** Parses a duration in seconds as tools take it (`2`, `2.5`). NaN when invalid. */
export function seconds(s: string | undefined): number {
  if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}
