import { connectIp, resolveHost } from '../connect.js';
import { isIPv4 } from '../ip.js';
import { KERNEL_CONNECT_TIMEOUT_MS, NO_ROUTE_MS, parseUrl, responseHeaders, seconds, HTTP_REASONS, type ExecContext, type ToolResult } from './context.js';
import { GLIBC_DNS_TIMEOUT_MS } from './wget.js';

/**
 * GNU Wget 1.21 (Debian-based images: python, node, golang). Differences
 * from BusyBox that matter when troubleshooting:
 * - exit 4 for network failures, 8 for HTTP errors;
 * - `wget: unable to resolve host address 'web'`;
 * - 20 tries by default, waiting 1, 2, … 10 s between them, and no connect
 *   timeout of its own (-T sets one), so a dropped SYN retries for a long time;
 * - curly quotes when the locale is UTF-8 (LANG=C.UTF-8 in python images).
 */

interface GnuOpts {
  quiet: boolean;
  spider: boolean;
  out?: string;
  timeoutS?: number;
  tries: number;
  url?: string;
}

function parse(argv: string[]): GnuOpts | ToolResult {
  const o: GnuOpts = { quiet: false, spider: false, tries: 20 };
  const withArg: Record<string, keyof GnuOpts> = { O: 'out', 'output-document': 'out', T: 'timeoutS', timeout: 'timeoutS', t: 'tries', tries: 'tries', 'connect-timeout': 'timeoutS' };
  const set = (k: keyof GnuOpts, v: string): ToolResult | undefined => {
    if (k === 'out') o.out = v;
    else {
      const n = seconds(v);
      if (Number.isNaN(n)) return { stdout: '', stderr: `wget: ${k === 'tries' ? 'tries' : 'timeout'}: Invalid number '${v}'.\n`, exitCode: 2 };
      // 0 or inf means forever; the simulation gives up after 20 like the default.
      if (k === 'tries') o.tries = n === 0 || n > 20 ? 20 : n;
      else o.timeoutS = n;
    }
    return undefined;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name in withArg) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { stdout: '', stderr: `wget: option '--${name}' requires an argument\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, exitCode: 2 };
        const r = set(withArg[name]!, v);
        if (r) return r;
      } else if (name === 'quiet') o.quiet = true;
      else if (name === 'spider') o.spider = true;
      else if (!['no-verbose', 'server-response', 'no-check-certificate', 'no-cache'].includes(name)) {
        return { stdout: '', stderr: `wget: unrecognized option '${a}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, exitCode: 2 };
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c in withArg) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { stdout: '', stderr: `wget: option requires an argument -- '${c}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, exitCode: 2 };
          const r = set(withArg[c]!, v);
          if (r) return r;
          break;
        }
        if (c === 'q') o.quiet = true;
        else if (c === 'S' || c === 'v' || c === 'n') continue;
        else return { stdout: '', stderr: `wget: invalid option -- '${c}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, exitCode: 2 };
      }
    } else o.url ??= a;
  }
  return o;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function gnuWget(ctx: ExecContext, argv: string[]): ToolResult {
  const parsed = parse(argv);
  if ('exitCode' in parsed) return parsed;
  const o = parsed;
  if (o.url === undefined) return { stdout: '', stderr: "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", exitCode: 1 };
  const url = parseUrl(o.url);
  if (!url || url.host === '') return { stdout: '', stderr: `${o.url}: Invalid URL ${o.url}: Invalid host name\n`, exitCode: 1 };
  const utf8 = /utf-?8/i.test(new Map(ctx.env()).get('LANG') ?? '');
  const q = (s: string): string => (utf8 ? `\u2018${s}\u2019` : `'${s}'`);
  const shown = `${url.scheme}://${url.hostPort}${url.path}`;
  let err = o.spider ? 'Spider mode enabled. Check if remote file exists.\n' : '';
  let stdout = '';
  const log = (s: string): void => {
    if (!o.quiet) err += s;
  };
  const done = (code: number): ToolResult => ({ stdout, stderr: err, exitCode: code });
  log(`--${stamp(ctx.host.now())}--  ${shown}\n`);
  const res = resolveHost(ctx.host, { pod: ctx.pod }, url.host);
  const literal = isIPv4(url.host);
  if (res.kind !== 'ok') {
    if (res.kind === 'timeout') ctx.wait(GLIBC_DNS_TIMEOUT_MS);
    log(`Resolving ${url.host} (${url.host})... failed: ${res.kind === 'timeout' || res.kind === 'refused' ? 'Temporary failure in name resolution' : 'Name or service not known'}.\n`);
    log(`wget: unable to resolve host address ${q(url.host)}\n`);
    return done(4);
  }
  const ip = res.ips[0]!;
  if (!literal) log(`Resolving ${url.host} (${url.host})... ${res.ips.join(', ')}\n`);
  const target = literal ? `${ip}:${url.port}` : `${url.host} (${url.host})|${ip}|:${url.port}`;
  const timeoutMs = o.timeoutS !== undefined && o.timeoutS > 0 ? o.timeoutS * 1000 : undefined;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) log(`--${stamp(ctx.host.now())}--  (try:${String(attempt).padStart(2)})  ${shown}\n`);
    log(`Connecting to ${target}... `);
    const r = connectIp(ctx.host, { pod: ctx.pod }, ip, url.port, 'TCP');
    let failure: string | undefined;
    if (r.outcome === 'refused') {
      log('failed: Connection refused.\n');
      return done(4);
    }
    if (r.outcome === 'unreachable') {
      ctx.wait(timeoutMs !== undefined ? Math.min(timeoutMs, NO_ROUTE_MS) : NO_ROUTE_MS);
      failure = timeoutMs !== undefined && timeoutMs < NO_ROUTE_MS ? 'Connection timed out' : 'No route to host';
    } else if (r.outcome !== 'ok') {
      ctx.wait(timeoutMs !== undefined ? Math.min(timeoutMs, KERNEL_CONNECT_TIMEOUT_MS) : KERNEL_CONNECT_TIMEOUT_MS);
      failure = 'Connection timed out';
    }
    if (failure === undefined) {
      log('connected.\n');
      const answer = r.process?.http(r.backendPort ?? url.port, url.path);
      log('HTTP request sent, awaiting response... ');
      if (!answer) {
        log('No data received.\n');
        failure = '';
      } else {
        const reason = HTTP_REASONS[answer.status] ?? '';
        log(`${answer.status} ${reason}\n`);
        if (answer.status >= 400) {
          log(`${stamp(ctx.host.now())} ERROR ${answer.status}: ${reason}.\n\n`);
          return done(8);
        }
        const size = Buffer.byteLength(answer.body);
        const type = responseHeaders(ctx.host.now(), answer.body).find((h) => h[0] === 'Content-Type')![1];
        log(`Length: ${size} [${type.split(';')[0]}]\n`);
        if (o.spider) {
          log(type.startsWith('text/html') ? 'Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n' : 'Remote file exists.\n\n');
          return done(0);
        }
        let name = o.out ?? (url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
        const toStdout = name === '-';
        if (!toStdout && o.out === undefined && ctx.fileExists(name)) {
          let n = 1;
          while (ctx.fileExists(`${name}.${n}`)) n++;
          name = `${name}.${n}`;
        }
        log(`Saving to: ${q(toStdout ? 'STDOUT' : name)}\n\n`);
        if (toStdout) stdout += answer.body;
        else ctx.writeFile(name, answer.body);
        log(`     0K${' '.repeat(55)}100% 56.1M=0s\n\n`);
        log(`${stamp(ctx.host.now())} (56.1 MB/s) - ${toStdout ? 'written to stdout' : `${q(name)} saved`} [${size}/${size}]\n\n`);
        return done(0);
      }
    } else log(`failed: ${failure}.\n`);
    if (attempt >= o.tries) {
      log('Giving up.\n\n');
      return done(4);
    }
    log('Retrying.\n\n');
    ctx.wait(Math.min(attempt, 10) * 1000);
  }
}
