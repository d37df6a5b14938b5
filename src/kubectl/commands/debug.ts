import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import type { RunningProcess } from '../../cluster/kubelet/index.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import { nameSuffix } from '../../cluster/time/rng.js';
import type { KubectlResult } from '../context.js';
import { clientRng } from '../client-rng.js';
import { runHostCommand } from '../host-systemd.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { pickPod } from './logs.js';
import { finish, plainErr, statusErr } from './write-helpers.js';

/**
 * `kubectl debug`: an ephemeral container in a running pod
 * (`kubectl debug -it POD --image=busybox:1.36 --target=web`), or a
 * privileged pod on a node with the host's root at /host
 * (`kubectl debug node/node01 -it --image=busybox`).
 *
 * Terminal sessions are not simulated: a command after `--` runs in the
 * debug container and its output is printed, as attaching would show it.
 * In a node debug pod, `chroot /host systemctl …` and `journalctl -u kubelet`
 * act on the node's simulated kubelet.
 *
 * @see k8s.io/kubectl/pkg/cmd/debug/debug.go
 */

const PROMPT = "If you don't see a command prompt, try pressing enter.\n";
const RECORDED = 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n';

/** What attaching with -it prints before the session (on stderr). */
function attachLines(inv: Invocation): string {
  return flagBool(inv, 'stdin') && flagBool(inv, 'tty') && !flagBool(inv, 'quiet') ? RECORDED + PROMPT : '';
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
  let stderr = '';
  let name = flagString(inv, 'container');
  let defaulted = '';
  if (name === '') {
    name = `debugger-${nameSuffix(clientRng(inv.ctx.sim), 5)}`;
    if (!flagBool(inv, 'quiet')) defaulted = `Defaulting debug container name to ${name}.\n`;
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
  if (targetC !== '' && !flagBool(inv, 'quiet')) {
    stderr += `Targeting container "${targetC}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`;
  }
  stderr += defaulted;
  if (!updated.ok) return finish('', [statusErr(updated.error)], stderr);
  recordEphemeralStatus(inv, updated.value, name, image, command.length > 0);
  if (!attached(inv)) return { stdout: '', stderr, exitCode: 0 };
  stderr += attachLines(inv);
  const again = `kubectl debug ${podName} -it --image=${image}${targetC ? ` --target=${targetC}` : ''}`;
  const ended = flagBool(inv, 'stdin') && flagBool(inv, 'tty') && !flagBool(inv, 'quiet')
    ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${podName} -c ${name} -n ${ns} -i -t' if it is still running\n`
    : '';
  if (command.length === 0) return { stdout: '', stderr: stderr + NO_SHELL(again), exitCode: 0 };
  const r = runInDebugContainer(inv, ns, podName, name, image, command, stderr);
  return { ...r, stderr: r.stderr + ended };
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
  const stdout = `Creating debugging pod ${podName} with container ${containerName} on node ${nodeName}.\n`;
  let stderr = '';
  const kubeletDown = !sim.kubelet.nodeRunning(nodeName);
  if (kubeletDown) {
    // A real node with its kubelet stopped could not start this pod (you would SSH to the node).
    stderr += `kubedojo: ${nodeName}'s kubelet is not running, so a real cluster could not start this pod and kubectl would wait for it; on a real node you would SSH in and run the command there. kubedojo runs it on the node as SSH would.\n`;
  }
  if (attached(inv)) stderr += attachLines(inv);
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
