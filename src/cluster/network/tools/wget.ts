import { connectIp, resolveHost } from '../connect.js';
import {
  KERNEL_CONNECT_TIMEOUT_MS,
  NO_ROUTE_MS,
  fail,
  parseUrl,
  responseHeaders,
  statusLine,
  type ExecContext,
  type ToolResult,
} from './context.js';

/**
 * BusyBox wget (1.36), as in the `busybox` image.
 *
 * Facts from networking/wget.c and libbb:
 * - `-T SEC` (default 900) arms an alarm around connect and every read; when
 *   it fires: `wget: download timed out`. A dropped SYN without a shorter -T
 *   ends with the kernel's ETIMEDOUT after 127 s instead.
 * - Name lookups are not covered by -T (glibc: 5 s × 2 attempts per query).
 * - Every error goes through bb_error_msg_and_die: `wget: …` on stderr, exit 1.
 * - Without -O the file is opened O_EXCL: a second run fails with
 *   `can't open 'index.html': File exists`.
 * - The progress line is printed once when stderr is not a terminal
 *   (kubectl exec without -t), for 80 columns (a 32-star bar).
 */

/** glibc getaddrinfo on an unanswered server: timeout:5 × attempts:2. */
export const GLIBC_DNS_TIMEOUT_MS = 10_000;

const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

interface WgetOpts {
  quiet: boolean;
  spider: boolean;
  serverResponse: boolean;
  out?: string;
  prefix?: string;
  timeoutS: number;
  urls: string[];
}

const WITH_ARG = new Set(['O', 'o', 'P', 'Y', 'U', 'T', 't']);
const LONG_WITH_ARG: Record<string, string> = {
  'output-document': 'O',
  'output-file': 'o',
  'directory-prefix': 'P',
  proxy: 'Y',
  'user-agent': 'U',
  timeout: 'T',
  tries: 't',
  header: 'header',
  'post-data': 'post-data',
  'post-file': 'post-file',
};
const LONG_FLAGS: Record<string, string> = {
  continue: 'c',
  quiet: 'q',
  'server-response': 'S',
  spider: 'spider',
  'no-check-certificate': 'ncc',
  'passive-ftp': '',
  'no-cache': '',
  'no-verbose': '',
  'no-clobber': '',
  'no-host-directories': '',
  'no-parent': '',
};

