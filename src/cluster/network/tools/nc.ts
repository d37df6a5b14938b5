import { connectIp, resolveHost } from '../connect.js';
import { isIPv4 } from '../ip.js';
import { KERNEL_CONNECT_TIMEOUT_MS, NO_ROUTE_MS, type ExecContext, type ToolResult } from './context.js';

/**
 * netcat in two flavours:
 * - BusyBox nc (networking/nc_bloaty.c): `-v` prints `web (10.96.12.5:80) open`;
 *   a refused port is silent with one -v (`-vv` prints it); other errors
 *   `nc: web (10.96.12.5:80): Connection timed out`. `-w N` bounds the connect
 *   (alarm → ETIMEDOUT).
 * - OpenBSD netcat (netcat-openbsd, in netshoot and Debian images):
 *   `Connection to web (10.96.12.5) 80 port [tcp/http] succeeded!`,
 *   `nc: connect to web (10.96.12.5) port 80 (tcp) failed: Connection refused`,
 *   `nc: connect to web (10.96.12.5) port 80 (tcp) timed out: Operation now in progress`.
 */

const SERVICES: Record<number, string> = {
  21: 'ftp', 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 2379: '*', 3306: 'mysql', 5432: 'postgresql',
  6379: 'redis', 8080: 'http-alt', 9090: '*', 11211: 'memcache', 27017: 'mongodb',
};

interface NcOpts {
  zero: boolean;
  verbose: number;
  udp: boolean;
  waitS?: number;
  numeric: boolean;
  args: string[];
}

function parse(argv: string[], prog: string): NcOpts | ToolResult {
  const o: NcOpts = { zero: false, verbose: 0, udp: false, numeric: false, args: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'z') o.zero = true;
        else if (c === 'v') o.verbose++;
        else if (c === 'u') o.udp = true;
        else if (c === 'n') o.numeric = true;
        else if (c === 'w' || c === 'W' || c === 'i' || c === 'p' || c === 's' || c === 'q' || c === 'e') {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { stdout: '', stderr: `${prog}: option requires an argument -- '${c}'\n`, exitCode: 1 };
          if (c === 'w') o.waitS = Number(v);
          break;
        } else if ('klN46dDtCFhSU'.includes(c)) {
          /* accepted, no effect here */
        } else return { stdout: '', stderr: `${prog}: invalid option -- '${c}'\n`, exitCode: 1 };
      }
    } else o.args.push(a);
  }
  return o;
}

export function nc(ctx: ExecContext, argv: string[]): ToolResult {
  const bb = ctx.busybox;
  const parsed = parse(argv, 'nc');
  if ('exitCode' in parsed) return parsed;
  const o = parsed;
  const [hostArg, portArg] = o.args;
  if (hostArg === undefined || portArg === undefined) {
    return bb
      ? { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n', exitCode: 1 }
      : { stdout: '', stderr: 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n', exitCode: 1 };
  }
  const port = Number(portArg);
  if (!/^\d+$/.test(portArg) || port < 1 || port > 65535) {
    return { stdout: '', stderr: bb ? `nc: bad port '${portArg}'\n` : `nc: port number invalid: ${portArg}\n`, exitCode: 1 };
  }
  const proto = o.udp ? 'UDP' : 'TCP';
  const res = resolveHost(ctx.host, { pod: ctx.pod }, hostArg);
  if (res.kind !== 'ok') {
    if (res.kind === 'timeout') ctx.wait(10_000);
    return bb
      ? { stdout: '', stderr: `nc: bad address '${hostArg}'\n`, exitCode: 1 }
      : {
          stdout: '',
          stderr: `nc: getaddrinfo for host "${hostArg}" port ${port}: ${res.kind === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`,
          exitCode: 1,
        };
  }
  const ip = res.ips[0]!;
  const r = connectIp(ctx.host, { pod: ctx.pod }, ip, port, proto);
  const waitMs = o.waitS !== undefined && o.waitS > 0 ? o.waitS * 1000 : undefined;
  const bbName = `${hostArg} (${ip}:${port})`;
  const obName = isIPv4(hostArg) ? hostArg : `${hostArg} (${ip})`;
  const svc = `${proto.toLowerCase()}/${SERVICES[port] ?? '*'}`;
  let err: string | undefined;
  let timedOutByW = false;
  switch (r.outcome) {
    case 'ok':
      break;
    case 'refused':
      err = 'Connection refused';
      break;
    case 'unreachable':
      if (waitMs !== undefined && waitMs <= NO_ROUTE_MS) {
        ctx.wait(waitMs);
        timedOutByW = true;
        err = 'Connection timed out';
      } else {
        ctx.wait(NO_ROUTE_MS);
        err = 'No route to host';
      }
      break;
    case 'timeout':
    case 'nxdomain':
      if (proto === 'UDP') break; // UDP "connects" always succeed; drops are invisible.
      if (waitMs !== undefined && waitMs < KERNEL_CONNECT_TIMEOUT_MS) {
        ctx.wait(waitMs);
        timedOutByW = true;
      } else ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
      err = 'Connection timed out';
      break;
  }
  if (err === undefined) {
    const msg = o.verbose > 0 ? (bb ? `${bbName} open\n` : `Connection to ${obName} ${port} port [${svc}] succeeded!\n`) : '';
    return { stdout: '', stderr: msg, exitCode: 0 };
  }
  if (bb) {
    const show = o.verbose > 1 || (o.verbose > 0 && err !== 'Connection refused');
    return { stdout: '', stderr: show ? `nc: ${bbName}: ${err}\n` : '', exitCode: 1 };
  }
  const msg = timedOutByW
    ? `nc: connect to ${obName} port ${port} (${proto.toLowerCase()}) timed out: Operation now in progress\n`
    : `nc: connect to ${obName} port ${port} (${proto.toLowerCase()}) failed: ${err}\n`;
  return { stdout: '', stderr: o.verbose > 0 ? msg : '', exitCode: 1 };
}
