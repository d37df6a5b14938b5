import { isHostNetwork, nodeIP, podIP, podNode } from '../model.js';
import type { ExecContext, Tool, ToolResult } from './context.js';

/**
 * File and system programs: date, touch, rm, mkdir, test/[, and `ip` /
 * `ifconfig` showing the pod's interface (what a learner checks to find the
 * pod IP from inside).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` with no arguments: `Thu Jan 15 09:00:00 UTC 2026` (coreutils pads the day with a space). */
export function dateString(ms: number, busybox: boolean): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const day = busybox ? p(d.getUTCDate()) : String(d.getUTCDate()).padStart(2);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function date(ctx: ExecContext, argv: string[]): ToolResult {
  const fmt = argv.slice(1).find((a) => a.startsWith('+'));
  if (fmt === '+%s') return { stdout: `${Math.floor(ctx.host.now() / 1000)}\n`, stderr: '', exitCode: 0 };
  if (fmt !== undefined) {
    const d = new Date(ctx.host.now());
    const p = (n: number): string => String(n).padStart(2, '0');
    const out = fmt
      .slice(1)
      .replace(/%Y/g, String(d.getUTCFullYear()))
      .replace(/%m/g, p(d.getUTCMonth() + 1))
      .replace(/%d/g, p(d.getUTCDate()))
      .replace(/%H/g, p(d.getUTCHours()))
      .replace(/%M/g, p(d.getUTCMinutes()))
      .replace(/%S/g, p(d.getUTCSeconds()))
      .replace(/%T/g, `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`);
    return { stdout: `${out}\n`, stderr: '', exitCode: 0 };
  }
  return { stdout: `${dateString(ctx.host.now(), ctx.busybox)}\n`, stderr: '', exitCode: 0 };
}

function touch(ctx: ExecContext, argv: string[]): ToolResult {
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) if (!ctx.fileExists(f)) ctx.writeFile(f, '');
  return { stdout: '', stderr: '', exitCode: 0 };
}

function rm(ctx: ExecContext, argv: string[]): ToolResult {
  const force = argv.slice(1).some((a) => /^-[a-zA-Z]*f/.test(a));
  let stderr = '';
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (ctx.fileExists(f)) ctx.writeFile(f, '\u0000deleted');
    else if (!force) stderr += ctx.busybox ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

function mkdir(ctx: ExecContext, argv: string[]): ToolResult {
  for (const d of argv.slice(1).filter((a) => !a.startsWith('-'))) ctx.writeFile(`${d.replace(/\/$/, '')}/.keep`, '');
  return { stdout: '', stderr: '', exitCode: 0 };
}

function test(ctx: ExecContext, argv: string[]): ToolResult {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') return { stdout: '', stderr: "[: missing ]\n", exitCode: 2 };
    args = args.slice(0, -1);
  }
  let negate = false;
  if (args[0] === '!') {
    negate = true;
    args = args.slice(1);
  }
  let r: boolean;
  if (args.length === 0) r = false;
  else if (args.length === 1) r = args[0] !== '';
  else if (args.length === 2) {
    const [op, v] = args as [string, string];
    r =
      op === '-z' ? v === '' : op === '-n' ? v !== '' : op === '-e' || op === '-f' || op === '-r' || op === '-s' ? ctx.fileExists(v) && (op !== '-s' || (ctx.readFile(v) ?? '') !== '') : op === '-d' ? ctx.listDir(v) !== undefined : false;
  } else {
    const [a, op, b] = args as [string, string, string];
    const n = (x: string): number => Number(x);
    r =
      op === '=' || op === '==' ? a === b : op === '!=' ? a !== b : op === '-eq' ? n(a) === n(b) : op === '-ne' ? n(a) !== n(b) : op === '-lt' ? n(a) < n(b) : op === '-le' ? n(a) <= n(b) : op === '-gt' ? n(a) > n(b) : op === '-ge' ? n(a) >= n(b) : false;
  }
  return { stdout: '', stderr: '', exitCode: r !== negate ? 0 : 1 };
}

function mac(ip: string): string {
  const parts = ip.split('.').map((x) => Number(x));
  return ['0a', '58', ...parts.map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

function ifaceIP(ctx: ExecContext): { ip: string; prefix: number } {
  const pod = ctx.pod;
  if (isHostNetwork(pod)) return { ip: nodeIP(ctx.host.store.get('nodes', '', podNode(pod) ?? '')) ?? '', prefix: 24 };
  return { ip: podIP(pod) ?? '', prefix: 32 };
}

function ip(ctx: ExecContext, argv: string[]): ToolResult {
  const sub = argv[1] ?? '';
  const { ip: addr, prefix } = ifaceIP(ctx);
  if (/^a(d(dr?)?)?$/.test(sub) || sub === 'address') {
    const out =
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n' +
      `2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n    link/ether ${mac(addr)} brd ff:ff:ff:ff:ff:ff\n    inet ${addr}/${prefix} scope global eth0\n       valid_lft forever preferred_lft forever\n`;
    return { stdout: out, stderr: '', exitCode: 0 };
  }
  if (/^r(o(u(te?)?)?)?$/.test(sub)) {
    return { stdout: `default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n`, stderr: '', exitCode: 0 };
  }
  return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n', exitCode: 1 };
}

function ifconfig(ctx: ExecContext): ToolResult {
  const { ip: addr } = ifaceIP(ctx);
  const out =
    `eth0      Link encap:Ethernet  HWaddr ${mac(addr).toUpperCase()}  \n          inet addr:${addr}  Bcast:0.0.0.0  Mask:255.255.255.255\n          UP BROADCAST RUNNING MULTICAST  MTU:1450  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n` +
    'lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n';
  return { stdout: out, stderr: '', exitCode: 0 };
}

export const SYSUTILS: Record<string, Tool> = { date, touch, rm, mkdir, test, '[': test, ip, ifconfig };
