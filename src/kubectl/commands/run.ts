import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { patchDocument } from '../../cluster/apiserver/patch/index.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import type { CommandDef, Invocation } from './types.js';
import { flagBool, flagList, flagString, usageError } from './types.js';
import { klogError } from './scale.js';
import { FILENAME_FLAGS, PRINT_FLAGS, checkOutput, dryRunStrategy, finish, operationLine, plainErr, printObjectsText, printsObjects, statusErr, typedRoundTrip } from './write-helpers.js';

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
  if (!inv.flags.set.has('image')) return { stdout: '', stderr: klogError(inv, 'required flag(s) "image" not set'), exitCode: 1 };
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
  const sim = inv.ctx.sim;
  const output = flagString(inv, 'output');
  const podDef = kindByResourceKey('pods')!;
  const svcDef = kindByResourceKey('services')!;
  let stdout = '';
  const printed: KubeObject[] = [];

  if (expose) {
    const port = Number(flagString(inv, 'port'));
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, ...(inv.namespaceExplicit ? { namespace: inv.namespace } : {}) },
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: pod.metadata.labels },
    };
    let result = typedRoundTrip(svc);
    if (dry.value !== 'client') {
      const r = sim.api.create({ ...svc, metadata: { ...svc.metadata, namespace: inv.namespace } }, { dryRun: dry.value === 'server', user: inv.user, fieldManager: flagString(inv, 'field-manager') });
      if (!r.ok) return finish('', [statusErr(r.error)]);
      result = r.value;
    }
    if (printsObjects(inv)) printed.push(result);
    else stdout += operationLine(svcDef, name, 'created', dry.value, output);
  }

  let created: KubeObject = typedRoundTrip(pod);
  if (dry.value !== 'client') {
    const r = sim.api.create({ ...pod, metadata: { ...pod.metadata, namespace: inv.namespace } }, { dryRun: dry.value === 'server', user: inv.user, fieldManager: flagString(inv, 'field-manager') });
    if (!r.ok) return finish(stdout, [statusErr(r.error)]);
    created = r.value;
  }
  if (!attach) {
    if (printsObjects(inv)) printed.push(created);
    else stdout += operationLine(podDef, name, 'created', dry.value, output);
    if (printed.length > 0) {
      // The Service and the Pod go through two printers; kubectl v1.32 separates them with `---` twice.
      const texts = printed.map((o) => printObjectsText(inv, [o], false, true));
      stdout += texts.join(flagString(inv, 'output') === 'yaml' ? '---\n---\n' : '');
    }
    return finish(stdout, []);
  }

  // Attached: let the pod run, then show what its container printed.
  let stderr = interactive && tty ? "If you don't see a command prompt, try pressing enter.\n" : '';
  const start = sim.now();
  const state = () => containerState(sim.store.get('pods', inv.namespace, name));
  while (sim.now() - start < ATTACH_LIMIT_MS && !sim.frozen) {
    const s = state();
    if (s.finished || (s.running && args.length === 0)) break;
    sim.advanceBy(1000);
  }
  const s = state();
  const logs = sim.kubelet.logs(inv.namespace, name, name, s.previous);
  if (logs.ok) stdout += logs.lines.map((l) => `${l.text}\n`).join('');
  if (s.running && !s.finished) {
    stderr += `kubedojo: interactive sessions are not simulated; run commands with kubectl exec ${name} -- COMMAND\n`;
  }
  let exitCode = 0;
  if (s.finished && s.exitCode !== 0) {
    stderr += `pod ${inv.namespace}/${name} terminated (${s.reason ?? 'Error'})\n${s.message ?? ''}`;
    exitCode = s.exitCode;
  }
  if (flagBool(inv, 'rm')) {
    const d = sim.api.delete(podDef, inv.namespace, name, { user: inv.user });
    if (d.ok) stdout += `pod "${name}" deleted\n`;
    if (expose) {
      const ds = sim.api.delete(svcDef, inv.namespace, name, { user: inv.user });
      if (ds.ok) stdout += `service "${name}" deleted\n`;
    }
  }
  return { stdout, stderr, exitCode };
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
