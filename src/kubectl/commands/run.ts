import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { patchDocument } from '../../cluster/apiserver/patch/index.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import type { Simulation } from '../../cluster/simulation.js';
import type { KubectlResult } from '../context.js';
import { ordered, terminalOutput, type OutputChunk } from '../output-order.js';
import { parseGoDuration } from '../parse/flags.js';
import { ContainerShellSession, isInteractiveShell, runningContainerID, shellPrompt, type SessionEnd } from './container-shell.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { requiredFlags } from './scale.js';
import { FILENAME_FLAGS, PRINT_FLAGS, checkOutput, createGenerated, dryRunStrategy, finish, operationLine, plainErr, printObjectsText, printsObjects } from './write-helpers.js';

/**
 * `kubectl run NAME --image=IMAGE`: creates a pod (and with `--expose` a
 * Service). With `-i`/`-t`/`--attach` it waits for the container, shows what
 * it printed, and with `--rm` deletes the pod afterwards — the usual
 * `kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- web`.
 *
 * @see k8s.io/kubectl/pkg/cmd/run/run.go, pkg/generate/versioned/run.go
 */

/** How long an attached `run` lets simulated time pass at most. */
const ATTACH_LIMIT_MS = 5 * 60 * 1000;

function parsePairs(list: string[], what: string): { ok: true; value: [string, string][] } | { ok: false; message: string } {
  const out: [string, string][] = [];
  for (const item of list) {
    for (const part of what === 'labels' ? item.split(',') : [item]) {
      const eq = part.indexOf('=');
      if (eq <= 0) return { ok: false, message: `invalid ${what === 'labels' ? 'label' : what} spec: ${part}` };
      out.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return { ok: true, value: out };
}

/** The pod `kubectl run` generates. */
export function runPod(inv: Invocation, name: string, args: string[]): { ok: true; pod: KubeObject } | { ok: false; message: string } {
  const labels = parsePairs(flagList(inv, 'labels'), 'labels');
  if (!labels.ok) return labels;
  const annotations = parsePairs(flagList(inv, 'annotations'), 'annotation');
  if (!annotations.ok) return annotations;
  const env = flagList(inv, 'env');
  const container: Dict = { image: flagString(inv, 'image'), name };
  if (args.length > 0) container[flagBool(inv, 'command') ? 'command' : 'args'] = args;
  if (env.length > 0) {
    container.env = env.map((e) => {
      const eq = e.indexOf('=');
      return eq >= 0 ? { name: e.slice(0, eq), value: e.slice(eq + 1) } : { name: e };
    });
  }
  const pullPolicy = flagString(inv, 'image-pull-policy');
  if (pullPolicy !== '') container.imagePullPolicy = pullPolicy;
  const port = flagString(inv, 'port');
  if (port !== '') container.ports = [{ containerPort: Number(port) }];
  if (flagBool(inv, 'privileged')) container.securityContext = { privileged: true };
  if (flagBool(inv, 'stdin')) container.stdin = true;
  if (flagBool(inv, 'stdin') && !flagBool(inv, 'leave-stdin-open')) container.stdinOnce = true;
  if (flagBool(inv, 'tty')) container.tty = true;
  const meta: Dict = { labels: labels.value.length > 0 ? Object.fromEntries(labels.value) : { run: name }, name };
  if (annotations.value.length > 0) meta.annotations = Object.fromEntries(annotations.value);
  let pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: flagString(inv, 'restart') || 'Always' },
  };
  const overrides = flagString(inv, 'overrides');
  if (overrides !== '') {
    // kubectl's default is a JSON merge patch, which replaces lists whole: overriding
    // spec.containers drops the generated container's image unless the override repeats it.
    const overrideType = flagString(inv, 'override-type') || 'merge';
    if (overrideType !== 'merge' && overrideType !== 'strategic' && overrideType !== 'json') return { ok: false, message: `invalid override type: ${overrideType}` };
    let patch: unknown;
    try {
      patch = JSON.parse(overrides);
    } catch {
      return { ok: false, message: `unable to parse ${JSON.stringify(overrides)}: invalid JSON document` };
    }
    const out = patchDocument(pod as unknown as Record<string, unknown>, overrideType, patch);
    if (!out.ok) return { ok: false, message: out.message };
    pod = out.value as unknown as KubeObject;
  }
  return { ok: true, pod };
}

