import { connectIp, resolveHost } from '../connect.js';
import { isIPv4 } from '../ip.js';
import { podIP } from '../model.js';
import {
  KERNEL_CONNECT_TIMEOUT_MS,
  NO_ROUTE_MS,
  parseUrl,
  responseHeaders,
  seconds,
  statusLine,
  type ExecContext,
  type ToolResult,
} from './context.js';

/**
 * curl 8.11 (the `curlimages/curl` image, Alpine/musl; Debian-based images
 * ship 7.88.1, whose -v output lacks the resolve and "sent off" lines).
 *
 * Error texts (lib/strerror.c, lib/cf-https-connect.c, lib/multi.c):
 * - `curl: (6) Could not resolve host: web`
 * - `curl: (7) Failed to connect to web port 80 after 1 ms: Couldn't connect to server`
 * - connect timeout (--connect-timeout or -m while connecting):
 *   `curl: (28) Failed to connect to web port 80 after 2002 ms: Timeout was reached`
 * - the kernel's ETIMEDOUT after 127 s: the "Couldn't connect to server"
 *   text, but exit code 28 (os_errno ETIMEDOUT)
 * - `curl: (22) The requested URL returned error: 404` with -f
 * The progress meter goes to stderr because stdout is not a terminal under
 * `kubectl exec` without -t; -s hides it and the error (-S shows the error).
 */

export const CURL_VERSION = '8.11.1';
/** Debian bookworm's curl (nginx, python, node images). Same error texts; older -v lines. */
export const DEBIAN_CURL_VERSION = '7.88.1';
/** musl's resolver gives up after `timeout:5` seconds in total. */
export const MUSL_DNS_TIMEOUT_MS = 5_000;

/** Ports whose servers are taken to speak TLS (API server, kubelet, webhooks, HTTPS). */
const TLS_PORTS = new Set([443, 4443, 6443, 8443, 9443, 10250, 10257, 10259]);

const CERT_PROBLEM =
  'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface CurlOpts {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  insecure: boolean;
  output?: string;
  remoteName: boolean;
  maxTimeS?: number;
  connectTimeoutS?: number;
  writeOut?: string;
  url?: string;
}

const SHORT_ARG = new Set(['o', 'm', 'w', 'H', 'X', 'd', 'u', 'A', 'e', 'x', 'b', 'c', 'r', 'T', 'F', 'K', 'E', 'z', 'C', 'Y', 'y']);
const SHORT_FLAG = new Set(['s', 'S', 'v', 'I', 'i', 'f', 'L', 'k', 'O', 'N', 'g', 'G', '4', '6', 'q', 'l', 'n', 'j', 'J', 'R', 'Z', '#', '0', '1', '2', '3']);
const LONG_ARG = new Set([
  'output', 'max-time', 'connect-timeout', 'write-out', 'header', 'request', 'data', 'data-raw', 'data-binary', 'user',
  'user-agent', 'referer', 'proxy', 'cookie', 'retry', 'retry-delay', 'retry-max-time', 'resolve', 'connect-to', 'cacert',
  'cert', 'key', 'max-redirs', 'interface', 'json', 'form', 'unix-socket', 'dns-servers', 'limit-rate', 'range', 'upload-file',
]);
const LONG_FLAG = new Set([
  'silent', 'show-error', 'verbose', 'head', 'include', 'fail', 'fail-with-body', 'location', 'insecure', 'remote-name',
  'no-buffer', 'globoff', 'ipv4', 'ipv6', 'http1.1', 'http1.0', 'http2', 'compressed', 'no-progress-meter', 'no-keepalive',
  'raw', 'tcp-nodelay', 'fail-early', 'get', 'no-sessionid', 'progress-bar',
]);

