import type { LoopbackAwareProcess } from '../connect.js';
import { nsOf, podContainers, servicePorts } from '../model.js';
import type { ExecContext, ToolResult } from './context.js';

/**
 * BusyBox `netstat -tln` / `-uln` (listening sockets), the check for "is it
 * listening on 0.0.0.0 or only on 127.0.0.1?". A process only answers
 * whether it listens on a given port, so the candidates are the pod's
 * declared ports, the target ports of Services, and common server ports.
 */
const COMMON = [21, 22, 53, 80, 443, 1433, 2379, 3000, 3306, 4000, 5000, 5432, 5672, 6379, 8000, 8008, 8080, 8081, 8443, 8888, 9000, 9090, 9153, 9200, 9443, 10250, 11211, 15672, 27017];

function candidates(ctx: ExecContext): number[] {
  const ports = new Set<number>(COMMON);
  for (const c of podContainers(ctx.pod)) for (const p of c.ports) ports.add(p.containerPort);
  for (const s of ctx.host.store.list('services', nsOf(ctx.pod))) {
    for (const sp of servicePorts(s)) if (typeof sp.targetPort === 'number') ports.add(sp.targetPort);
  }
  return [...ports].sort((a, b) => a - b);
}

export function netstat(ctx: ExecContext, argv: string[]): ToolResult {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const listening = flags.includes('l') || flags.includes('a');
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u') || !flags.includes('t');
  const withPid = flags.includes('p');
  let out = `Active Internet connections (${listening ? 'only servers' : 'w/o servers'})\n`;
  out += `Proto Recv-Q Send-Q ${'Local Address'.padEnd(23)} ${'Foreign Address'.padEnd(23)} State       ${withPid ? ' PID/Program name' : ''}\n`;
  if (!listening) return { stdout: out, stderr: '', exitCode: 0 };
  const kubelet = ctx.host.kubelet();
  const procs: { name: string; p: LoopbackAwareProcess }[] = [];
  for (const c of podContainers(ctx.pod)) {
    const p = kubelet.process(nsOf(ctx.pod), ctx.pod.metadata.name ?? '', c.name) as LoopbackAwareProcess | undefined;
    if (p) procs.push({ name: c.name, p });
  }
  const row = (proto: 'tcp' | 'udp', addr: string): string =>
    `${proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)} ${addr.padEnd(23)} ${'0.0.0.0:*'.padEnd(23)} ${(proto === 'tcp' ? 'LISTEN' : '').padEnd(12)}${withPid ? ' -' : ''}\n`;
  for (const [proto, want] of [['tcp', tcp], ['udp', udp]] as const) {
    if (!want) continue;
    const P = proto === 'tcp' ? 'TCP' : 'UDP';
    for (const port of candidates(ctx)) {
      for (const { p } of procs) {
        if (p.listensOn(port, P)) out += row(proto, `0.0.0.0:${port}`);
        else if (p.listensLocally?.(port, P)) out += row(proto, `127.0.0.1:${port}`);
        else continue;
        break;
      }
    }
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}
