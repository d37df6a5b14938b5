import { isDict, type Dict } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString } from './types.js';
import { defaultContainer, hasContainer, pickPod } from './logs.js';
import { finish, plainErr, statusErr } from './write-helpers.js';
import { ContainerShellSession, isInteractiveShell, runningContainerID, shellDirs, shellPrompt } from './container-shell.js';
import { ordered } from '../output-order.js';

/**
 * `kubectl exec POD [-c C] [-it] -- CMD ARGS`: runs a program inside a
 * running container through the simulated pod network and images.
 *
 * @see k8s.io/kubectl/pkg/cmd/exec/exec.go
 */

const DEPRECATED_FORM = 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n';

function runExec(inv: Invocation) {
  const args = inv.args;
  const dash = inv.flags.argsLenAtDash;
  let stderr = '';
  if (args.length === 0 || dash === 0) return finish('', [plainErr('pod, type/name or --filename must be specified')]);
  const podArg = args[0];
  let command: string[];
  if (dash > 0) command = args.slice(dash);
  else {
    if (args.length > 1) stderr += DEPRECATED_FORM;
    command = args.slice(1);
  }
  if (command.length === 0) return finish('', [plainErr('you must specify at least one command for the container')], stderr);

  const pick = pickPod(inv, podArg, false);
  if (!pick.ok) return finish('', [pick.error], stderr);
  const pod = pick.pod;
  const phase = isDict(pod.status) ? pod.status.phase : undefined;
  if (phase === 'Succeeded' || phase === 'Failed') {
    return finish('', [plainErr(`cannot exec into a container in a completed pod; current phase is ${String(phase)}`)], stderr);
  }
  let container = flagString(inv, 'container');
  if (container !== '') {
    // The API server's exec handler refuses unknown containers.
    if (!hasContainer(pod, container)) {
      return finish('', [statusErr({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message: `container ${container} is not valid for pod ${pod.metadata.name}` })], stderr);
    }
  } else {
    const d = defaultContainer(pod);
    container = d.name;
    if (!flagBool(inv, 'quiet')) stderr += d.notice;
  }

  const statuses = [
    ...((isDict(pod.status) && Array.isArray(pod.status.containerStatuses) ? pod.status.containerStatuses : []) as Dict[]),
    ...((isDict(pod.status) && Array.isArray(pod.status.initContainerStatuses) ? pod.status.initContainerStatuses : []) as Dict[]),
  ];
  const st = statuses.find((s) => s.name === container);
  const running = st && isDict(st.state) && isDict(st.state.running);
  const sim = inv.ctx.sim;
  const namespace = pod.metadata.namespace ?? inv.namespace;
  if (!running || !sim.kubelet.process(namespace, pod.metadata.name!, container)) {
    return finish('', [plainErr(`unable to upgrade connection: container not found ("${container}")`)], stderr);
  }
  const tty = flagBool(inv, 'tty');
  const stdin = flagBool(inv, 'stdin');
  // -t needs -i (silently dropped without it) and standard input on a terminal (said once dropped).
  if (tty && stdin && !inv.ctx.terminal && !flagBool(inv, 'quiet')) stderr += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
  if (stdin && inv.ctx.terminal && isInteractiveShell(command)) {
    // The learner's terminal is the shell's input: it runs each line they type until `exit`.
    const probe = sim.network.exec(namespace, pod.metadata.name!, container, [command[0], '-c', ':']);
    if (probe.startError) return finish('', [plainErr(probe.startError)], stderr);
    const target = { namespace, pod: pod.metadata.name!, uid: pod.metadata.uid ?? '', container, containerID: runningContainerID(pod, container) ?? '' };
    const prompt = shellPrompt(sim, pod, container, command[0], tty);
    inv.ctx.terminal.attach(
      new ContainerShellSession(sim, target, command[0], tty, prompt, (how) => {
        // A shell killed with its container (SIGKILL) ends with 137.
        const code = how.kind === 'exit' ? how.code : 137;
        return code === 0 ? { stdout: '', stderr: '', exitCode: 0 } : { stdout: '', stderr: `command terminated with exit code ${code}\n`, exitCode: code };
      }),
    );
    return { stdout: '', stderr, exitCode: 0 };
  }
  // The program starts in the container's working directory, as runc starts it.
  const r = sim.network.exec(namespace, pod.metadata.name!, container, command, inv.ctx.stdin, { tty: tty && stdin && inv.ctx.terminal !== undefined, ...shellDirs(sim, pod, container) });
  if (r.startError) return finish('', [plainErr(r.startError)], stderr);
  // Notices first, then what the program wrote, then kubectl's word on its exit status.
  return ordered(
    [
      { stream: 'stderr', text: stderr },
      { stream: 'stdout', text: r.stdout },
      { stream: 'stderr', text: r.stderr },
      { stream: 'stderr', text: r.exitCode !== 0 ? `command terminated with exit code ${r.exitCode}\n` : '' },
    ],
    r.exitCode,
  );
}

export const execCommand: CommandDef = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
  ],
  run: runExec,
};