function runRun(inv: Invocation) {
  const dash = inv.flags.argsLenAtDash;
  const names = dash >= 0 ? inv.args.slice(0, dash) : inv.args.slice(0, 1);
  const args = dash >= 0 ? inv.args.slice(dash) : inv.args.slice(1);
  if (names.length === 0 || (dash >= 0 && names.length !== 1)) return usageError(inv, 'NAME is required for run');
  const missing = requiredFlags(inv, ['image']);
  if (missing) return missing;
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const name = names[0];
  const interactive = flagBool(inv, 'stdin');
  const tty = flagBool(inv, 'tty');
  const attach = flagBool(inv, 'attach') || interactive;
  const restart = flagString(inv, 'restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return finish('', [plainErr(`invalid restart policy: ${restart}`)]);
  if (dry.value !== 'none' && (attach || tty)) return usageError(inv, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (flagBool(inv, 'rm') && !attach) return usageError(inv, '--rm should only be used for attached containers');
  if (tty && !interactive) return usageError(inv, '-i/--stdin is required for containers with -t/--tty=true');
  const expose = flagBool(inv, 'expose');
  if (expose && flagString(inv, 'port') === '') return usageError(inv, '--port must be set when exposing a service');
  const built = runPod(inv, name, args);
  if (!built.ok) return finish('', [plainErr(built.message)]);
  const pod = built.pod;
  if (inv.namespaceExplicit) pod.metadata.namespace = inv.namespace;
  const output = flagString(inv, 'output');
  const podDef = kindByResourceKey('pods')!;
  const svcDef = kindByResourceKey('services')!;
  let stdout = '';
  // What the API server warned about (PodSecurity, pod warnings) reaches stderr before anything else.
  let warnings = dry.warning;
  const printed: KubeObject[] = [];

  // kubectl creates the pod first, then (with --expose) the service, but
  // prints the service as soon as it exists and the pod last. The service
  // selects the pod's labels and carries them only when --labels named them.
  const podCreated = createGenerated(inv, pod, inv.namespace, dry.value);
  if (!podCreated.ok) return finish(stdout, [podCreated.error], warnings);
  warnings += podCreated.warnings;
  const created = podCreated.value;

  if (expose) {
    const port = Number(flagString(inv, 'port'));
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, ...(flagString(inv, 'labels') ? { labels: pod.metadata.labels } : {}), ...(inv.namespaceExplicit ? { namespace: inv.namespace } : {}) },
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: pod.metadata.labels },
    };
    const svcCreated = createGenerated(inv, svc, inv.namespace, dry.value);
    if (!svcCreated.ok) return finish('', [svcCreated.error], warnings);
    warnings += svcCreated.warnings;
    if (printsObjects(inv)) printed.push(svcCreated.value);
    else stdout += operationLine(svcDef, name, 'created', dry.value, output);
  }

  if (!attach) {
    if (printsObjects(inv)) printed.push(created);
    else stdout += operationLine(podDef, name, 'created', dry.value, output);
    if (printed.length > 0) {
      // The Service and the Pod go through two printers; kubectl v1.32 separates them with `---` twice.
      const texts = printed.map((o) => printObjectsText(inv, [o], false, true));
      stdout += texts.join(flagString(inv, 'output') === 'yaml' ? '---\n---\n' : '');
    }
    return finish(stdout, [], warnings);
  }

  const r = attachRun(inv, { name, args, interactive, tty, restart, expose });
  // The warnings and `service/NAME created` were printed before kubectl attached.
  if (stdout === '' && warnings === '') return r;
  return ordered([{ stream: 'stderr', text: warnings }, { stream: 'stdout', text: stdout }, ...terminalOutput(r)], r.exitCode);
}

/** What `kubectl run` settled before attaching. */
interface AttachPlan {
  name: string;
  /** The arguments after `--` (the container's args, or its command with --command). */
  args: string[];
  interactive: boolean;
  tty: boolean;
  restart: string;
  expose: boolean;
}