function parse(argv: string[]): CurlOpts | ToolResult {
  const o: CurlOpts = { silent: false, showError: false, verbose: false, head: false, include: false, fail: false, insecure: false, remoteName: false };
  const bad = (opt: string, why: string, code = 2): ToolResult => ({ stdout: '', stderr: `curl: option ${opt}: ${why}\n${TRY}`, exitCode: code });
  const setArg = (name: string, v: string, shown: string): ToolResult | undefined => {
    switch (name) {
      case 'o':
      case 'output':
        o.output = v;
        break;
      case 'm':
      case 'max-time': {
        const n = seconds(v);
        if (Number.isNaN(n)) return bad(shown, 'expected a proper numerical parameter');
        o.maxTimeS = n;
        break;
      }
      case 'connect-timeout': {
        const n = seconds(v);
        if (Number.isNaN(n)) return bad(shown, 'expected a proper numerical parameter');
        o.connectTimeoutS = n;
        break;
      }
      case 'w':
      case 'write-out':
        o.writeOut = v;
        break;
    }
    return undefined;
  };
  const setFlag = (name: string): void => {
    if (name === 's' || name === 'silent') o.silent = true;
    else if (name === 'S' || name === 'show-error') o.showError = true;
    else if (name === 'v' || name === 'verbose') o.verbose = true;
    else if (name === 'I' || name === 'head') o.head = true;
    else if (name === 'i' || name === 'include') o.include = true;
    else if (name === 'f' || name === 'fail') o.fail = true;
    else if (name === 'O' || name === 'remote-name') o.remoteName = true;
    else if (name === 'k' || name === 'insecure') o.insecure = true;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      let name = a.slice(2);
      if (name.startsWith('no-') && LONG_FLAG.has(name.slice(3))) continue;
      if (LONG_ARG.has(name)) {
        const v = argv[++i];
        if (v === undefined) return bad(a, 'requires parameter');
        const r = setArg(name, v, a);
        if (r) return r;
      } else if (LONG_FLAG.has(name)) setFlag(name);
      else {
        name = a;
        return bad(name, 'is unknown');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (SHORT_ARG.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return bad(`-${c}`, 'requires parameter');
          const r = setArg(c, v, `-${c}`);
          if (r) return r;
          break;
        }
        if (SHORT_FLAG.has(c)) setFlag(c);
        else return bad(`-${c}`, 'is unknown');
      }
      continue;
    }
    o.url ??= a;
  }
  return o;
}

/** lib/progress.c max5data: a size in at most 5 columns. */
export function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

