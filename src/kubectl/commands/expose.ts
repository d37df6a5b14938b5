import { isDict, type Dict, type KubeObject } from '../../cluster/api/meta.js';
import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import type { CommandDef, Invocation } from './types.js';
import { flagString } from './types.js';
import {
  FILENAME_FLAGS,
  PRINT_FLAGS,
  checkOutput,
  collectTargets,
  createGenerated,
  dryRunStrategy,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
  type CmdError,
} from './write-helpers.js';

/**
 * `kubectl expose`: a Service for a pod, Deployment, ReplicaSet,
 * ReplicationController or Service, with the selector and ports found on it.
 *
 * @see k8s.io/kubectl/pkg/cmd/expose/expose.go, pkg/polymorphichelpers (mapbasedselectorforobject, portsforobject)
 */

function templateSpec(obj: KubeObject): Dict | undefined {
  const spec = isDict(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  const t = isDict(spec.template) ? spec.template : undefined;
  return t && isDict(t.spec) ? t.spec : undefined;
}

/** MapBasedSelectorForObject: the selector a Service for this object gets. */
function selectorFor(obj: KubeObject): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const spec = (isDict(obj.spec) ? obj.spec : {}) as Dict;
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) {
        return { ok: false, message: `the pod has no labels and cannot be exposed` };
      }
      return { ok: true, value: { ...obj.metadata.labels } };
    case 'Service':
    case 'ReplicationController':
      if (!isDict(spec.selector)) return { ok: false, message: `the ${obj.kind.toLowerCase()} has no pod selector set` };
      return { ok: true, value: { ...(spec.selector as Record<string, string>) } };
    case 'Deployment':
    case 'ReplicaSet': {
      // apps/v1 workloads need matchLabels; matchExpressions cannot become a Service selector.
      // The expressions print as Go's %+v of []LabelSelectorRequirement.
      const sel = isDict(spec.selector) ? spec.selector : {};
      const labels = isDict(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : {};
      if (Object.keys(labels).length === 0) return { ok: false, message: `invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed` };
      if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0) {
        const exprs = (sel.matchExpressions as Dict[]).map((e) => `{Key:${String(e.key ?? '')} Operator:${String(e.operator ?? '')} Values:[${(Array.isArray(e.values) ? e.values : []).join(' ')}]}`);
        return { ok: false, message: `couldn't convert expressions - "[${exprs.join(' ')}]" to map-based selector format` };
      }
      return { ok: true, value: { ...labels } };
    }
    default:
      return { ok: false, message: `cannot expose a ${obj.kind}` };
  }
}

/** PortsForObject: container ports (or the Service's ports). */
function portsFor(obj: KubeObject): { port: number; protocol: string; name?: string }[] {
  if (obj.kind === 'Service') {
    const ports = isDict(obj.spec) && Array.isArray(obj.spec.ports) ? (obj.spec.ports as Dict[]) : [];
    return ports.map((p) => ({ port: Number(p.port), protocol: String(p.protocol ?? 'TCP'), name: p.name as string | undefined }));
  }
  const spec = templateSpec(obj);
  const out: { port: number; protocol: string; name?: string }[] = [];
  for (const c of (Array.isArray(spec?.containers) ? spec.containers : []) as Dict[]) {
    for (const p of (Array.isArray(c.ports) ? c.ports : []) as Dict[]) out.push({ port: Number(p.containerPort), protocol: String(p.protocol ?? 'TCP'), name: p.name as string | undefined });
  }
  return out;
}

function runExpose(inv: Invocation) {
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true, ignoreSelectorFlag: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const output = flagString(inv, 'output');
  const svcDef = kindByResourceKey('services')!;
  let stdout = '';
  let warnings = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    const obj = t.live!;
    if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(obj.kind)) {
      errors.push(plainErr(`cannot expose a ${obj.kind}.${t.def.group || ''}`.replace(/\.$/, '')));
      continue;
    }
    let selector: Record<string, string>;
    const selFlag = flagString(inv, 'selector');
    if (selFlag !== '') selector = Object.fromEntries(selFlag.split(',').map((p) => p.split('=') as [string, string]));
    else {
      const s = selectorFor(obj);
      if (!s.ok) {
        errors.push(plainErr(`couldn't retrieve selectors via --selector flag or introspection: ${s.message}`));
        continue;
      }
      selector = s.value;
    }
    const protocol = flagString(inv, 'protocol') || '';
    const targetPort = flagString(inv, 'target-port');
    const portFlag = flagString(inv, 'port');
    let ports: Dict[];
    const tp = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
    if (portFlag !== '') {
      const p = Number(portFlag);
      ports = [{ port: p, protocol: protocol || 'TCP', targetPort: targetPort !== '' ? tp(targetPort) : p }];
    } else {
      const found = portsFor(obj);
      if (found.length === 0) {
        errors.push(plainErr("couldn't find port via --port flag or introspection"));
        continue;
      }
      ports = found.map((f, i) => {
        const port: Dict = {};
        if (found.length > 1) port.name = f.name ?? `port-${i + 1}`;
        port.port = f.port;
        port.protocol = protocol || f.protocol;
        port.targetPort = targetPort !== '' ? tp(targetPort) : f.port;
        return port;
      });
    }
    const name = flagString(inv, 'name') || t.name;
    const spec: Dict = { ports, selector };
    const type = flagString(inv, 'type');
    if (type !== '') spec.type = type;
    const clusterIP = flagString(inv, 'cluster-ip');
    if (clusterIP !== '') spec.clusterIP = clusterIP;
    const externalIP = flagString(inv, 'external-ip');
    if (externalIP !== '') spec.externalIPs = [externalIP];
    const affinity = flagString(inv, 'session-affinity');
    if (affinity !== '') spec.sessionAffinity = affinity;
    const labelsFlag = flagString(inv, 'labels');
    const labels = labelsFlag !== '' ? Object.fromEntries(labelsFlag.split(',').map((p) => p.split('=') as [string, string])) : obj.metadata.labels;
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}), name }, spec };
    const created = createGenerated(inv, svc, t.namespace, dry.value);
    if (!created.ok) {
      errors.push(created.error);
      continue;
    }
    warnings += created.warnings;
    if (printsObjects(inv)) printed.push(created.value);
    else stdout += operationLine(svcDef, name, 'exposed', dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed, false, true);
  return finish(stdout, errors, warnings);
}

export const exposeCommand: CommandDef = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'port', type: 'string', default: '' },
    { name: 'target-port', type: 'string', default: '' },
    { name: 'protocol', type: 'string', default: '' },
    { name: 'name', type: 'string', default: '' },
    { name: 'type', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'cluster-ip', type: 'string', default: '' },
    { name: 'external-ip', type: 'string', default: '' },
    { name: 'load-balancer-ip', type: 'string', default: '' },
    { name: 'session-affinity', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'record', type: 'bool', default: false },
  ],
  run: runExpose,
};
