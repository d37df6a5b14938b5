import type { Simulation } from '../cluster/simulation.js';
import type { KubectlResult } from './context.js';

/**
 * The host side of a node, as `chroot /host …` in a node debug pod sees it:
 * systemd's kubelet unit (systemctl, journalctl) acting on the simulated
 * kubelet (sim.kubelet.stopNode / startNode / nodeRunning). Start and stop
 * times are remembered per simulation so `systemctl status` and the journal
 * tell the same story.
 */

interface UnitEvent {
  at: number;
  running: boolean;
  pid: number;
}

const history = new WeakMap<Simulation, Map<string, UnitEvent[]>>();

function eventsOf(sim: Simulation, node: string): UnitEvent[] {
  let m = history.get(sim);
  if (!m) history.set(sim, (m = new Map()));
  let list = m.get(node);
  if (!list) m.set(node, (list = []));
  return list;
}

/** A stable pid per start, from the node name and start time (no RNG draw). */
function pidFor(node: string, at: number): number {
  let h = Math.floor(at / 1000);
  for (const c of node) h = (Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0) % 1_000_000;
  return 1000 + (h % 60_000);
}

function nodeStart(sim: Simulation, node: string): number {
  const n = sim.store.get('nodes', '', node);
  const t = n?.metadata.creationTimestamp;
  return typeof t === 'string' ? Date.parse(t) : 0;
}

/** Stops a node's kubelet as `systemctl stop kubelet` does, and records it (scenarios use this too). */
export function stopKubelet(sim: Simulation, node: string): void {
  if (!sim.kubelet.nodeRunning(node)) return;
  sim.kubelet.stopNode(node);
  eventsOf(sim, node).push({ at: sim.now(), running: false, pid: current(sim, node).pid });
}

function startKubelet(sim: Simulation, node: string): void {
  sim.kubelet.startNode(node);
  eventsOf(sim, node).push({ at: sim.now(), running: true, pid: pidFor(node, sim.now()) });
}

/** The unit's last start or stop (a kubelet running since the node joined when nothing was recorded). */
function current(sim: Simulation, node: string): UnitEvent {
  const list = eventsOf(sim, node);
  const last = list[list.length - 1];
  if (last) return last;
  const at = nodeStart(sim, node);
  return { at, running: sim.kubelet.nodeRunning(node), pid: pidFor(node, at) };
}

const DESC = 'kubelet: The Kubernetes Node Agent';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function statusTime(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

function journalTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)}`;
}

function klogTime(ms: number): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')} ${iso.slice(11, 23)}000`;
}

/** systemd's format_timestamp_relative: `5s ago`, `3min 20s ago`, `1h 2min ago`, `12 days ago`. */
export function relativeAgo(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const MIN = 60;
  const H = 3600;
  const D = 86400;
  const W = 7 * D;
  const MONTH = 2_629_800;
  const n = (v: number, one: string, many: string) => `${v} ${v === 1 ? one : many}`;
  if (s >= MONTH) return `${n(Math.floor(s / MONTH), 'month', 'months')} ${n(Math.floor((s % MONTH) / D), 'day', 'days')} ago`;
  if (s >= W) return `${n(Math.floor(s / W), 'week', 'weeks')} ${n(Math.floor((s % W) / D), 'day', 'days')} ago`;
  if (s >= 2 * D) return `${Math.floor(s / D)} days ago`;
  if (s >= 25 * H) return `1 day ${Math.floor((s - D) / H)}h ago`;
  if (s >= 6 * H) return `${Math.floor(s / H)}h ago`;
  if (s >= H) return `${Math.floor(s / H)}h ${Math.floor((s % H) / MIN)}min ago`;
  if (s >= 5 * MIN) return `${Math.floor(s / MIN)}min ago`;
  if (s >= MIN) return `${Math.floor(s / MIN)}min ${s % MIN}s ago`;
  if (s >= 1) return `${s}s ago`;
  return `${Math.max(1, ms)}ms ago`;
}

const HEAD = (dot: string) =>
  `${dot} kubelet.service - ${DESC}\n` +
  '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)\n' +
  '    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n' +
  '             └─10-kubeadm.conf\n';

function kubeletStatus(sim: Simulation, node: string): KubectlResult {
  const c = current(sim, node);
  const now = sim.now();
  const since = `${statusTime(c.at)}; ${relativeAgo(now - c.at)}`;
  if (sim.kubelet.nodeRunning(node)) {
    return {
      stdout:
        HEAD('●') +
        `     Active: active (running) since ${since}\n` +
        '       Docs: https://kubernetes.io/docs/\n' +
        `   Main PID: ${c.pid} (kubelet)\n` +
        '      Tasks: 14 (limit: 4558)\n' +
        '     Memory: 41.6M\n' +
        '     CGroup: /system.slice/kubelet.service\n' +
        `             └─${c.pid} /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10\n` +
        '\n' +
        journal(sim, node).slice(-10).join(''),
      stderr: '',
      exitCode: 0,
    };
  }
  return {
    stdout:
      HEAD('○') +
      `     Active: inactive (dead) since ${since}\n` +
      '       Docs: https://kubernetes.io/docs/\n' +
      `    Process: ${c.pid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)\n` +
      `   Main PID: ${c.pid} (code=exited, status=0/SUCCESS)\n` +
      '\n' +
      journal(sim, node).slice(-10).join(''),
    stderr: '',
    exitCode: 3,
  };
}

