import { dnsQuery, dnsReachable } from '../connect.js';
import { resolverConfig, type DnsAnswer, type RRType } from '../dns.js';
import { isIPv4, reverseName } from '../ip.js';
import type { ExecContext, ToolResult } from './context.js';

/**
 * BusyBox nslookup (1.36, networking/nslookup.c, its own resolver):
 * - sends A and AAAA queries (PTR for an address); the search list from
 *   resolv.conf is applied only to names without a dot, one query per
 *   search domain, so `nslookup web` also prints the NXDOMAIN of
 *   `web.svc.cluster.local` and `web.cluster.local` and exits 1, and
 *   `nslookup kubernetes.default` is looked up as is (NXDOMAIN);
 * - prints `Server:` / `Address:` on the first reply, then per reply either
 *   `Name:\t…\nAddress: …` or `** server can't find …: NXDOMAIN`, each
 *   followed by an empty line; `Non-authoritative answer:` for answers from
 *   outside the cluster zone;
 * - with no reply within 5 s (retry every 2.5 s):
 *   `;; connection timed out; no servers could be reached` on stdout, exit 1.
 */

const TYPES: Record<string, RRType> = { a: 'A', aaaa: 'AAAA', cname: 'CNAME', mx: 'MX', txt: 'TXT', srv: 'SRV', ptr: 'PTR', any: 'ANY', ns: 'NS', soa: 'SOA' };

const USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any\n';

export function nslookup(ctx: ExecContext, argv: string[]): ToolResult {
  let timeoutS = 5;
  let retry = 2;
  const types: RRType[] = [];
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const [k, v = ''] = argv[i]!.slice(1).split('=', 2) as [string, string?];
    if (k === 'type' || k === 'querytype' || k === 'q' || k === 'query') {
      const t = TYPES[v.toLowerCase()];
      if (!t) return { stdout: '', stderr: `nslookup: invalid query type "${v}"\n`, exitCode: 1 };
      types.push(t);
    } else if (k === 'timeout' || k === 't') timeoutS = Number(v) || 5;
    else if (k === 'retry') retry = Number(v) || 2;
    else if (k === 'debug' || k === 'port') continue;
    else return { stdout: '', stderr: USAGE, exitCode: 1 };
  }
  const name = argv[i];
  const serverArg = argv[i + 1];
  if (name === undefined || argv[i + 2] !== undefined) return { stdout: '', stderr: USAGE, exitCode: 1 };
  const cfg = resolverConfig(ctx.host.store, ctx.pod);
  const server = serverArg ?? cfg.nameservers[0] ?? '127.0.0.1';
  const search = serverArg === undefined ? cfg.search : [];

  const queries: { name: string; type: RRType }[] = [];
  const add = (type: RRType): void => {
    if (type === 'PTR' || search.length === 0 || name.includes('.')) queries.push({ name, type });
    else for (const d of search) queries.push({ name: `${name}.${d}`, type });
  };
  if (types.length === 0) {
    if (isIPv4(name)) queries.push({ name: reverseName(name), type: 'PTR' });
    else {
      add('A');
      add('AAAA');
    }
  } else for (const t of types) add(t);

  const unreachable = isIPv4(server) ? dnsReachable(ctx.host, { pod: ctx.pod }, server) : { kind: 'timeout' as const };
  if (unreachable) {
    let stderr = '';
    // Each send to a REJECTed port comes back as ICMP port unreachable: read() fails.
    if (unreachable.kind === 'refused') for (let n = 0; n < retry; n++) stderr += 'nslookup: read: Connection refused\n';
    ctx.wait(timeoutS * 1000);
    return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr, exitCode: 1 };
  }
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let exitCode = 0;
  for (const q of queries) {
    const ans: DnsAnswer = dnsQuery(ctx.host, server, q.name, q.type);
    if (ans.rcode !== 'NOERROR') {
      out += `** server can't find ${q.name}: ${ans.rcode}\n\n`;
      exitCode = 1;
      continue;
    }
    if (!ans.authoritative) out += 'Non-authoritative answer:\n';
    for (const r of ans.records) {
      if (r.type === 'A') out += `Name:\t${r.name}\nAddress: ${r.value}\n`;
      else if (r.type === 'CNAME') out += `${r.name}\tcanonical name = ${r.value}\n`;
      else if (r.type === 'PTR') out += `${r.name}\tname = ${r.value}\n`;
    }
    out += '\n';
  }
  return { stdout: out, stderr: '', exitCode };
}