function time2str(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  return `${String(h).padStart(2)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** The meter's last line (the \r-separated intermediate updates are left out). */
export function meterLine(size: number, spentMs: number): string {
  const pct = size > 0 ? 100 : 0;
  // A simulated transfer inside the cluster takes 1 ms: speed = bytes/ms * 1000.
  const speed = size > 0 ? size * 1000 : 0;
  return (
    `${String(pct).padStart(3)} ${max5(size)}  ${String(pct).padStart(3)} ${max5(size)}  ${'0'.padStart(3)} ${max5(0)}  ` +
    `${max5(speed)}  ${max5(0)} --:--:-- ${time2str(spentMs)} --:--:-- ${max5(speed)}\n`
  );
}

interface Outcome {
  exit: number;
  error?: string;
  status?: number;
  body?: string;
  headers?: [string, string][];
  ip?: string;
  port?: number;
  spentMs: number;
  verbose: string;
}

function writeOut(fmt: string, out: Outcome, url: string): string {
  const vars: Record<string, string> = {
    http_code: String(out.status ?? 0).padStart(3, '0'),
    response_code: String(out.status ?? 0).padStart(3, '0'),
    remote_ip: out.ip ?? '',
    remote_port: out.port !== undefined && out.status !== undefined ? String(out.port) : '',
    size_download: String(out.body !== undefined ? Buffer.byteLength(out.body) : 0),
    time_total: (out.spentMs / 1000).toFixed(6),
    time_connect: (out.status !== undefined ? 0.001 : 0).toFixed(6),
    url_effective: url,
    url,
    exitcode: String(out.exit),
    errormsg: out.error ?? '',
    http_version: out.status !== undefined ? '1.1' : '0',
    num_connects: out.status !== undefined ? '1' : '0',
    content_type: out.headers?.find((h) => h[0] === 'Content-Type')?.[1] ?? '',
    method: 'GET',
    scheme: 'HTTP',
  };
  return fmt
    .replace(/%\{([a-z_]+)\}|%%|\\n|\\t|\\r/g, (m, name: string | undefined) => {
      if (m === '%%') return '%';
      if (m === '\\n') return '\n';
      if (m === '\\t') return '\t';
      if (m === '\\r') return '\r';
      return name !== undefined && name in vars ? vars[name]! : '';
    });
}

export function curl(ctx: ExecContext, argv: string[]): ToolResult {
  const parsed = parse(argv);
  if ('exitCode' in parsed) return parsed;
  const o = parsed;
  if (o.url === undefined) return { stdout: '', stderr: `curl: no URL specified\n${TRY}`, exitCode: 2 };
  const url = parseUrl(o.url);
  if (!url || url.host === '') return finish(ctx, o, { exit: 3, error: 'URL rejected: Malformed input to a URL function', spentMs: 0, verbose: '' });
  if (url.scheme !== 'http' && url.scheme !== 'https') {
    return finish(ctx, o, { exit: 1, error: `Protocol "${url.scheme}" not supported`, spentMs: 0, verbose: '' });
  }
  return finish(ctx, o, transfer(ctx, o, url));
}

function transfer(ctx: ExecContext, o: CurlOpts, url: NonNullable<ReturnType<typeof parseUrl>>): Outcome {
  const client = { pod: ctx.pod };
  const maxMs = o.maxTimeS !== undefined && o.maxTimeS > 0 ? Math.round(o.maxTimeS * 1000) : Infinity;
  const connMs = Math.min(o.connectTimeoutS !== undefined && o.connectTimeoutS > 0 ? Math.round(o.connectTimeoutS * 1000) : 300_000, maxMs);
  let v = '';
  const res = resolveHost(ctx.host, client, url.host);
  if (res.kind !== 'ok') {
    // Alpine's musl gives up after 5 s in total; Debian's glibc after 5 s × 2 attempts.
    const dnsTimeout = ctx.busybox ? MUSL_DNS_TIMEOUT_MS : 10_000;
    // musl queries from an unconnected socket, so a REJECT (ICMP port
    // unreachable) never reaches it: it waits out its timeout; glibc fails at once.
    const waits = res.kind === 'timeout' || (res.kind === 'refused' && ctx.busybox);
    if (waits) {
      if (maxMs < dnsTimeout) {
        ctx.wait(maxMs);
        return { exit: 28, error: `Resolving timed out after ${maxMs + 2} milliseconds`, spentMs: maxMs + 2, verbose: v };
      }
      ctx.wait(dnsTimeout);
    }
    const spent = waits ? dnsTimeout : 1;
    return { exit: 6, error: `Could not resolve host: ${url.host}`, spentMs: spent, verbose: `${v}* Could not resolve host: ${url.host}\n* shutting down connection #0\n` };
  }
  const ip = res.ips[0]!;
  const dnsMs = isIPv4(url.host) ? 0 : 1;
  const modern = ctx.busybox;
  if (!isIPv4(url.host) && modern) v += `* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${res.ips.join(', ')}\n`;
  v += `*   Trying ${ip}:${url.port}...\n`;
  const r = connectIp(ctx.host, client, ip, url.port, 'TCP');
  const localPort = 32768 + (Math.floor(ctx.host.now() / 7) % 28000);
  const failed = (exit: number, after: number, why: string, errno: string): Outcome => {
    const msg = `Failed to connect to ${url.host} port ${url.port} after ${after} ms: ${why}`;
    const local = podIP(ctx.pod) ?? '0.0.0.0';
    const vv = errno ? `* connect to ${ip} port ${url.port} from ${local} port ${localPort} failed: ${errno}\n` : '';
    return { exit, error: msg, spentMs: after, ip, port: url.port, verbose: `${v}${vv}* ${msg}\n* closing connection #0\n` };
  };
  switch (r.outcome) {
    case 'refused':
      return failed(7, dnsMs + 1, "Couldn't connect to server", 'Connection refused');
    case 'unreachable':
      if (connMs <= NO_ROUTE_MS) {
        ctx.wait(connMs);
        return failed(28, connMs + 2, 'Timeout was reached', '');
      }
      ctx.wait(NO_ROUTE_MS);
      return failed(7, NO_ROUTE_MS + dnsMs + 1, "Couldn't connect to server", 'No route to host');
    case 'timeout':
    case 'nxdomain':
      if (connMs < KERNEL_CONNECT_TIMEOUT_MS) {
        ctx.wait(connMs);
        return failed(28, connMs + 2, 'Timeout was reached', '');
      }
      ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
      return failed(28, KERNEL_CONNECT_TIMEOUT_MS + dnsMs + 1, "Couldn't connect to server", 'Connection timed out');
    case 'ok':
      break;
  }
  v += `* Connected to ${url.host} (${ip}) port ${url.port}${modern ? '' : ' (#0)'}\n`;
  const answer = r.process?.http(r.backendPort ?? url.port, url.path);
  if (url.scheme === 'https') {
    // TLS is not modelled; servers on the usual TLS ports are taken to speak it
    // with a certificate from the cluster CA, which the image does not trust.
    if (!TLS_PORTS.has(r.backendPort ?? url.port)) {
      const err = answer ? 'OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number' : 'Recv failure: Connection reset by peer';
      return { exit: answer ? 35 : 56, error: err, spentMs: dnsMs + 2, ip, port: url.port, verbose: `${v}* ${err}\n* closing connection #0\n` };
    }
    if (!o.insecure) {
      return { exit: 60, error: CERT_PROBLEM, spentMs: dnsMs + 2, ip, port: url.port, verbose: `${v}* SSL certificate problem: unable to get local issuer certificate\n* closing connection #0\n` };
    }
  }
  if (modern) v += '* using HTTP/1.x\n';
  v += `> ${o.head ? 'HEAD' : 'GET'} ${url.path} HTTP/1.1\r\n> Host: ${url.hostPort}\r\n> User-Agent: curl/${modern ? CURL_VERSION : DEBIAN_CURL_VERSION}\r\n> Accept: */*\r\n> \r\n`;
  if (modern) v += '* Request completely sent off\n';
  if (!answer) {
    return { exit: 52, error: 'Empty reply from server', spentMs: dnsMs + 2, ip, port: url.port, verbose: `${v}* Empty reply from server\n* shutting down connection #0\n` };
  }
  const headers = responseHeaders(ctx.host.now(), answer.body);
  v += `< ${statusLine(answer.status)}\r\n`;
  for (const [k, val] of headers) v += `< ${k}: ${val}\r\n`;
  v += '< \r\n';
  return { exit: 0, status: answer.status, body: answer.body, headers, ip, port: url.port, spentMs: dnsMs + 2, verbose: v };
}

