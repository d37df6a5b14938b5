import { isDict, type Dict } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagString } from './types.js';
import { defaultContainer, hasContainer, pickPod } from './logs.js';
import { finish, plainErr, statusErr } from './write-helpers.js';

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
  if (flagBool(inv, 'tty') && !flagBool(inv, 'stdin') && !flagBool(inv, 'quiet')) {
    stderr += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
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
  const shells = ['sh', 'bash', 'ash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/zsh'];
  if (flagBool(inv, 'stdin') && command.length === 1 && shells.includes(command[0]) && (inv.ctx.stdin ?? '') === '') {
    // A terminal session cannot be simulated here; say so rather than exit silently.
    return {
      stdout: '',
      stderr: `${stderr}kubedojo: interactive shells are not simulated; run one command at a time: kubectl exec ${pod.metadata.name} -- COMMAND\n`,
      exitCode: 0,
    };
  }
  const r = sim.network.exec(namespace, pod.metadata.name!, container, command, inv.ctx.stdin);
  if (r.startError) return finish('', [plainErr(r.startError)], stderr);
  stderr += r.stderr;
  if (r.exitCode !== 0) {
    return { stdout: r.stdout, stderr: `${stderr}command terminated with exit code ${r.exitCode}\n`, exitCode: r.exitCode };
  }
  return { stdout: r.stdout, stderr, exitCode: 0 };
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
