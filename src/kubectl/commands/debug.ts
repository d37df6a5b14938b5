import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import type { RunningProcess } from '../../cluster/kubelet/index.js';
import type { Simulation } from '../../cluster/simulation.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import { nameSuffix } from '../../cluster/time/rng.js';
import type { KubectlResult } from '../context.js';
import type { InteractiveSession, SessionStep } from '../interactive.js';
import { ordered, terminalOutput, type OutputChunk } from '../output-order.js';
import { clientRng } from '../client-rng.js';
import { runHostCommand } from '../host-systemd.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { pickPod } from './logs.js';
import { finish, plainErr, statusErr } from './write-helpers.js';
import { ContainerShellSession, isInteractiveShell, shellPrompt, type ShellTarget } from './container-shell.js';

/**
 * `kubectl debug`: an ephemeral container in a running pod
 * (`kubectl debug -it POD --image=busybox:1.36 --target=web`), or a
 * privileged pod on a node with the host's root at /host
 * (`kubectl debug node/node01 -it --image=busybox`).
 *
 * With -i and the learner's terminal, a shell (the command after `--`, or
 * the image's own `sh`) becomes an interactive session in the debug
 * container, as `kubectl exec -it` does; any other command after `--` runs
 * and its output is printed, as attaching would show it. In a node debug
 * pod, `chroot /host systemctl …` and `journalctl -u kubelet` act on the
 * node's simulated kubelet, in a session as in a one-shot command.
 *
 * @see k8s.io/kubectl/pkg/cmd/debug/debug.go
 */

const PROMPT = "If you don't see a command prompt, try pressing enter.\n";
/** Validate's word on the default profile (v1.32 prints it even with --quiet). */
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';

/** What attach.go prints before it streams (on stderr): the TTY it could not set up, the prompt hint. */
function attachLines(inv: Invocation): string {
  if (flagBool(inv, 'quiet')) return '';
  const noTTY = flagBool(inv, 'stdin') && flagBool(inv, 'tty') && !inv.ctx.terminal ? NO_TTY : '';
  return noTTY + PROMPT;
}
const NO_SHELL = (again: string) => `kubedojo: interactive shells are not simulated; pass the command to run after --, e.g. ${again} -- ps\n`;

function runDebug(inv: Invocation): KubectlResult {
  const dash = inv.flags.argsLenAtDash;
  const args = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  const command = dash >= 0 ? inv.args.slice(dash) : [];
  if (flagList(inv, 'filename').length > 0) return finish('', [plainErr('debugging a pod from a file is not supported by this trainer; name the pod')]);
  if (args.length === 0) return usageError(inv, 'one of -f or TYPE/NAME is required');
  if (args.length > 1) return usageError(inv, 'only one of -f or TYPE/NAME may be specified');
  const image = flagString(inv, 'image');
  if (flagString(inv, 'custom') !== '') return finish('', [plainErr('kubedojo does not simulate --custom; choose the debug container with --image, --env and the command after --')]);
  if (flagString(inv, 'copy-to') !== '') return finish('', [plainErr('--copy-to is not supported by this trainer; debug the pod itself with an ephemeral container')]);
  const target = args[0];
  if (/^(node|nodes|no)\//.test(target)) {
    if (image === '') return usageError(inv, '--image is required when debugging a node');
    return debugNode(inv, target.slice(target.indexOf('/') + 1), image, command);
  }
  if (image === '') return usageError(inv, '--image is required for ephemeral containers');
  return debugPod(inv, target, image, command);
}

/** What running `argv` in a process of `image` prints (the image's tools, no files of its own). */
function toolProcess(inv: Invocation, image: string): RunningProcess | undefined {
  const r = inv.ctx.sim.images.resolve(image, true);
  if (!r.ok) return undefined;
  return { listensOn: () => false, listensLocally: () => false, http: () => undefined, tools: new Set(r.image.entry.tools), files: {}, env: {} };
}

function attached(inv: Invocation): boolean {
  return flagBool(inv, 'stdin') || flagBool(inv, 'attach');
}

function runInDebugContainer(inv: Invocation, namespace: string, pod: string, container: string, image: string, command: string[], stderr: string, stdout = ''): KubectlResult {
  const proc = toolProcess(inv, image);
  if (!proc) return { stdout, stderr: `${stderr}kubedojo: the image ${image} cannot be pulled, so the debug container does not start\n`, exitCode: 1 };
  const r = inv.ctx.sim.network.exec(namespace, pod, container, command, inv.ctx.stdin, { process: proc, tty: flagBool(inv, 'tty') });
  if (r.startError) return finish(stdout, [plainErr(r.startError)], stderr);
  return { stdout: stdout + r.stdout, stderr: stderr + r.stderr, exitCode: r.exitCode };
}

