import { dnsQuery, dnsReachable } from '../connect.js';
import { resolverConfig, searchCandidates, type RRType } from '../dns.js';
import { isIPv4, reverseName } from '../ip.js';
import type { ExecContext, ToolResult } from './context.js';

/**
 * dig (BIND 9.18, as in dnsutils / netshoot images). It does not use the
 * search list unless `+search` is given. `+short` prints only the data.
 * No answer: three `;; communications error to …#53: timed out` (+time=5,
 * +tries=3) and `;; no servers could be reached`, exit 9.
 */
export const DIG_VERSION = '9.18.33';

export function dig(ctx: ExecContext, argv: string[]): ToolResult {
  let short = false;
  let useSearch = false;
  let server: string | undefined;
  let name: string | undefined;
  let type: RRType = 'A';
  let reverse = false;
  const plusArgs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a === '+search') useSearch = true;
    else if (a.startsWith('+')) plusArgs.push(a);
    else if (a === '-x') reverse = true;
    else if (a === '-t') type = (argv[++i] ?? 'A').toUpperCase() as RRType;
    else if (/^(A|AAAA|CNAME|PTR|SRV|TXT|MX|NS|SOA|ANY)$/i.test(a) && name !== undefined) type = a.toUpperCase() as RRType;
    else name ??= a;
  }
  const cfg = resolverConfig(ctx.host.store, ctx.pod);
  const srv = server ?? cfg.nameservers[0] ?? '127.0.0.1';
  const cmdline = argv.slice(1).join(' ');
  let qname = name ?? '.';
  if (reverse && name && isIPv4(name)) {
    qname = reverseName(name);
    type = 'PTR';
  }
  const unreachable = isIPv4(srv) ? dnsReachable(ctx.host, { pod: ctx.pod }, srv) : { kind: 'timeout' as const };
  if (unreachable) {
    const why = unreachable.kind === 'refused' ? 'connection refused' : 'timed out';
    if (unreachable.kind !== 'refused') ctx.wait(15_000);
    const errs = `;; communications error to ${srv}#53: ${why}\n`.repeat(3);
    if (short) return { stdout: `${errs};; no servers could be reached\n`, stderr: '', exitCode: 9 };
    return { stdout: `${errs}\n; <<>> DiG ${DIG_VERSION} <<>> ${cmdline}\n;; global options: +cmd\n;; no servers could be reached\n`, stderr: '', exitCode: 9 };
  }
  const candidates = useSearch && !reverse ? searchCandidates(qname, cfg) : [qname.replace(/\.$/, '')];
  let ans = dnsQuery(ctx.host, srv, candidates[0]!, type);
  let asked = candidates[0]!;
  for (const c of candidates) {
    asked = c;
    ans = dnsQuery(ctx.host, srv, c, type);
    if (ans.rcode === 'NOERROR' && ans.records.length > 0) break;
  }
  const fqdn = (n: string): string => (n.endsWith('.') ? n : `${n}.`);
  const rdata = (r: { type: string; value: string }): string => (r.type === 'A' ? r.value : fqdn(r.value));
  if (short) return { stdout: ans.records.map((r) => `${rdata(r)}\n`).join(''), stderr: '', exitCode: 0 };
  const id = 1000 + (Math.floor(ctx.host.now() / 1000) % 60000);
  const flags = ans.authoritative ? 'qr aa rd' : 'qr rd ra';
  let out = `\n; <<>> DiG ${DIG_VERSION} <<>> ${cmdline}\n;; global options: +cmd\n;; Got answer:\n`;
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${ans.rcode}, id: ${id}\n`;
  out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${ans.records.length}, AUTHORITY: ${ans.records.length === 0 ? 1 : 0}, ADDITIONAL: 1\n`;
  if (ans.authoritative) out += ';; WARNING: recursion requested but not available\n';
  out += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;${fqdn(asked)}\t\tIN\t${type}\n`;
  if (ans.records.length > 0) {
    out += '\n;; ANSWER SECTION:\n';
    for (const r of ans.records) out += `${fqdn(r.name)}\t${r.ttl}\tIN\t${r.type}\t${rdata(r)}\n`;
  } else if (ans.authoritative) {
    out += `\n;; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1768467600 7200 1800 86400 30\n`;
  }
  out += `\n;; Query time: 0 msec\n;; SERVER: ${srv}#53(${srv}) (UDP)\n;; WHEN: ${whenString(ctx.host.now())}\n;; MSG SIZE  rcvd: ${60 + ans.records.length * 40}\n\n`;
  return { stdout: out, stderr: '', exitCode: 0 };
}

function whenString(ms: number): string {
  const d = new Date(ms);
  const day = d.toUTCString().slice(0, 3);
  const mon = d.toUTCString().slice(8, 11);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