type Wait = { kind: 'met'; pod: KubeObject } | { kind: 'timeout' } | { kind: 'gone' };

/**
 * run.go's waitForPod: the pod as listed, then every change the watch
 * delivers, until `met` holds for one of them (that version is the answer),
 * the pod is deleted, or `limitMs` of simulated time passed. A status that
 * held only briefly (Running for a program that exits within the second)
 * is seen, as a watch sees it.
 */
function waitForPod(sim: Simulation, namespace: string, name: string, limitMs: number, met: (pod: KubeObject) => boolean): Wait {
  const now = sim.store.get('pods', namespace, name);
  if (!now) return { kind: 'gone' };
  if (met(now)) return { kind: 'met', pod: now };
  let found: Wait | undefined;
  const stop = sim.store.watch((e) => {
    if (found || e.resource !== 'pods' || e.object.metadata.namespace !== namespace || e.object.metadata.name !== name) return;
    if (e.type === 'DELETED') found = { kind: 'gone' };
    else if (met(e.object)) found = { kind: 'met', pod: e.object };
  });
  try {
    const start = sim.now();
    while (!found && !sim.frozen && sim.now() - start < limitMs) sim.advanceBy(Math.min(1000, limitMs - (sim.now() - start)));
  } finally {
    stop();
  }
  return found ?? { kind: 'timeout' };
}

function podPhase(pod: KubeObject): string {
  return isDict(pod.status) && typeof pod.status.phase === 'string' ? pod.status.phase : '';
}

