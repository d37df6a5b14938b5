import { resolveHost } from '../connect.js';
import { findNodeByIP, findPodByIP, isHostNetwork, podNode, serviceClusterIP } from '../model.js';
import { evaluate } from '../network-policy.js';
import { nodeIP } from '../model.js';
import { GLIBC_DNS_TIMEOUT_MS } from './wget.js';
import type { ExecContext, ToolResult } from './context.js';

/**
 * BusyBox ping. ICMP is not forwarded by kube-proxy's iptables rules, so a
 * ClusterIP never answers; pod and node IPs answer unless a NetworkPolicy
 * isolates the pod (policies only allow TCP/UDP/SCTP, so an isolated pod
 * drops ICMP except where a rule allows all ports).
 * Without -c, ping runs until interrupted; here it stops after 4 packets.
 * With no reply at all it waits -W (default 10 s) after the last packet.
 */
export function ping(ctx: ExecContext, argv: string[]): ToolResult {
  let count = 4;
  let waitS = 10;
  let deadline: number | undefined;
  let quiet = false;
  let host: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^-([cWwsit])(.*)$/.exec(a);
    if (m) {
      const v = m[2] !== '' ? m[2]! : argv[++i];
      if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return { stdout: '', stderr: `ping: invalid number '${v ?? ''}'\n`, exitCode: 1 };
      if (m[1] === 'c') count = Number(v);
      else if (m[1] === 'W') waitS = Number(v);
      else if (m[1] === 'w') deadline = Number(v);
    } else if (a === '-q') quiet = true;
    else if (a === '-4' || a === '-n') continue;
    else host = a;
  }
  if (host === undefined) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1 };
  const res = resolveHost(ctx.host, { pod: ctx.pod }, host);
  if (res.kind !== 'ok') {
    if (res.kind === 'timeout') ctx.wait(GLIBC_DNS_TIMEOUT_MS);
    return { stdout: '', stderr: `ping: bad address '${host}'\n`, exitCode: 1 };
  }
  const ip = res.ips[0]!;
  const store = ctx.host.store;
  let answers = false;
  let ttl = 64;
  const self = ctx.pod;
  const from = { ip: isHostNetwork(self) ? (nodeIP(store.get('nodes', '', podNode(self) ?? '')) ?? '') : String((self.status as { podIP?: string } | undefined)?.podIP ?? ''), pod: self };
  if (ip.startsWith('127.') || ip === from.ip) answers = true;
  else if (store.list('services').some((s) => serviceClusterIP(s) === ip)) answers = false;
  else {
    const pod = findPodByIP(store, ip);
    const node = findNodeByIP(store, ip);
    if (pod) {
      answers = evaluate(store, from, { ip, pod }, 0, 'ICMP').allowed;
      ttl = podNode(pod) === podNode(self) ? 64 : 63;
    } else if (node) {
      answers = evaluate(store, from, { ip }, 0, 'ICMP').allowed;
      ttl = 64;
    }
  }
  if (deadline !== undefined) count = Math.min(count, Math.max(1, Math.floor(deadline)));
  // Each packet is a second of simulated time; keep long runs bounded.
  count = Math.max(1, Math.min(count, 100));
  let out = `PING ${host} (${ip}): 56 data bytes\n`;
  const times: number[] = [];
  for (let seq = 0; seq < count; seq++) {
    if (answers) {
      const t = 0.05 + ((seq * 37) % 50) / 1000;
      times.push(t);
      if (!quiet) out += `64 bytes from ${ip}: seq=${seq} ttl=${ttl} time=${t.toFixed(3)} ms\n`;
    }
    if (seq < count - 1) ctx.wait(1000);
  }
  if (!answers) ctx.wait(deadline !== undefined ? Math.max(0, deadline * 1000 - (count - 1) * 1000) : waitS * 1000);
  const recv = times.length;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${recv} packets received, ${Math.round(((count - recv) * 100) / count)}% packet loss\n`;
  if (recv > 0) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / recv;
    out += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
  }
  return { stdout: out, stderr: '', exitCode: recv > 0 ? 0 : 1 };
}
