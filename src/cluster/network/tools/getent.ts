import { resolveHost } from '../connect.js';
import type { ExecContext, ToolResult } from './context.js';

/**
 * glibc getent: `getent hosts NAME` prints `%-15s %s` (address, canonical
 * name) per address; exit 2 when the key is not found. `ahosts` lists
 * STREAM/DGRAM/RAW lines.
 */
export function getent(ctx: ExecContext, argv: string[]): ToolResult {
  const db = argv[1];
  if (db === undefined) return { stdout: '', stderr: 'Usage: getent [OPTION...] database [key ...]\nTry `getent --help\' or `getent --usage\' for more information.\n', exitCode: 1 };
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') return { stdout: '', stderr: `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`, exitCode: 1 };
  let out = '';
  let exitCode = 0;
  for (const key of argv.slice(2)) {
    const res = resolveHost(ctx.host, { pod: ctx.pod }, key);
    if (res.kind === 'timeout') ctx.wait(10_000);
    if (res.kind !== 'ok') {
      exitCode = 2;
      continue;
    }
    if (db === 'hosts') out += `${res.ips[0]!.padEnd(15)} ${res.fqdn}\n`;
    else
      for (const ip of res.ips) {
        out += `${ip.padEnd(15)} STREAM ${res.fqdn}\n${ip.padEnd(15)} DGRAM  \n${ip.padEnd(15)} RAW    \n`;
      }
  }
  return { stdout: out, stderr: '', exitCode };
}
