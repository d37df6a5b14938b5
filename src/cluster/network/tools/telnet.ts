import { connectIp, resolveHost } from '../connect.js';
import { KERNEL_CONNECT_TIMEOUT_MS, NO_ROUTE_MS, type ExecContext, type ToolResult } from './context.js';
import { GLIBC_DNS_TIMEOUT_MS } from './wget.js';

/**
 * BusyBox telnet HOST [PORT]: silent once connected (and it leaves at once
 * under kubectl exec without -i, stdin being closed); failures go through
 * libbb's xconnect: `telnet: can't connect to remote host (IP): Connection refused`.
 */
export function telnet(ctx: ExecContext, argv: string[]): ToolResult {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const [hostArg, portArg = '23'] = args;
  if (hostArg === undefined) {
    return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: telnet [-a] [-l USER] HOST [PORT]\n\nConnect to telnet server\n\n\t-a\tAutomatic login with $USER variable\n\t-l USER\tAutomatic login as USER\n', exitCode: 1 };
  }
  const port = Number(portArg);
  if (!/^\d+$/.test(portArg) || port > 65535) return { stdout: '', stderr: `telnet: bad port spec '${portArg}'\n`, exitCode: 1 };
  const res = resolveHost(ctx.host, { pod: ctx.pod }, hostArg);
  if (res.kind !== 'ok') {
    if (res.kind === 'timeout') ctx.wait(GLIBC_DNS_TIMEOUT_MS);
    return { stdout: '', stderr: `telnet: bad address '${hostArg}'\n`, exitCode: 1 };
  }
  const ip = res.ips[0]!;
  const r = connectIp(ctx.host, { pod: ctx.pod }, ip, port, 'TCP');
  const cant = (why: string): ToolResult => ({ stdout: '', stderr: `telnet: can't connect to remote host (${ip}): ${why}\n`, exitCode: 1 });
  switch (r.outcome) {
    case 'ok':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'refused':
      return cant('Connection refused');
    case 'unreachable':
      ctx.wait(NO_ROUTE_MS);
      return cant('No route to host');
    case 'timeout':
    case 'nxdomain':
      ctx.wait(KERNEL_CONNECT_TIMEOUT_MS);
      return cant('Connection timed out');
  }
}