// ---------------------------------------------------------------------------
// Ephemeral containers

function debugPod(inv: Invocation, podArg: string, image: string, command: string[]): KubectlResult {
  const pick = pickPod(inv, podArg, false);
  if (!pick.ok) return finish('', [pick.error]);
  const pod = pick.pod;
  const ns = pod.metadata.namespace ?? inv.namespace;
  const podName = pod.metadata.name ?? '';
  const targetC = flagString(inv, 'target');
  const quiet = flagBool(inv, 'quiet');
  let name = flagString(inv, 'container');
  let defaulted = '';
  if (name === '') {
    name = `debugger-${nameSuffix(clientRng(inv.ctx.sim), 5)}`;
    if (!quiet) defaulted = `Defaulting debug container name to ${name}.\n`;
  }
  const ec: Dict = { name, image, imagePullPolicy: flagString(inv, 'image-pull-policy') || (image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent'), resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };
  if (command.length > 0) ec[flagBool(inv, 'arguments-only') ? 'args' : 'command'] = command;
  if (flagBool(inv, 'stdin')) ec.stdin = true;
  if (flagBool(inv, 'tty')) ec.tty = true;
  if (targetC !== '') ec.targetContainerName = targetC;
  const spec = isDict(pod.spec) ? pod.spec : {};
  const existing = Array.isArray(spec.ephemeralContainers) ? (spec.ephemeralContainers as Dict[]) : [];
  const api = inv.ctx.sim.api;
  const updated = api.updateEphemeralContainers({ ...pod, spec: { ...spec, ephemeralContainers: [...existing, ec] } }, { user: inv.user });
  // Validate prints Targeting (stdout) and the profile warning (stderr); Run names the container (stdout).
  const shown: OutputChunk[] = [];
  if (targetC !== '' && !quiet) {
    shown.push({ stream: 'stdout', text: `Targeting container "${targetC}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n` });
  }
  if (flagString(inv, 'profile') === 'legacy') shown.push({ stream: 'stderr', text: LEGACY });
  shown.push({ stream: 'stdout', text: defaulted });
  if (!updated.ok) return ordered([...shown, ...terminalOutput(finish('', [statusErr(updated.error)]))], 1);
  const shell = attached(inv) && flagBool(inv, 'stdin') ? shellArgv(inv, image, command) : undefined;
  recordEphemeralStatus(inv, updated.value, name, image, command.length > 0 && !shell);
  if (!attached(inv)) return ordered(shown, 0);
  shown.push({ stream: 'stderr', text: attachLines(inv) });
  // attach.go's reattachMessage: a raw TTY, a pod that restarts (debug containers themselves never do).
  const restarts = isDict(pod.spec) && (pod.spec.restartPolicy ?? 'Always') === 'Always';
  const rawTTY = flagBool(inv, 'stdin') && flagBool(inv, 'tty') && inv.ctx.terminal !== undefined;
  const ended = rawTTY && restarts && !quiet
    ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${podName} -c ${name} -i -t' if it is still running\n`
    : '';
  if (shell) {
    const fresh = inv.ctx.sim.store.get('pods', ns, podName) ?? updated.value;
    const target: ShellTarget = { namespace: ns, pod: podName, uid: fresh.metadata.uid ?? '', container: name, containerID: '', process: shell.process };
    const open = openSession(inv, shown, target, shell.argv[0], shellPrompt(inv.ctx.sim, fresh, name, shell.argv[0], rawTTY), (how) => {
      if (how.kind === 'exit') endEphemeral(inv, ns, podName, name, how.code);
      return { stdout: ended, stderr: '', exitCode: 0 };
    });
    if (open) return open;
  }
  const again = `kubectl debug ${podName} -it --image=${image}${targetC ? ` --target=${targetC}` : ''}`;
  if (command.length === 0) return ordered([...shown, { stream: 'stderr', text: NO_SHELL(again) }], 0);
  const r = runInDebugContainer(inv, ns, podName, name, image, command, '');
  return ordered([...shown, ...terminalOutput(r), { stream: 'stdout', text: ended }], r.exitCode);
}

/** The shell a debug container runs (the command after `--`, else the image's own), with the image's tools; undefined when it is no shell. */
function shellArgv(inv: Invocation, image: string, command: string[]): { argv: string[]; process: RunningProcess } | undefined {
  const resolved = inv.ctx.sim.images.resolve(image, true);
  const proc = toolProcess(inv, image);
  if (!resolved.ok || !proc) return undefined;
  const entry = resolved.image.entry;
  const argv = command.length > 0 ? command : [...entry.entrypoint, ...entry.cmd];
  if (!isInteractiveShell(argv)) return undefined;
  // The shell must be in the image (busybox's applets include sh and ash).
  const prog = argv[0].replace(/^.*\//, '');
  if (!proc.tools.has(prog) && !(proc.tools.has('busybox') && ['sh', 'ash'].includes(prog))) return undefined;
  return { argv, process: proc };
}

/**
 * Hands the learner's terminal to the debug shell, as exec -it does; without
 * a terminal the shell reads standard input as its script. Undefined when
 * there is nothing to read (no terminal, no input): today's note instead.
 */
function openSession(
  inv: Invocation,
  shown: OutputChunk[],
  target: ShellTarget,
  shell: string,
  prompt: string,
  onEnd: ConstructorParameters<typeof ContainerShellSession>[5],
  wrap: (s: ContainerShellSession) => InteractiveSession = (s) => s,
): KubectlResult | undefined {
  const sim = inv.ctx.sim;
  if (inv.ctx.terminal) {
    inv.ctx.terminal.attach(wrap(new ContainerShellSession(sim, target, shell, prompt !== '', prompt, onEnd)));
    return ordered(shown, 0);
  }
  const script = inv.ctx.stdin ?? '';
  if (script.trim() === '') return undefined;
  const session = wrap(new ContainerShellSession(sim, target, shell, false, '', onEnd));
  const out: OutputChunk[] = [...shown];
  let last: SessionStep = { result: { stdout: '', stderr: '', exitCode: 0 }, ended: false };
  for (const line of script.split('\n')) {
    last = session.run(line);
    out.push(...terminalOutput(last.result));
    if (last.ended) break;
  }
  const end = last.ended ? last.result : session.eof();
  if (!last.ended) out.push(...terminalOutput(end));
  return ordered(out, end.exitCode);
}

/** The debug shell exited: its ephemeral container terminated with that code. */
function endEphemeral(inv: Invocation, ns: string, podName: string, name: string, code: number): void {
  const sim = inv.ctx.sim;
  const pod = sim.store.get('pods', ns, podName);
  const status = pod && isDict(pod.status) ? pod.status : undefined;
  if (!pod || !status || !Array.isArray(status.ephemeralContainerStatuses)) return;
  const now = new Date(sim.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const list = (status.ephemeralContainerStatuses as Dict[]).map((st) => {
    if (st.name !== name || !isDict(st.state) || !isDict(st.state.running)) return st;
    const terminated = { containerID: st.containerID, exitCode: code, finishedAt: now, reason: code === 0 ? 'Completed' : 'Error', startedAt: st.state.running.startedAt };
    return { ...st, state: { terminated } };
  });
  sim.api.updateStatus({ ...pod, status: { ...status, ephemeralContainerStatuses: list } });
}

/** The kubelet's report of the ephemeral container: running, or terminated when a one-shot command ran. */
function recordEphemeralStatus(inv: Invocation, pod: KubeObject, name: string, image: string, oneShot: boolean): void {
  const sim = inv.ctx.sim;
  const status = isDict(pod.status) ? pod.status : {};
  const list = Array.isArray(status.ephemeralContainerStatuses) ? (status.ephemeralContainerStatuses as Dict[]) : [];
  const now = new Date(sim.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rng = clientRng(sim);
  const st: Dict = {
    containerID: `containerd://${rng.hex(64)}`,
    image: image.includes('/') ? image : `docker.io/library/${image}`,
    imageID: '',
    lastState: {},
    name,
    ready: false,
    restartCount: 0,
    state: oneShot ? { terminated: { containerID: '', exitCode: 0, finishedAt: now, reason: 'Completed', startedAt: now } } : { running: { startedAt: now } },
  };
  const resolved = sim.images.resolve(image, true);
  if (resolved.ok) st.imageID = resolved.image.imageID;
  const term = (st.state as Dict).terminated;
  if (isDict(term)) term.containerID = st.containerID;
  sim.api.updateStatus({ ...pod, status: { ...status, ephemeralContainerStatuses: [...list, st] } });
}

// ---------------------------------------------------------------------------
// Node debugging

function debugNode(inv: Invocation, nodeName: string, image: string, command: string[]): KubectlResult {
  const sim = inv.ctx.sim;
  const nodes = kindByResourceKey('nodes')!;
  const got = sim.api.get(nodes, '', nodeName, inv.user);
  if (!got.ok) return finish('', [statusErr(got.error)]);
  const containerName = flagString(inv, 'container') || 'debugger';
  const podName = `node-debugger-${nodeName}-${nameSuffix(clientRng(sim), 5)}`;
  const c: Dict = {
    name: containerName,
    image,
    stdin: flagBool(inv, 'stdin') || undefined,
    tty: flagBool(inv, 'tty') || undefined,
    terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/host', name: 'host-root' }],
  };
  if (command.length > 0) c[flagBool(inv, 'arguments-only') ? 'args' : 'command'] = command;
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  const manifest: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, namespace: inv.namespace },
    spec: {
      containers: [c],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
      volumes: [{ hostPath: { path: '/' }, name: 'host-root' }],
    },
  };
  const created = sim.api.create(manifest, { user: inv.user });
  if (!created.ok) return finish('', [statusErr(created.error)]);
  const legacy = flagString(inv, 'profile') === 'legacy' ? LEGACY : '';
  const stdout = `Creating debugging pod ${podName} with container ${containerName} on node ${nodeName}.\n`;
  let stderr = '';
  const kubeletDown = !sim.kubelet.nodeRunning(nodeName);
  if (kubeletDown) {
    // A real node with its kubelet stopped could not start this pod (you would SSH to the node).
    stderr += `kubedojo: ${nodeName}'s kubelet is not running, so a real cluster could not start this pod and kubectl would wait for it; on a real node you would SSH in and run the command there. kubedojo runs it on the node as SSH would.\n`;
  }
  if (attached(inv)) stderr += attachLines(inv);
  const session = openNodeSession(inv, nodeName, podName, containerName, image, command, [
    { stream: 'stderr', text: legacy },
    { stream: 'stdout', text: stdout },
    { stream: 'stderr', text: stderr },
  ]);
  if (session) return session;
  if (legacy !== '') stderr = legacy + stderr;
  if (command.length === 0) {
    if (!attached(inv)) return { stdout, stderr, exitCode: 0 };
    return { stdout, stderr: stderr + NO_SHELL(`kubectl debug node/${nodeName} -it --image=${image}`).replace('-- ps', '-- chroot /host systemctl status kubelet'), exitCode: 0 };
  }
  // `chroot /host CMD` runs CMD on the host; systemctl and journalctl act on the simulated kubelet.
  const hostArgv = command[0] === 'chroot' && (command[1] === '/host' || command[1] === '/host/') ? command.slice(2) : undefined;
  const host = hostArgv && hostArgv.length > 0 ? runHostCommand(sim, nodeName, hostArgv) : undefined;
  if (host) {
    sim.settle();
    if (!attached(inv)) return { stdout, stderr, exitCode: 0 };
    return { stdout: stdout + host.stdout, stderr: stderr + host.stderr, exitCode: host.exitCode };
  }
  if (hostArgv) {
    const prog = hostArgv[0] ?? '';
    if (!attached(inv)) return { stdout, stderr, exitCode: 0 };
    return { stdout, stderr: `${stderr}kubedojo: on the node's host only systemctl (kubelet, containerd) and journalctl -u kubelet are simulated; ${prog || 'a shell'} is not\n`, exitCode: 1 };
  }
  if (['systemctl', 'journalctl'].includes(command[0])) {
    if (!attached(inv)) return { stdout, stderr, exitCode: 0 };
    return { stdout, stderr: `${stderr}exec: "${command[0]}": executable file not found in $PATH (the host's programs are under /host: chroot /host ${command.join(' ')})\n`, exitCode: 1 };
  }
  if (!attached(inv) || kubeletDown) return { stdout, stderr, exitCode: 0 };
  return runInDebugContainer(inv, inv.namespace, podName, containerName, image, command, stderr, stdout);
}

/** `-it` into a node debug pod: its shell, or straight into the host's with `-- chroot /host`. */
function openNodeSession(inv: Invocation, node: string, podName: string, container: string, image: string, command: string[], shown: OutputChunk[]): KubectlResult | undefined {
  if (!flagBool(inv, 'stdin')) return undefined;
  const chroot = isChroot(command) && (command.length === 2 || isInteractiveShell(command.slice(2)));
  const shell = shellArgv(inv, image, chroot ? [] : command);
  if (!shell) return undefined;
  const sim = inv.ctx.sim;
  sim.settle();
  const pod = sim.store.get('pods', inv.namespace, podName);
  if (!pod) return undefined;
  const rawTTY = flagBool(inv, 'tty') && inv.ctx.terminal !== undefined;
  const target: ShellTarget = { namespace: inv.namespace, pod: podName, uid: pod.metadata.uid ?? '', container, containerID: '', process: shell.process };
  // restartPolicy Never: attach has no resume hint for it.
  const ended = () => ({ stdout: '', stderr: '', exitCode: 0 });
  return openSession(inv, shown, target, shell.argv[0], shellPrompt(sim, pod, container, shell.argv[0], rawTTY), ended, (s) => new NodeDebugSession(sim, node, s, chroot, rawTTY));
}

function isChroot(argv: readonly string[]): boolean {
  return argv[0] === 'chroot' && (argv[1] === '/host' || argv[1] === '/host/');
}

/**
 * The shell in a node debug pod. `chroot /host CMD` runs CMD on the node
 * (systemctl, journalctl on the simulated kubelet); `chroot /host` alone
 * enters the host's shell, where lines run on the node until `exit`.
 */
class NodeDebugSession implements InteractiveSession {
  constructor(
    private readonly sim: Simulation,
    private readonly node: string,
    private readonly inner: ContainerShellSession,
    /** In the host's shell; when the session opened there, its `exit` ends the session. */
    private host: boolean,
    private readonly tty: boolean,
    private readonly startedInHost = host,
  ) {}

  get where(): string {
    return this.host ? `node/${this.node}, host filesystem (chroot /host)` : this.inner.where;
  }

  prompt(): string {
    // The host's /bin/sh (dash on Debian and Ubuntu nodes) as root.
    return this.host ? (this.tty ? '# ' : '') : this.inner.prompt();
  }

  run(line: string): SessionStep {
    const argv = line.trim().split(/\s+/).filter((a) => a !== '');
    if (this.host) {
      if (argv[0] === 'exit' && argv.length <= 2) {
        if (this.startedInHost) return this.inner.run(line);
        this.host = false;
        return { result: { stdout: '', stderr: '', exitCode: 0 }, ended: false };
      }
      if (argv.length === 0 || argv[0].startsWith('#')) return { result: { stdout: '', stderr: '', exitCode: 0 }, ended: false };
      return { result: this.onHost(argv), ended: false };
    }
    if (isChroot(argv)) {
      if (argv.length === 2 || isInteractiveShell(argv.slice(2))) {
        this.host = true;
        return { result: { stdout: '', stderr: '', exitCode: 0 }, ended: false };
      }
      return { result: this.onHost(argv.slice(2)), ended: false };
    }
    return this.inner.run(line);
  }

  private onHost(argv: string[]): KubectlResult {
    const r = runHostCommand(this.sim, this.node, argv);
    if (r) {
      this.sim.settle();
      return r;
    }
    return { stdout: '', stderr: `kubedojo: on the node's host only systemctl (kubelet, containerd) and journalctl -u kubelet are simulated; ${argv[0]} is not\n`, exitCode: 1 };
  }

  eof(): KubectlResult {
    return this.inner.eof();
  }

  poll(): KubectlResult | undefined {
    return this.inner.poll();
  }
}

export const debugCommand: CommandDef = {
  name: 'debug',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  flags: [
    { name: 'arguments-only', type: 'bool', default: false },
    { name: 'attach', type: 'bool', default: false },
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'copy-to', type: 'string', default: '' },
    { name: 'custom', type: 'string', default: '' },
    { name: 'env', type: 'stringArray', default: [] },
    { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
    { name: 'image', type: 'string', default: '' },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'keep-annotations', type: 'bool', default: false },
    { name: 'keep-init-containers', type: 'bool', default: true },
    { name: 'keep-labels', type: 'bool', default: false },
    { name: 'keep-liveness', type: 'bool', default: false },
    { name: 'keep-readiness', type: 'bool', default: false },
    { name: 'keep-startup', type: 'bool', default: false },
    { name: 'profile', type: 'string', default: 'legacy' },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'replace', type: 'bool', default: false },
    { name: 'same-node', type: 'bool', default: false },
    { name: 'set-image', type: 'stringSlice', default: [] },
    { name: 'share-processes', type: 'bool', default: true },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'target', type: 'string', default: '' },
    { name: 'tty', short: 't', type: 'bool', default: false },
  ],
  run: runDebug,
};