function finish(ctx: ExecContext, o: CurlOpts, out: Outcome): ToolResult {
  let stdout = '';
  let stderr = '';
  // curl hides the meter when the body goes to a terminal (kubectl exec -t without -o).
  const toTerminal = ctx.tty && (o.output === undefined || o.output === '-') && !o.remoteName;
  const meter = !o.silent && !o.verbose && !toTerminal;
  if (meter) stderr += METER_HEAD;
  let exit = out.exit;
  let error = out.error;
  if (exit === 0 && o.fail && (out.status ?? 0) >= 400) {
    exit = 22;
    error = `The requested URL returned error: ${out.status}`;
  }
  if (exit === 0 && out.status !== undefined) {
    const headerText = `${statusLine(out.status)}\r\n${(out.headers ?? []).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    const body = o.head ? '' : (out.body ?? '');
    let data = (o.head || o.include ? headerText : '') + body;
    const target = o.output ?? (o.remoteName ? (parseUrl(o.url!)!.path.split('/').pop() ?? '') : undefined);
    if (target !== undefined && target !== '-') {
      if (target === '') {
        exit = 23;
        error = 'Remote file name has no length';
        data = '';
      } else ctx.writeFile(target, data);
    } else stdout += data;
    if (meter) stderr += meterLine(Buffer.byteLength(body), out.spentMs);
    if (o.verbose) stderr += `${out.verbose}{ [${Buffer.byteLength(body)} bytes data]\n* Connection #0 to host ${parseUrl(o.url!)!.host} left intact\n`;
  } else {
    if (meter) stderr += meterLine(0, out.spentMs);
    if (o.verbose) stderr += out.verbose;
  }
  if (exit !== 0 && error !== undefined && (!o.silent || o.showError)) stderr += `curl: (${exit}) ${error}\n`;
  if (o.writeOut !== undefined) stdout += writeOut(o.writeOut, { ...out, exit }, o.url ?? '');
  return { stdout, stderr, exitCode: exit };
}