/** run.go's podRunningAndReady: Running with the Ready condition true. */
function runningAndReady(pod: KubeObject): boolean {
  if (podPhase(pod) !== 'Running') return false;
  const conditions = (isDict(pod.status) && Array.isArray(pod.status.conditions) ? pod.status.conditions : []) as Dict[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The argv the container runs: the pod's command/args over the image's ENTRYPOINT/CMD. */
function containerArgv(inv: Invocation, pod: KubeObject): string[] {
  const c = ((isDict(pod.spec) && Array.isArray(pod.spec.containers) ? pod.spec.containers : []) as Dict[])[0] ?? {};
  const command = Array.isArray(c.command) ? (c.command as string[]) : [];
  const args = Array.isArray(c.args) ? (c.args as string[]) : [];
  if (command.length > 0) return [...command, ...args];
  const image = inv.ctx.sim.images.resolve(typeof c.image === 'string' ? c.image : '', true);
  if (!image.ok) return args;
  return [...image.image.entry.entrypoint, ...(args.length > 0 ? args : image.image.entry.cmd)];
}

/**
 * The attached part of `kubectl run` (-i, -t, --attach), as run.go and
 * attach.go do it: wait (--pod-running-timeout) for the pod to run and be
 * ready; attach, saying "If you don't see a command prompt…" first; a shell
 * reading the learner's terminal becomes an interactive session; when the
 * attachment ends, "Session ended, resume using …" for a pod that restarts,
 * the wait for its exit code (restart Never/OnFailure), `--rm`'s deletion,
 * and a failed pod's exit code last.
 *
 * @see k8s.io/kubectl/pkg/cmd/run/run.go Run, handleAttachPod; pkg/cmd/attach/attach.go Run
 */
function attachRun(inv: Invocation, plan: AttachPlan): KubectlResult {
  const sim = inv.ctx.sim;
  const { name, restart } = plan;
  const ns = inv.namespace;
  const quiet = flagBool(inv, 'quiet');
  const limit = parseGoDuration(flagString(inv, 'pod-running-timeout')) ?? 60_000;
  const terminal = inv.ctx.terminal;
  const podDef = kindByResourceKey('pods')!;
  const svcDef = kindByResourceKey('services')!;

  // The deferred removeCreatedObjects of --rm (IgnoreNotFound: what is gone already prints nothing; --quiet: nothing).
  const removeCreated = (): OutputChunk[] => {
    if (!flagBool(inv, 'rm')) return [];
    let out = '';
    if (sim.api.delete(podDef, ns, name, { user: inv.user }).ok) out += `pod "${name}" deleted\n`;
    if (plan.expose && sim.api.delete(svcDef, ns, name, { user: inv.user }).ok) out += `service "${name}" deleted\n`;
    return [{ stream: 'stdout', text: quiet ? '' : out }];
  };
  const done = (shown: OutputChunk[], error = '', code = error === '' ? 0 : 1): KubectlResult =>
    ordered([...shown, ...removeCreated(), { stream: 'stderr', text: error }], code);
  const waitError = (w: Wait): string =>
    // A watch that sees the pod deleted fails with a NotFound the condition builds without a name.
    w.kind === 'gone' ? 'Error from server (NotFound): pods "" not found\n' : 'error: timed out waiting for the condition\n';

  // After the attachment ended: the exit code, when the pod does not restart its container.
  const afterAttach = (shown: OutputChunk[], rawTTY: boolean): KubectlResult => {
    if (rawTTY && plan.interactive && !quiet && restart === 'Always') {
      shown.push({ stream: 'stdout', text: `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n` });
    }
    const waitForExitCode = !flagBool(inv, 'leave-stdin-open') && (restart === 'Never' || restart === 'OnFailure');
    if (!waitForExitCode) return done(shown);
    const w = waitForPod(sim, ns, name, limit, (p) => (restart === 'OnFailure' ? podPhase(p) === 'Succeeded' : ['Succeeded', 'Failed'].includes(podPhase(p))));
    if (w.kind !== 'met') return done(shown, waitError(w));
    const pod = w.pod;
    const phase = podPhase(pod);
    if (phase === 'Succeeded') return done(shown);
    if (phase !== 'Failed') return done(shown, `error: pod ${ns}/${name} left in phase ${phase}\n`);
    const cs = ((isDict(pod.status) && Array.isArray(pod.status.containerStatuses) ? pod.status.containerStatuses : []) as Dict[])[0];
    const term = cs && isDict(cs.state) && isDict(cs.state.terminated) ? cs.state.terminated : undefined;
    const rc = Number(term?.exitCode ?? 0);
    if (!term || rc === 0) return done(shown, `error: pod ${ns}/${name} failed with unknown exit code\n`);
    const text = `pod ${ns}/${name} terminated (${String(term.reason ?? '')})\n${String(term.message ?? '')}`;
    return done(shown, text.endsWith('\n') ? text : `${text}\n`, rc);
  };

  const first = waitForPod(sim, ns, name, limit, (p) => runningAndReady(p) || ['Succeeded', 'Failed'].includes(podPhase(p)));
  if (first.kind !== 'met') return done([], waitError(first));
  const pod = first.pod;
  if (podPhase(pod) !== 'Running') {
    // It ran to completion before kubectl could attach: its logs instead.
    const logs = sim.kubelet.logs(ns, name, name, false);
    return afterAttach([{ stream: 'stdout', text: logs.ok ? logs.lines.map((l) => `${l.text}\n`).join('') : '' }], false);
  }

  // attach.go: the TTY is raw only with -i, -t and a terminal to read; then the prompt hint.
  const shown: OutputChunk[] = [];
  if (plan.tty && plan.interactive && !terminal && !quiet) shown.push({ stream: 'stderr', text: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' });
  const rawTTY = plan.tty && plan.interactive && terminal !== undefined;
  if (!quiet) shown.push({ stream: 'stderr', text: "If you don't see a command prompt, try pressing enter.\n" });
  let argv = containerArgv(inv, pod);
  // An image's entrypoint script that execs its arguments (nginx's, postgres's docker-entrypoint.sh) hands over to them.
  if (argv.length > 1 && /entrypoint/.test(argv[0].replace(/^.*\//, '')) && isInteractiveShell(argv.slice(1))) argv = argv.slice(1);

  if (plan.interactive && isInteractiveShell(argv)) {
    const target = { namespace: ns, pod: name, uid: pod.metadata.uid ?? '', container: name, containerID: runningContainerID(pod, name) ?? '' };
    // The shell itself ends (`exit N`): its container exits with that code.
    const ended = (how: SessionEnd): KubectlResult => {
      if (how.kind === 'exit') {
        sim.kubelet.exitProcess(ns, name, name, how.code);
        sim.settle();
      }
      return afterAttach([], rawTTY);
    };
    if (terminal) {
      terminal.attach(new ContainerShellSession(sim, target, argv[0], rawTTY, shellPrompt(sim, pod, name, argv[0], rawTTY), ended));
      return ordered(shown, 0);
    }
    // Standard input is a pipe or a file: the shell reads it as its script, then reaches its end.
    const session = new ContainerShellSession(sim, target, argv[0], false, '', ended);
    const script = inv.ctx.stdin ?? '';
    const ran = script.trim() === '' ? { result: { stdout: '', stderr: '', exitCode: 0 }, ended: false } : session.run(script);
    const end = ran.ended ? { stdout: '', stderr: '', exitCode: ran.result.exitCode } : session.eof();
    return ordered([...shown, ...terminalOutput(ran.result), ...terminalOutput(end)], end.exitCode);
  }

  // Any other program: what it prints while attached, until it ends.
  const start = sim.now();
  const state = () => containerState(sim.store.get('pods', ns, name));
  while (sim.now() - start < ATTACH_LIMIT_MS && !sim.frozen) {
    const s = state();
    if (s.finished || (s.running && plan.args.length === 0)) break;
    sim.advanceBy(1000);
  }
  const s = state();
  const logs = sim.kubelet.logs(ns, name, name, s.previous);
  shown.push({ stream: 'stdout', text: logs.ok ? logs.lines.map((l) => `${l.text}\n`).join('') : '' });
  if (s.running && !s.finished) {
    shown.push({ stream: 'stderr', text: `kubedojo: this container's program keeps running and reads no commands; run them with kubectl exec ${name} -- COMMAND\n` });
    return done(shown);
  }
  return afterAttach(shown, rawTTY);
}

interface AttachState {
  running: boolean;
  finished: boolean;
  previous: boolean;
  exitCode: number;
  reason?: string;
  message?: string;
}

function containerState(pod: KubeObject | undefined): AttachState {
  const st = pod && isDict(pod.status) ? pod.status : {};
  const phase = st.phase;
  const cs = (Array.isArray(st.containerStatuses) ? (st.containerStatuses as Dict[]) : [])[0];
  const state = cs && isDict(cs.state) ? cs.state : {};
  const last = cs && isDict(cs.lastState) ? cs.lastState : {};
  const term = (isDict(state.terminated) ? state.terminated : undefined) as Dict | undefined;
  const lastTerm = (isDict(last.terminated) ? last.terminated : undefined) as Dict | undefined;
  if (phase === 'Succeeded' || phase === 'Failed' || term) {
    const t = term ?? lastTerm ?? {};
    return { running: false, finished: true, previous: false, exitCode: Number(t.exitCode ?? (phase === 'Failed' ? 1 : 0)), reason: t.reason as string | undefined, message: t.message as string | undefined };
  }
  if (lastTerm) {
    // Restarted (restartPolicy Always/OnFailure): the first run is over.
    return { running: false, finished: true, previous: true, exitCode: Number(lastTerm.exitCode ?? 0), reason: lastTerm.reason as string | undefined, message: lastTerm.message as string | undefined };
  }
  return { running: isDict(state.running), finished: false, previous: false, exitCode: 0 };
}

export const runCommand: CommandDef = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    ...PRINT_FLAGS,
    { name: 'image', type: 'string', default: '' },
    { name: 'port', type: 'string', default: '' },
    // One string of comma-separated pairs: a repeated -l replaces the earlier one, as in kubectl.
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'annotations', type: 'stringArray', default: [] },
    { name: 'env', type: 'stringArray', default: [] },
    { name: 'command', type: 'bool', default: false },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'rm', type: 'bool', default: false },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
    { name: 'attach', type: 'bool', default: false },
    { name: 'leave-stdin-open', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'expose', type: 'bool', default: false },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'privileged', type: 'bool', default: false },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-run' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    // kubectl's delete flags, for --rm; -f/-k/-R name nothing run deletes, so they change nothing.
    ...FILENAME_FLAGS,
    { name: 'force', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'wait', type: 'bool', default: false },
  ],
  run: runRun,
};