/** The kubelet unit's journal, oldest first. */
function journal(sim: Simulation, node: string): string[] {
  const lines: string[] = [];
  const sd = (at: number, text: string) => lines.push(`${journalTime(at)} ${node} systemd[1]: ${text}\n`);
  const kl = (at: number, pid: number, file: string, text: string) => lines.push(`${journalTime(at)} ${node} kubelet[${pid}]: I${klogTime(at)} ${String(pid).padStart(7)} ${file}] ${text}\n`);
  const started = (at: number, pid: number) => {
    sd(at, `Started ${DESC}.`);
    kl(at + 112, pid, 'server.go:520', '"Kubelet version" kubeletVersion="v1.32.4"');
    kl(at + 187, pid, 'server.go:954', '"Client rotation is on, will bootstrap in background"');
    kl(at + 604, pid, 'kubelet_node_status.go:76', `"Attempting to register node" node="${node}"`);
    kl(at + 731, pid, 'kubelet_node_status.go:79', `"Successfully registered node" node="${node}"`);
  };
  const boot = nodeStart(sim, node);
  started(boot, pidFor(node, boot));
  for (const e of eventsOf(sim, node)) {
    if (e.running) {
      started(e.at, e.pid);
    } else {
      sd(e.at, `Stopping ${DESC}...`);
      sd(e.at, 'kubelet.service: Deactivated successfully.');
      sd(e.at, `Stopped ${DESC}.`);
    }
  }
  return lines;
}

const ok = (stdout = ''): KubectlResult => ({ stdout, stderr: '', exitCode: 0 });

function isKubeletUnit(u: string | undefined): boolean {
  return u === 'kubelet' || u === 'kubelet.service';
}

/**
 * Runs a command on the node's host (after `chroot /host`), or undefined
 * when it is not one this module simulates (the caller runs it in the container).
 */
export function runHostCommand(sim: Simulation, node: string, argv: readonly string[]): KubectlResult | undefined {
  const [prog, ...args] = argv;
  if ((prog === 'sh' || prog === 'bash' || prog === '/bin/sh' || prog === '/bin/bash') && args[0] === '-c' && args.length >= 2) {
    // One simple command, or several joined with && or ;.
    let out: KubectlResult = ok();
    for (const part of args[1].split(/\s*(?:&&|;)\s*/).filter((p) => p.trim() !== '')) {
      const r = runHostCommand(sim, node, part.trim().split(/\s+/));
      if (!r) return undefined;
      out = { stdout: out.stdout + r.stdout, stderr: out.stderr + r.stderr, exitCode: r.exitCode };
      if (r.exitCode !== 0) break;
    }
    return out;
  }
  if (prog === 'systemctl') {
    const words = args.filter((a) => !a.startsWith('-'));
    const [verb, unit] = words;
    if (!isKubeletUnit(unit)) {
      if (verb === 'daemon-reload') return ok();
      if (unit === undefined) return undefined;
      if (unit === 'containerd' || unit === 'containerd.service') return verb === 'status' || verb === 'is-active' ? ok(verb === 'is-active' ? 'active\n' : '● containerd.service - containerd container runtime\n     Loaded: loaded (/lib/systemd/system/containerd.service; enabled; vendor preset: enabled)\n     Active: active (running)\n       Docs: https://containerd.io\n') : ok();
      return { stdout: '', stderr: `Unit ${unit.includes('.') ? unit : `${unit}.service`} could not be found.\n`, exitCode: verb === 'status' ? 4 : 5 };
    }
    const running = sim.kubelet.nodeRunning(node);
    switch (verb) {
      case 'status':
        return kubeletStatus(sim, node);
      case 'is-active':
        return running ? ok('active\n') : { stdout: 'inactive\n', stderr: '', exitCode: 3 };
      case 'is-enabled':
        return ok('enabled\n');
      case 'start':
        if (!running) startKubelet(sim, node);
        return ok();
      case 'restart':
        if (running) stopKubelet(sim, node);
        startKubelet(sim, node);
        return ok();
      case 'stop':
        stopKubelet(sim, node);
        return ok();
      case 'enable':
      case 'disable':
        return ok();
      default:
        return { stdout: '', stderr: `Unknown command verb ${verb ?? ''}.\n`, exitCode: 1 };
    }
  }
  if (prog === 'journalctl') {
    const unitAt = args.findIndex((a) => a === '-u' || a === '--unit');
    const unit = unitAt >= 0 ? args[unitAt + 1] : args.find((a) => a.startsWith('--unit='))?.slice(7) ?? args.find((a) => a.startsWith('-u') && a.length > 2)?.slice(2);
    if (!isKubeletUnit(unit)) return undefined;
    let lines = journal(sim, node);
    const nAt = args.findIndex((a) => a === '-n' || a === '--lines');
    const n = nAt >= 0 ? Number(args[nAt + 1]) : NaN;
    if (Number.isFinite(n)) lines = lines.slice(-n);
    // systemd 249 (Ubuntu 22.04) opens with the journal's span.
    const head = `-- Journal begins at ${statusTime(nodeStart(sim, node))}, ends at ${statusTime(sim.now())}. --\n`;
    return ok(head + lines.join(''));
  }
  return undefined;
}