function parse(argv: string[]): WgetOpts | ToolResult {
  const o: WgetOpts = { quiet: false, spider: false, serverResponse: false, timeoutS: 900, urls: [] };
  const set = (k: string, v: string): ToolResult | undefined => {
    if (k === 'O') o.out = v;
    else if (k === 'P') o.prefix = v;
    else if (k === 'T') {
      if (!/^\d+$/.test(v)) return fail(`wget: invalid number '${v}'\n`);
      o.timeoutS = Number(v);
    }
    return undefined;
  };
  const flag = (k: string): void => {
    if (k === 'q') o.quiet = true;
    else if (k === 'S') o.serverResponse = true;
    else if (k === 'spider') o.spider = true;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      o.urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name in LONG_WITH_ARG) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return fail(`wget: option '--${name}' requires an argument\n${USAGE}`);
        const r = set(LONG_WITH_ARG[name]!, v);
        if (r) return r;
      } else if (name in LONG_FLAGS && eq < 0) flag(LONG_FLAGS[name]!);
      else return fail(`wget: unrecognized option '${a}'\n${USAGE}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'n') break; // -nv, -nc, -nH, -np: ignored, with an optional attached argument
        if (WITH_ARG.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return fail(`wget: option requires an argument -- '${c}'\n${USAGE}`);
          const r = set(c, v);
          if (r) return r;
          break;
        }
        if ('cqS'.includes(c)) flag(c);
        else return fail(`wget: invalid option -- '${c}'\n${USAGE}`);
      }
      continue;
    }
    o.urls.push(a);
  }
  if (o.urls.length === 0) return fail(USAGE);
  return o;
}

function lastComponent(path: string): string {
  const p = path.replace(/[?#].*$/, '');
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/**
 * libbb/xfuncs.c smart_ulltoa5: a size in exactly 5 columns (`  615`,
 * `1234k`, `92.1M`).
 */
export function ulltoa5(n: number): string {
  const scale = ' kMGTPEZY';
  let ul = n;
  let idx = 0;
  if (ul > 99999) {
    ul *= 10;
    do {
      ul = Math.floor(ul / 1024);
      idx++;
    } while (ul >= 100000);
  }
  if (idx === 0) return String(ul).padStart(5);
  const u = Math.floor(ul / 10);
  const v = ul % 10;
  if (u >= 100) return `${String(Math.floor(u / 10)).padStart(3)}${u % 10}${scale[idx]}`;
  return `${String(u).padStart(2)}.${v}${scale[idx]}`;
}

/**
 * libbb/progress.c bb_progress_update, final call, stderr not a tty (so
 * 80 columns: a 32-column bar), as kubectl exec without -t runs it.
 */
export function progressLine(curfile: string, size: number, tty = false): string {
  // On a terminal each update starts with \r; the last is ended by a newline.
  let s = `${tty ? '\r' : ''}${curfile.slice(0, 20).padEnd(20)} `;
  if (size > 0) s += `100% |${'*'.repeat(32)}| `;
  s += ulltoa5(size);
  s += size > 0 ? '  0:00:00 ETA' : ' --:--:-- ETA';
  return `${s}\n`;
}

export function wget(ctx: ExecContext, argv: string[]): ToolResult {
  const parsed = parse(argv);
  if ('exitCode' in parsed) return parsed;
  const o = parsed;
  let stdout = '';
  let stderr = '';
  const die = (msg: string): ToolResult => ({ stdout, stderr: `${stderr}wget: ${msg}\n`, exitCode: 1 });
  const client = { pod: ctx.pod };
  for (const raw of o.urls) {
    const url = parseUrl(raw);
    if (!url || !['http', 'https', 'ftp'].includes(url.scheme)) return die(`not an http or ftp url: ${raw}`);
    const res = resolveHost(ctx.host, client, url.host);
    if (res.kind !== 'ok') {
      if (res.kind === 'timeout') ctx.wait(GLIBC_DNS_TIMEOUT_MS);
      return die(`bad address '${url.hostPort}'`);
    }
    const ip = res.ips[0]!;
    if (!o.quiet) stderr += `Connecting to ${url.hostPort} (${ip}:${url.port})\n`;
    const timeoutMs = o.timeoutS * 1000;
    const r = connectIp(ctx.host, client, ip, url.port, 'TCP');
    const cantConnect = (why: string): ToolResult => die(`can't connect to remote host (${ip}): ${why}`);
    switch (r.outcome) {
      case 'refused':
        return cantConnect('Connection refused');
      case 'unreachable':
        if (timeoutMs > 0 && timeoutMs <= NO_ROUTE_MS) {
          ctx.wait(timeoutMs);
          return die('download timed out');
        }
        ctx.wait(NO_ROUTE_MS);
        return cantConnect('No route to host');
      case 'timeout':
      case 'nxdomain':
        if (timeoutMs > 0 && timeoutMs < KERNEL_CONNECT_TIMEOUT_MS) {
          ctx.wait(timeoutMs);
          return die('download timed out');
        }
        ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
        return cantConnect('Connection timed out');
      case 'ok':
        break;
    }
    if (url.scheme === 'https') stderr += 'wget: note: TLS certificate validation not implemented\n';
    const answer = r.process?.http(r.backendPort ?? url.port, url.path);
    if (!answer) return die('error getting response');
    const line = statusLine(answer.status);
    if (o.serverResponse) stderr += `  ${line}\n`;
    const okStatus = (answer.status >= 200 && answer.status <= 204) || [300, 301, 302, 303, 307, 308].includes(answer.status);
    if (!okStatus) return die(`server returned error: ${line}`);
    if (o.serverResponse) for (const [k, v] of responseHeaders(ctx.host.now(), answer.body)) stderr += `  ${k}: ${v}\n`;
    if (o.spider) {
      if (!o.quiet) stderr += 'remote file exists\n';
      continue;
    }
    const toStdout = o.out === '-';
    let fname = o.out ?? (lastComponent(url.path) || 'index.html');
    if (o.out === undefined && o.prefix) fname = `${o.prefix.replace(/\/$/, '')}/${fname}`;
    if (!toStdout) {
      if (o.out === undefined && ctx.fileExists(fname)) return die(`can't open '${fname}': File exists`);
      ctx.writeFile(fname, answer.body);
    } else {
      stdout += answer.body;
    }
    if (!o.quiet) {
      stderr += toStdout ? 'writing to stdout\n' : `saving to '${fname}'\n`;
      stderr += progressLine(toStdout ? '-' : lastComponent(fname), Buffer.byteLength(answer.body), ctx.tty);
      stderr += toStdout ? 'written to stdout\n' : `'${fname}' saved\n`;
    }
  }
  return { stdout, stderr, exitCode: 0 };
}
