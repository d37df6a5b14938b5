import type { KubeObject } from '../../../cluster/api/meta.js';
import { formatLabelSelector, humanDuration, labelSelectorString, timeOf, translateTimestampSince } from '../../../cluster/tables/format.js';
import { nodeRoles } from '../../../cluster/tables/node-table.js';
import { accessModesString } from '../../../cluster/tables/other-tables.js';
import { resourceKey, type KindDefinition } from '../../../cluster/kinds/registry.js';
import type { Simulation } from '../../../cluster/simulation.js';
import { labelSelectorMatches } from '../../../cluster/api/labels.js';
import { canonicalQuantity } from '../../../cluster/api/quantity.js';
import { goQuote } from '../../format/go-fmt.js';
import { formatLabels } from '../table-printer.js';
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  MAX_ANNOTATION_LEN,
  Quantity,
  cmp,
  goTimeString,
  podQOS,
  podRequestsAndLimits,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
  rfc1123z,
  stableSort,
  tabbed,
  PrefixWriter,
  type Taint,
  type Toleration,
} from './common.js';
import { goSort } from './go-sort.js';
import { combineResourceGroup, compactSortedRules, goList, policyRule } from './rbac-rules.js';

/**
 * Ports of kubectl's describers (pods, deployments, replicasets, nodes,
 * services, namespaces, configmaps, secrets, network policies, and more),
 * reading related objects (events, replica sets, pods, leases, endpoint
 * slices) from the simulation as kubectl reads them from the API server.
 *
 * @see k8s.io/kubectl/pkg/describe/describe.go
 */
export interface DescribeContext {
  sim: Simulation;
  now: number;
  /** `--show-events` (default true). */
  showEvents: boolean;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- describers walk loosely typed Kubernetes JSON */
type Any = any;

const list = (ctx: DescribeContext, resource: string, namespace?: string): readonly KubeObject[] => ctx.sim.store.list(resource, namespace);

// ---------------------------------------------------------------------------
// Events

/** searchEvents: events whose involvedObject matches name, namespace, and kind/uid when set. */
export function searchEvents(ctx: DescribeContext, ref: { name: string; namespace: string; kind?: string; uid?: string }): KubeObject[] {
  const all = list(ctx, 'events', ref.namespace === '' ? undefined : ref.namespace);
  return all.filter((e: Any) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? '') !== ref.name) return false;
    if ((io.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind && (io.kind ?? '') !== ref.kind) return false;
    if (ref.uid && (io.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

function eventsFor(ctx: DescribeContext, obj: KubeObject, withKind = true): KubeObject[] | undefined {
  if (!ctx.showEvents) return undefined;
  return searchEvents(ctx, {
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    kind: withKind ? obj.kind : undefined,
    uid: obj.metadata.uid,
  });
}

/** DescribeEvents: `Events:  <none>`, or a flushed table sorted by last timestamp. */
export function describeEvents(events: readonly KubeObject[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // event.SortableEvents: by lastTimestamp, with Go's (unstable) sort.Sort
  const sorted = goSort([...events], (a: Any, b: Any) => (timeOf(a.lastTimestamp) ?? -Infinity) < (timeOf(b.lastTimestamp) ?? -Infinity));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted as Any[]) {
    let first = translateTimestampSince(e.eventTime, now);
    if (timeOf(e.eventTime) === undefined) first = translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || e.reportingController || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

// ---------------------------------------------------------------------------
// Containers and pod templates

function describeContainers(label: string, containers: Any[], statuses: Any[] | undefined, pod: KubeObject | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map<string, Any>((statuses ?? []).map((s: Any) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    const ok = statuses !== undefined && status !== undefined;
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (ok) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (ok) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: Any) => `${p.containerPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p: Any) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (ok) {
      describeStatus('State', status.state ?? {}, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) {
      w.write(LEVEL_2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        let from = '';
        let name = '';
        let optional = false;
        if (e.configMapRef) {
          from = 'ConfigMap';
          name = e.configMapRef.name ?? '';
          optional = !!e.configMapRef.optional;
        } else if (e.secretRef) {
          from = 'Secret';
          name = e.secretRef.name ?? '';
          optional = !!e.secretRef.optional;
        }
        if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
        else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      }
    }
    const env = c.env ?? [];
    w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        const value = pod ? fieldRefValue(pod, vf.fieldRef.fieldPath) : '';
        w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
      } else if (vf.resourceFieldRef) {
        let value = resourceFieldValue(c, vf.resourceFieldRef);
        const r = vf.resourceFieldRef.resource;
        if (value === '0' && (r === 'limits.cpu' || r === 'limits.memory')) value = 'node allocatable';
        w.write(LEVEL_3, `${e.name}:\t${value} (${r})\n`);
      } else if (vf.secretKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
      } else if (vf.configMapKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
      }
    }
    const mounts = stableSort<Any>(c.volumeMounts ?? [], (a, b) => cmp(a.mountPath, b.mountPath));
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
    if ((c.volumeDevices ?? []).length > 0) {
      w.write(LEVEL_2, `Devices:${mounts.length === 0 ? '\t<none>' : ''}\n`);
      for (const d of stableSort<Any>(c.volumeDevices, (a, b) => cmp(a.devicePath, b.devicePath))) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

/** The pod fields kubectl's scheme can convert for env fieldRefs: only metadata.name/namespace resolve. */
function fieldRefValue(pod: KubeObject, path: string): string {
  if (path === 'metadata.name') return pod.metadata.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata.namespace ?? '';
  return '';
}

function resourceFieldValue(c: Any, ref: Any): string {
  const [kind, name] = String(ref.resource).split('.');
  const v = kind === 'limits' ? c.resources?.limits?.[name] : c.resources?.requests?.[name];
  if (v === undefined) return '0';
  const q = Quantity.parse(v);
  const divisor = ref.divisor ? Quantity.parse(ref.divisor) : new Quantity(1000n, 'DecimalSI');
  if (divisor.milli === 0n) return '';
  const n = (q.milli + divisor.milli - 1n) / divisor.milli;
  return String(n);
}

function describeStatus(stateName: string, state: Any, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

/**
 * A quantity as describe prints it: kubectl decodes objects into typed
 * structs, and Quantity.String() is canonical whatever the JSON said
 * (`4194304Ki` prints `4Gi`, `0.5` prints `500m`). Anything that does not
 * parse is printed as stored.
 */
function quantityText(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return String(v ?? '');
  try {
    return canonicalQuantity(v);
  } catch {
    return String(v);
  }
}

function describeResources(resources: Any, w: PrefixWriter, level: number): void {
  if (!resources) return;
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const n of Object.keys(limits).sort()) w.write(level + 1, `${n}:\t${quantityText(limits[n])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const n of Object.keys(requests).sort()) w.write(level + 1, `${n}:\t${quantityText(requests[n])}\n`);
}

/** DescribeProbe: `http-get http://:8080/healthz delay=5s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = String(p.httpGet.scheme ?? '').toLowerCase();
    const port = p.httpGet.port === undefined ? '' : String(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    const hostPort = port.length > 0 ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    let path = p.httpGet.path ?? '';
    if (path !== '' && !path.startsWith('/') && hostPort !== '') path = `/${path}`;
    return `http-get ${scheme ? `${scheme}://` : hostPort ? '//' : ''}${hostPort}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** printGCEPersistentDiskVolumeSource (pod volumes and PV sources alike). */
function printGCEPersistentDisk(w: PrefixWriter, gce: Any): void {
  w.write(LEVEL_2, `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${gce.pdName ?? ''}\n    FSType:\t${gce.fsType ?? ''}\n    Partition:\t${gce.partition ?? 0}\n    ReadOnly:\t${!!gce.readOnly}\n`);
}

/** printAWSElasticBlockStoreVolumeSource (pod volumes and PV sources alike). */
function printAWSElasticBlockStore(w: PrefixWriter, aws: Any): void {
  w.write(LEVEL_2, `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${aws.volumeID ?? ''}\n    FSType:\t${aws.fsType ?? ''}\n    Partition:\t${aws.partition ?? 0}\n    ReadOnly:\t${!!aws.readOnly}\n`);
}

/** printCSIPersistentVolumeAttributesMultiline: sorted `k=v` lines under `VolumeAttributes:`. */
function printCSIVolumeAttributes(w: PrefixWriter, attrs: Record<string, string> | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attrs ?? {}).sort();
  if (keys.length === 0) w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    const line = `${k}=${attrs![k]}`;
    w.write(LEVEL_2, `${line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...` : line}\n`);
  });
}

/**
 * describe.go's NestedPrefixWriter: every line `indent` levels deeper, WriteLine
 * included (so a `<none>` after a tab gets the indent too, as kubectl prints it).
 */
class NestedPrefixWriter extends PrefixWriter {
  constructor(
    private readonly base: PrefixWriter,
    private readonly indent: number,
  ) {
    super(true);
  }

  override write(level: number, text: string): void {
    this.base.write(level + this.indent, text);
  }

  override writeLine(text = ''): void {
    this.base.write(this.indent, `${text}\n`);
  }
}

/**
 * printPersistentVolumeClaim: a whole PVC, or (isFullPVC false) an ephemeral
 * volume's claim template without name, namespace, status and finalizers.
 */
function printPersistentVolumeClaim(w: PrefixWriter, pvc: Any, isFullPVC: boolean, now = 0): void {
  const spec = pvc.spec ?? {};
  const meta = pvc.metadata ?? {};
  if (isFullPVC) {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
  if (isFullPVC) {
    if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (isFullPVC) w.write(LEVEL_0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModesString(pvc.status?.accessModes);
    capacity = quantityText(pvc.status?.capacity?.storage ?? '0');
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${modes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
}

function describeVolumes(volumes: Any[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const size = v.emptyDir.sizeLimit && Quantity.parse(v.emptyDir.sizeLimit).milli > 0n ? v.emptyDir.sizeLimit : '<unset>';
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
    } else if (v.gcePersistentDisk) {
      printGCEPersistentDisk(w, v.gcePersistentDisk);
    } else if (v.awsElasticBlockStore) {
      printAWSElasticBlockStore(w, v.awsElasticBlockStore);
    } else if (v.azureFile) {
      w.write(LEVEL_2, `Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the pod)\n    SecretName:\t${v.azureFile.secretName ?? ''}\n    ShareName:\t${v.azureFile.shareName ?? ''}\n    ReadOnly:\t${!!v.azureFile.readOnly}\n`);
    } else if (v.secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${!!v.secret.optional}\n`);
    } else if (v.configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${!!v.configMap.optional}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    } else if (v.nfs) {
      w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${!!v.nfs.readOnly}\n`);
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const m of v.downwardAPI.items ?? []) {
        if (m.fieldRef) w.write(LEVEL_3, `${m.fieldRef.fieldPath} -> ${m.path}\n`);
        if (m.resourceFieldRef) w.write(LEVEL_3, `${m.resourceFieldRef.resource} -> ${m.path}\n`);
      }
    } else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        // kubectl 1.32 prints the *bool itself: <nil> when unset
        if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptional:\t${s.secret.optional === undefined ? '<nil>' : String(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${s.configMap.optional === undefined ? '<nil>' : String(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else if (v.csi) {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${!!v.csi.readOnly}\n`);
      printCSIVolumeAttributes(w, v.csi.volumeAttributes);
    } else if (v.ephemeral) {
      w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
      const t = v.ephemeral.volumeClaimTemplate;
      if (t) printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: t.metadata ?? {}, spec: t.spec ?? {} }, false);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

function describeTopologySpreadConstraints(tscs: Any[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = stableSort(tscs, (a, b) => cmp(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/**
 * DescribePodTemplate into a plain buffer (no tabwriter: the tabs stay), as
 * `rollout history --revision=N` prints a revision's template.
 */
export function podTemplateText(template: unknown): string {
  const w = new PrefixWriter(true);
  describePodTemplate(template, w);
  return w.result();
}

/** DescribePodTemplate (deployments, replica sets, jobs, daemon sets, stateful sets). */
function describePodTemplate(template: Any, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations as Toleration[]);
}

// ---------------------------------------------------------------------------
// Pods

/** @see describe.go describePod */
export function describePod(pod: KubeObject, ctx: DescribeContext): string {
  const p = pod as Any;
  const spec = p.spec ?? {};
  const status = p.status ?? {};
  const events = ctx.showEvents
    ? searchEvents(ctx, {
        name: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? '',
        uid: pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid,
      })
    : undefined;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', pod.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, ctx.now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const sp = spec.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_0, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    const ips = status.podIPs ?? [];
    if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
    else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses ?? [], pod, w, '');
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses ?? [], pod, w, '');
    if ((spec.ephemeralContainers ?? []).length > 0) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses ?? [], pod, w, '');
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations as Toleration[]);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, ctx.now);
  });
}

// ---------------------------------------------------------------------------
// Workloads

function podStatusForController(ctx: DescribeContext, namespace: string, selector: Any, uid: string | undefined): [number, number, number, number] {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of list(ctx, 'pods', namespace) as Any[]) {
    if (!labelSelectorMatches(selector, pod.metadata.labels)) continue;
    const ref = (pod.metadata.ownerReferences ?? []).find((r: Any) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    switch (pod.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return [running, waiting, succeeded, failed];
}

function withoutHash(template: Any): string {
  const t = JSON.parse(JSON.stringify(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortKeys(t));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

/** @see describe.go describeDeployment (GetAllReplicaSets: owned RSs, the new one by template) */
export function describeDeployment(d: KubeObject, ctx: DescribeContext): string {
  const dep = d as Any;
  const spec = dep.spec ?? {};
  const st = dep.status ?? {};
  const events = eventsFor(ctx, d);
  const owned = (list(ctx, 'replicasets.apps', d.metadata.namespace) as Any[]).filter(
    (rs) => labelSelectorMatches(spec.selector, rs.metadata.labels) && (rs.metadata.ownerReferences ?? []).some((r: Any) => r.controller && r.uid === d.metadata.uid),
  );
  const want = withoutHash(spec.template);
  // FindNewReplicaSet sorts the list in place by creation time (then name) and
  // takes the first match; the old ones keep that order in OldReplicaSets.
  const byAge = stableSort(owned, (a, b) => (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0) || cmp(a.metadata.name, b.metadata.name));
  const newRS = byAge.find((rs) => withoutHash(rs.spec?.template) === want);
  const oldRSs = byAge.filter((rs) => rs !== newRS);
  const rsString = (xs: Any[]) => xs.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? 0)} max unavailable, ${String(ru.maxSurge ?? 0)} max surge\n`);
    describePodTemplate(spec.template, w);
    if ((st.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${rsString(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${rsString(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeReplicaSet */
export function describeReplicaSet(r: KubeObject, ctx: DescribeContext): string {
  const rs = r as Any;
  const [running, waiting, succeeded, failed] = podStatusForController(ctx, r.metadata.namespace ?? '', rs.spec?.selector, r.metadata.uid);
  const events = eventsFor(ctx, r);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${r.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${r.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', r.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', r.metadata.annotations);
    const cb = printController(r);
    if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(rs.spec?.template, w);
    if ((rs.status?.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of rs.status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeReplicationController */
export function describeReplicationController(r: KubeObject, ctx: DescribeContext): string {
  const rc = r as Any;
  const sel = { matchLabels: rc.spec?.selector ?? {} };
  const [running, waiting, succeeded, failed] = podStatusForController(ctx, r.metadata.namespace ?? '', sel, r.metadata.uid);
  const events = eventsFor(ctx, r);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${r.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${r.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', r.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', r.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(rc.spec?.template, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeDaemonSet */
export function describeDaemonSet(d: KubeObject, ctx: DescribeContext): string {
  const ds = d as Any;
  const st = ds.status ?? {};
  const [running, waiting, succeeded, failed] = podStatusForController(ctx, d.metadata.namespace ?? '', ds.spec?.selector, d.metadata.uid);
  const events = eventsFor(ctx, d);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(ds.spec?.template, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeStatefulSet */
export function describeStatefulSet(s: KubeObject, ctx: DescribeContext): string {
  const ss = s as Any;
  const spec = ss.spec ?? {};
  const [running, waiting, succeeded, failed] = podStatusForController(ctx, s.metadata.namespace ?? '', spec.selector, s.metadata.uid);
  const events = eventsFor(ctx, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(s.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(spec.template, w);
    const vcts = spec.volumeClaimTemplates ?? [];
    if (vcts.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    else {
      w.write(LEVEL_0, 'Volume Claims:\n');
      for (const pvc of vcts) {
        w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
        w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
        printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
        printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
        const cap = pvc.spec?.resources?.requests?.storage;
        w.write(LEVEL_1, `Capacity:\t${cap === undefined ? '<default>' : quantityText(cap)}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeJob */
export function describeJob(j: KubeObject, ctx: DescribeContext): string {
  const job = j as Any;
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const events = eventsFor(ctx, j);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${j.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${j.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', j.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', j.metadata.annotations);
    const cb = printController(j);
    if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
    if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, spec.completions !== undefined && spec.completions !== null ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration((timeOf(st.completionTime) ?? 0) - (timeOf(st.startTime) ?? 0))}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (st.ready === undefined || st.ready === null) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeCronJob */
export function describeCronJob(c: KubeObject, ctx: DescribeContext): string {
  const cj = c as Any;
  const spec = cj.spec ?? {};
  const events = eventsFor(ctx, c);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${c.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${c.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', c.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', c.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(LEVEL_0, spec.successfulJobsHistoryLimit !== undefined ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : 'Successful Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, spec.failedJobsHistoryLimit !== undefined ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : 'Failed Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, spec.startingDeadlineSeconds !== undefined ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
    const jt = spec.jobTemplate?.spec ?? {};
    w.write(LEVEL_0, jt.selector ? `Selector:\t${labelSelectorString(jt.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, jt.parallelism !== undefined ? `Parallelism:\t${jt.parallelism}\n` : 'Parallelism:\t<unset>\n');
    w.write(LEVEL_0, jt.completions !== undefined ? `Completions:\t${jt.completions}\n` : 'Completions:\t<unset>\n');
    if (jt.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
    describePodTemplate(jt.template, w);
    w.write(LEVEL_0, cj.status?.lastScheduleTime ? `Last Schedule Time:\t${rfc1123z(cj.status.lastScheduleTime)}\n` : 'Last Schedule Time:\t<unset>\n');
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active = cj.status?.active ?? [];
    if (active.length === 0) w.writeLine('<none>');
    else w.writeLine(active.map((j: Any) => j.name).join(', '));
    if (events) describeEvents(events, w, ctx.now);
  });
}

// ---------------------------------------------------------------------------
// Nodes

/** @see describe.go describeNode (+ describeNodeResource) */
export function describeNode(n: KubeObject, ctx: DescribeContext): string {
  const node = n as Any;
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  const pods = (list(ctx, 'pods') as Any[]).filter((p) => p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  let events: KubeObject[] | undefined;
  if (ctx.showEvents) {
    events = [
      ...searchEvents(ctx, { name: n.metadata.name ?? '', namespace: '', kind: 'Node', uid: n.metadata.uid }),
      ...searchEvents(ctx, { name: n.metadata.name ?? '', namespace: '', kind: 'Node', uid: n.metadata.name }),
    ];
  }
  const lease = ctx.sim.store.get('leases.coordination.k8s.io', 'kube-node-lease', n.metadata.name ?? '') as Any;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${n.metadata.name}\n`);
    const roles = nodeRoles(n.metadata.labels);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', n.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', n.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints as Taint[]);
    w.write(LEVEL_0, `Unschedulable:\t${!!spec.unschedulable}\n`);
    if (lease) {
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${n.metadata.name}" not found\n`);
    }
    if ((st.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of st.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (rl: Record<string, string>) => {
      for (const r of Object.keys(rl).sort()) w.write(LEVEL_0, `  ${r}:\t${quantityText(rl[r])}\n`);
    };
    if (Object.keys(st.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(st.capacity);
    }
    if (Object.keys(st.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(st.allocatable);
    }
    const ni = st.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${ni.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${ni.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, ctx.now);
    if (events) describeEvents(events, w, ctx.now);
  });
}

function describeNodeResource(pods: Any[], node: Any, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : (node.status?.capacity ?? {});
  const cpuAlloc = Quantity.parse(alloc.cpu).milliValue();
  const memAlloc = Quantity.parse(alloc.memory).value();
  const pct = (x: number, total: number) => (total === 0 ? (x === 0 ? 'NaN' : 'Inf') : String(Math.trunc((x / total) * 100)));
  const zero = new Quantity(0n, 'DecimalSI');
  const totalsReq = new Map<string, Quantity>();
  const totalsLim = new Map<string, Quantity>();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cr = reqs.get('cpu') ?? zero;
    const cl = limits.get('cpu') ?? zero;
    const mr = reqs.get('memory') ?? zero;
    const ml = limits.get('memory') ?? zero;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cr} (${pctInt(cr.milliValue(), cpuAlloc)}%)\t${cl} (${pctInt(cl.milliValue(), cpuAlloc)}%)\t${mr} (${pctInt(mr.value(), memAlloc)}%)\t${ml} (${pctInt(ml.value(), memAlloc)}%)\t${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
    for (const [k, v] of reqs) totalsReq.set(k, totalsReq.has(k) ? totalsReq.get(k)!.add(v) : v);
    for (const [k, v] of limits) totalsLim.set(k, totalsLim.has(k) ? totalsLim.get(k)!.add(v) : v);
  }
  void pct;
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const frac = (q: Quantity, total: number, milli: boolean) => (total !== 0 ? Math.trunc(((milli ? q.milliValue() : q.value()) / total) * 100) : 0);
  const row = (name: string, milli: boolean, total: number) => {
    const r = totalsReq.get(name) ?? zero;
    const l = totalsLim.get(name) ?? zero;
    w.write(LEVEL_1, `${name}\t${r} (${frac(r, total, milli)}%)\t${l} (${frac(l, total, milli)}%)\n`);
  };
  row('cpu', true, cpuAlloc);
  row('memory', false, memAlloc);
  row('ephemeral-storage', false, Quantity.parse(alloc['ephemeral-storage']).value());
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const huge = Object.keys(alloc).filter((r) => r.startsWith('hugepages-')).sort();
  const ext = Object.keys(alloc)
    .filter((r) => !r.startsWith('hugepages-') && !standard.has(r) && !r.startsWith('requests.') && !r.startsWith('limits.'))
    .sort();
  for (const h of huge) row(h, false, Quantity.parse(alloc[h]).value());
  for (const e of ext) w.write(LEVEL_1, `${e}\t${totalsReq.get(e) ?? zero}\t${totalsLim.get(e) ?? zero}\n`);
}

/** int64(float64(x) / float64(total) * 100), Go's conversion of Inf/NaN aside. */
function pctInt(x: number, total: number): number {
  if (total === 0) return x === 0 ? -9223372036854775808 : -9223372036854775808;
  return Math.trunc((x / total) * 100);
}

// ---------------------------------------------------------------------------
// Services and networking

/** formatEndpointSlices: ready endpoints as `ip:port`, up to 3 then ` + N more...`. */
function formatEndpointSlices(slices: Any[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const out: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    if (ports.length === 0) {
      for (const ep of s.endpoints ?? []) {
        if (out.length === max) more = true;
        const ready = ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready;
        if (!ready) continue;
        if (!more) out.push(ep.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const ep of s.endpoints ?? []) {
        if (out.length === max) more = true;
        const addr = ep.addresses[0];
        const ready = ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready;
        if (!ready) continue;
        if (!more) out.push(String(addr).includes(':') ? `[${addr}]:${port.port}` : `${addr}:${port.port}`);
        count++;
      }
    }
  }
  const ret = out.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** @see describe.go describeService (endpoints from EndpointSlices labelled with the service name) */
export function describeService(s: KubeObject, ctx: DescribeContext): string {
  const svc = s as Any;
  const spec = svc.spec ?? {};
  const slices = (list(ctx, 'endpointslices.discovery.k8s.io', s.metadata.namespace) as Any[]).filter((es) => es.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name);
  const events = eventsFor(ctx, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ing = svc.status?.loadBalancer?.ingress ?? [];
    if (ing.length > 0) {
      const text = ing.map((i: Any) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${text}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? ''}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${sp.protocol ?? ''}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? ''}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeEndpointSliceV1 */
export function describeEndpointSlice(e: KubeObject, ctx: DescribeContext): string {
  const es = e as Any;
  const events = eventsFor(ctx, e);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${e.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${e.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', e.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', e.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${es.addressType ?? ''}\n`);
    const ports = es.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of ports) w.write(LEVEL_1, `${p.name ? p.name : '<unset>'}\t${p.port !== undefined ? p.port : '<unset>'}\t${p.protocol ?? ''}\n`);
    }
    const eps = es.endpoints ?? [];
    if (eps.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const ep of eps) {
        w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        w.write(LEVEL_3, `Ready:\t${ep.conditions?.ready === undefined ? '<unset>' : String(ep.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
        if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind}/${ep.targetRef.name}\n`);
        w.write(LEVEL_2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeEndpoints */
export function describeEndpoints(e: KubeObject, ctx: DescribeContext): string {
  const ep = e as Any;
  const events = eventsFor(ctx, e);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${e.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${e.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', e.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', e.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: Any) => a.ip).join(',') || '<none>'}\n`);
      if ((s.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

function npPorts(ports: Any[], indent: string, w: PrefixWriter): void {
  for (const port of ports) {
    const proto = port.protocol ?? 'TCP';
    const p = port.port === undefined ? '<nil>' : String(port.port);
    if (port.endPort === undefined) w.write(LEVEL_0, `${indent}To Port: ${p}/${proto}\n`);
    else w.write(LEVEL_0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
  }
}

function npPeers(peers: Any[], indent: string, label: 'From' | 'To', w: PrefixWriter): void {
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${label}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    else if (peer.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

/** @see describe.go describeNetworkPolicy: the prose form ("Allowing ingress traffic: …"). */
export function describeNetworkPolicy(n: KubeObject): string {
  const np = n as Any;
  const spec = np.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${n.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${n.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(n.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', n.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', n.metadata.annotations);
    w.write(LEVEL_0, 'Spec:\n');
    w.write(LEVEL_1, 'PodSelector: ');
    const ps = spec.podSelector ?? {};
    if (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0) {
      w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
    } else w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
    const types: string[] = spec.policyTypes ?? [];
    const indent = '    ';
    if (types.includes('Ingress')) {
      w.write(LEVEL_1, 'Allowing ingress traffic:\n');
      const rules = spec.ingress ?? [];
      if (rules.length === 0) w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ingress connectivity)\n`);
      rules.forEach((r: Any, i: number) => {
        if ((r.ports ?? []).length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
        else npPorts(r.ports, indent, w);
        if ((r.from ?? []).length === 0) w.write(LEVEL_0, `${indent}From: <any> (traffic not restricted by source)\n`);
        else npPeers(r.from, indent, 'From', w);
        if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
      });
    } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
    if (types.includes('Egress')) {
      w.write(LEVEL_1, 'Allowing egress traffic:\n');
      const rules = spec.egress ?? [];
      if (rules.length === 0) w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for egress connectivity)\n`);
      rules.forEach((r: Any, i: number) => {
        if ((r.ports ?? []).length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
        else npPorts(r.ports, indent, w);
        if ((r.to ?? []).length === 0) w.write(LEVEL_0, `${indent}To: <any> (traffic not restricted by destination)\n`);
        else npPeers(r.to, indent, 'To', w);
        if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
      });
    } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
    w.write(LEVEL_1, `Policy Types: ${types.length > 0 ? types.join(', ') : '<none>'}\n`);
  });
}

/** @see describe.go describeIngressV1 */
export function describeIngress(i: KubeObject, ctx: DescribeContext): string {
  const ing = i as Any;
  const spec = ing.spec ?? {};
  const ns = i.metadata.namespace ?? '';
  const events = eventsFor(ctx, i);
  const backend = (b: Any): string => {
    if (b?.service) {
      const sb = `${b.service.name}:${b.service.port?.number ? b.service.port.number : (b.service.port?.name ?? '')}`;
      const svc = ctx.sim.store.get('services', ns, b.service.name) as Any;
      if (!svc) return `${sb} (<error: services "${b.service.name}" not found>)`;
      let spName = '';
      for (const sp of svc.spec?.ports ?? []) {
        if (b.service.port?.number && b.service.port.number === sp.port) spName = sp.name ?? '';
        else if (b.service.port?.name && b.service.port.name === sp.name) spName = sp.name ?? '';
      }
      const slices = (list(ctx, 'endpointslices.discovery.k8s.io', ns) as Any[]).filter((es) => es.metadata.labels?.['kubernetes.io/service-name'] === b.service.name);
      return `${sb} (${formatEndpointSlices(slices, spName)})`;
    }
    if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
    return '';
  };
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${i.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', i.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    const addrs = [...new Set((ing.status?.loadBalancer?.ingress ?? []).map((x: Any) => x.ip || x.hostname).filter(Boolean) as string[])].sort();
    w.write(LEVEL_0, `Address:\t${addrs.join(',')}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const def = spec.defaultBackend ? backend(spec.defaultBackend) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${def}\n`);
    if ((spec.tls ?? []).length > 0) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const r of spec.rules ?? []) {
      if (!r.http) continue;
      count++;
      w.write(LEVEL_1, `${r.host || '*'}\t\n`);
      for (const p of r.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${backend(p.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, 'Annotations', i.metadata.annotations);
    if (events) describeEvents(events, w, ctx.now);
  });
}

// ---------------------------------------------------------------------------
// Config, namespaces, RBAC, storage, policy

/** @see describe.go ConfigMapDescriber (keys sorted; Go's map order is random) */
export function describeConfigMap(c: KubeObject, ctx: DescribeContext): string {
  const cm = c as Any;
  const events = eventsFor(ctx, c);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${c.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${c.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', c.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', c.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(cm.data ?? {}).sort()) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${Buffer.from(String(cm.binaryData[k]), 'base64').length} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeSecret */
export function describeSecret(s: KubeObject): string {
  const sec = s as Any;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${sec.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(sec.data ?? {}).sort(bytewise)) {
      const bytes = Buffer.from(String(sec.data[k]), 'base64');
      if (k === 'token' && sec.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${bytes.toString('utf8')}\n`);
      else w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
    }
  });
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** @see describe.go describeNamespace (quotas and limit ranges of the namespace) */
export function describeNamespace(n: KubeObject, ctx: DescribeContext): string {
  const ns = n as Any;
  const name = n.metadata.name ?? '';
  const quotas = stableSort(list(ctx, 'resourcequotas', name) as Any[], (a, b) => cmp(a.metadata.name, b.metadata.name));
  const limitRanges = list(ctx, 'limitranges', name) as Any[];
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', n.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', n.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if ((ns.status?.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
    if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
    else {
      w.write(LEVEL_0, 'Resource Quotas\n');
      for (const q of quotas) {
        w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
        const scopes = [...(q.spec?.scopes ?? [])].sort();
        if (scopes.length > 0) {
          w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
          for (const s of scopes) {
            const help = quotaScopeHelp(s);
            if (help) w.write(LEVEL_1, `* ${help}\n`);
          }
        }
        w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
        w.write(LEVEL_1, '--------\t---\t---\n');
        const hard = q.status?.hard ?? {};
        for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    if (limitRanges.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else {
      w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limitRanges) describeLimitRangeSpec(lr.spec, ' ', w);
    }
  });
}

function quotaScopeHelp(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/**
 * describeLimitRangeSpec. Go ranges over a map here, so the resource order
 * is random in kubectl; we print in first-seen order (max, min, default,
 * defaultRequest, ratio keys), which is what most runs show for small maps.
 */
function describeLimitRangeSpec(spec: Any, prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const keys: string[] = [];
    for (const m of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) for (const k of Object.keys(m ?? {})) if (!keys.includes(k)) keys.push(k);
    for (const k of keys) {
      const v = (m: Any) => (m && m[k] !== undefined ? String(m[k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

/** @see describe.go describeLimitRange */
export function describeLimitRange(l: KubeObject): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${l.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${l.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec((l as Any).spec, '', w);
  });
}

/** @see describe.go describeQuota */
export function describeQuota(q: KubeObject): string {
  const rq = q as Any;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
    const scopes = [...(rq.spec?.scopes ?? [])].sort();
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = quotaScopeHelp(s);
        if (help) w.write(LEVEL_0, ` * ${help}\n`);
      }
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = rq.status?.hard ?? {};
    for (const r of Object.keys(hard).sort()) {
      let used = rq.status?.used?.[r] ?? '0';
      const hq = Quantity.parse(hard[r]);
      const uq = Quantity.parse(used);
      if (hq.format !== uq.format) used = new Quantity(BigInt(uq.value()) * 1000n, hq.format).toString();
      w.write(LEVEL_0, `${r}\t${used}\t${hard[r]}\n`);
    }
  });
}

/** @see describe.go describeServiceAccount */
export function describeServiceAccount(s: KubeObject, ctx: DescribeContext): string {
  const sa = s as Any;
  const ns = s.metadata.namespace ?? '';
  const secrets = list(ctx, 'secrets', ns) as Any[];
  const existing = new Set(secrets.map((x) => x.metadata.name));
  const tokens = secrets.filter(
    (x) => x.type === 'kubernetes.io/service-account-token' && x.metadata.annotations?.['kubernetes.io/service-account.name'] === s.metadata.name && x.metadata.annotations?.['kubernetes.io/service-account.uid'] === s.metadata.uid,
  );
  const missing = new Set<string>();
  for (const x of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(x.name)) missing.add(x.name);
  const events = eventsFor(ctx, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    const groups: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((x: Any) => x.name)],
      ['Mountable secrets: ', (sa.secrets ?? []).map((x: Any) => x.name)],
      ['Tokens:            ', tokens.map((x) => x.metadata.name)],
    ];
    groups.sort((a, b) => cmp(a[0], b[0]));
    for (const [header, names] of groups) {
      if (names.length === 0) w.write(LEVEL_0, `${header}\t<none>\n`);
      else {
        let prefix = header;
        for (const n of names) {
          w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
          prefix = '                   ';
        }
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go RoleDescriber / ClusterRoleDescriber (rules broken down per resource, compacted, sorted) */
export function describeRole(r: KubeObject): string {
  const rules = compactSortedRules(((r as Any).rules ?? []).map(policyRule));
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${r.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', r.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', r.metadata.annotations);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const x of rules) {
      w.write(LEVEL_1, `${combineResourceGroup(x.resources, x.apiGroups)}\t${goList(x.nonResourceURLs)}\t${goList(x.resourceNames)}\t${goList(x.verbs)}\n`);
    }
  });
}

/** @see describe.go RoleBindingDescriber / ClusterRoleBindingDescriber */
export function describeRoleBinding(b: KubeObject): string {
  const rb = b as Any;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', b.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', b.metadata.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${rb.roleRef?.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${rb.roleRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of rb.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  });
}

/** @see describe.go describePersistentVolumeClaim */
export function describePersistentVolumeClaim(c: KubeObject, ctx: DescribeContext): string {
  const pvc = c as Any;
  const ns = c.metadata.namespace ?? '';
  const pods = (list(ctx, 'pods', ns) as Any[]).filter((p) => (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === c.metadata.name));
  const events = eventsFor(ctx, c);
  return tabbed((w) => {
    printPersistentVolumeClaim(w, pvc, true, ctx.now);
    w.write(LEVEL_0, 'Used By:\t');
    const names = pods.map((p) => p.metadata.name).sort();
    if (names.length === 0) w.writeLine('<none>');
    names.forEach((nm, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${nm}\n`);
    });
    if ((pvc.status?.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const x of pvc.status.conditions) w.write(LEVEL_1, `${x.type} \t${x.status} \t${rfc1123z(x.lastProbeTime)} \t${rfc1123z(x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describePersistentVolume */
export function describePersistentVolume(v: KubeObject, ctx: DescribeContext): string {
  const pv = v as Any;
  const spec = pv.spec ?? {};
  const events = eventsFor(ctx, v);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${v.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', v.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', v.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t[${(v.metadata.finalizers ?? []).join(' ')}]\n`);
    w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
    if (v.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(v.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityText(spec.capacity?.storage ?? '0')}\n`);
    w.write(LEVEL_0, 'Node Affinity:\t');
    const req = spec.nodeAffinity?.required;
    if (!req) w.writeLine('<none>');
    else {
      w.writeLine('');
      w.write(LEVEL_1, 'Required Terms:\t');
      const terms = req.nodeSelectorTerms ?? [];
      if (terms.length === 0) w.writeLine('<none>');
      else {
        w.writeLine('');
        terms.forEach((t: Any, i: number) => {
          w.write(LEVEL_2, `Term ${i}:\t`);
          const exprs = t.matchExpressions ?? [];
          if (exprs.length === 0) w.writeLine('<none>');
          exprs.forEach((e: Any, j: number) => {
            if (j !== 0) w.write(LEVEL_2, '\t');
            let s = `${e.key} ${String(e.operator).toLowerCase()}`;
            if ((e.values ?? []).length > 0) s += ` [${e.values.join(', ')}]`;
            w.write(LEVEL_0, `${s}\n`);
          });
        });
      }
    }
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    if (spec.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
    else if (spec.nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`);
    else if (spec.local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
    else if (spec.gcePersistentDisk) printGCEPersistentDisk(w, spec.gcePersistentDisk);
    else if (spec.awsElasticBlockStore) printAWSElasticBlockStore(w, spec.awsElasticBlockStore);
    else if (spec.azureFile) {
      const af = spec.azureFile;
      w.write(LEVEL_2, `Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the pod)\n    SecretName:\t${af.secretName ?? ''}\n    SecretNamespace:\t${af.secretNamespace ?? ''}\n    ShareName:\t${af.shareName ?? ''}\n    ReadOnly:\t${!!af.readOnly}\n`);
    }
    else if (spec.csi) {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${!!spec.csi.readOnly}\n`);
      printCSIVolumeAttributes(w, spec.csi.volumeAttributes);
    }
    else w.write(LEVEL_1, '<unknown>\n');
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** printAllowedTopologies: one `Term N:` per selector term, `key in [a, b]` per requirement. */
function printAllowedTopologies(w: PrefixWriter, terms: Any[]): void {
  w.write(LEVEL_0, 'AllowedTopologies:\t');
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((t, i) => {
    w.write(LEVEL_1, `Term ${i}:\t`);
    const reqs: Any[] = t.matchLabelExpressions ?? [];
    if (reqs.length === 0) w.writeLine('<none>');
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_1, '\t');
      const values: string[] = r.values ?? [];
      w.write(LEVEL_0, `${r.key} in${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`);
    });
  });
}

/** @see describe.go describeStorageClass */
export function describeStorageClass(s: KubeObject, ctx: DescribeContext): string {
  const sc = s as Any;
  const ann = s.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No';
  const events = eventsFor(ctx, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefault}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(s.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
    if ((sc.mountOptions ?? []).length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (Array.isArray(sc.allowedTopologies)) printAllowedTopologies(w, sc.allowedTopologies);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describePodDisruptionBudgetV1 */
export function describePDB(p: KubeObject, ctx: DescribeContext): string {
  const pdb = p as Any;
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  const events = eventsFor(ctx, p);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${p.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${p.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describePriorityClass */
export function describePriorityClass(p: KubeObject, ctx: DescribeContext): string {
  const pc = p as Any;
  const events = eventsFor(ctx, p);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${p.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${!!pc.globalDefault}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(p.metadata.annotations)}\n`);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** @see describe.go describeIngressClassV1 */
export function describeIngressClass(o: KubeObject, ctx: DescribeContext): string {
  const params = ((o as Any).spec ?? {}).parameters;
  const events = eventsFor(ctx, o);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${o.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', o.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${(o as Any).spec?.controller ?? ''}\n`);
    if (params) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (params.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${params.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${params.kind ?? ''}\n`);
      w.write(LEVEL_1, `Name:\t${params.name ?? ''}\n`);
      if (params.namespace !== undefined) w.write(LEVEL_1, `Namespace:\t${params.namespace}\n`);
      if (params.scope !== undefined) w.write(LEVEL_1, `Scope:\t${params.scope}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

/**
 * One direction of an HPA's scaling behavior. A direction without policies
 * prints only its stabilization window (when set), as kubectl does.
 *
 * @see describe.go printDirectionBehavior
 */
function printDirectionBehavior(w: PrefixWriter, direction: string, rules: Any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) {
    w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  }
  const policies: Any[] = rules.policies ?? [];
  if (policies.length === 0) return;
  w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(LEVEL_2, 'Policies:\n');
  for (const p of policies) w.write(LEVEL_3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
}

/** @see describe.go describeHorizontalPodAutoscalerV2 */
export function describeHPA(h: KubeObject, ctx: DescribeContext): string {
  const hpa = h as Any;
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  const events = eventsFor(ctx, h);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${h.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${h.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', h.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', h.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(h.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    // describeHorizontalPodAutoscalerV2: a line per metric, its current value from
    // status.currentMetrics at the same index. Values are Quantities, printed in
    // canonical form; a nil one prints Go's "<nil>".
    const q = (v: unknown) => (v === undefined || v === null ? '<nil>' : quantityText(v));
    const utilization = (w2: PrefixWriter, target: Any, current: Any) => {
      if (target?.averageValue !== undefined) {
        w2.write(LEVEL_0, `:\t${current ? q(current.current?.averageValue) : '<unknown>'} / ${q(target.averageValue)}\n`);
      } else {
        const c = current && current.current?.averageUtilization !== undefined ? `${current.current.averageUtilization}% (${q(current.current.averageValue)})` : '<unknown>';
        const t = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
        w2.write(LEVEL_1, `(as a percentage of request):\t${c} / ${t}\n`);
      }
    };
    (spec.metrics ?? []).forEach((m: Any, i: number) => {
      const cur = (st.currentMetrics ?? [])[i];
      switch (m.type) {
        case 'External': {
          const ext = m.external ?? {};
          if (ext.target?.averageValue !== undefined) {
            const c = cur?.external && cur.external.current?.averageValue !== undefined ? q(cur.external.current.averageValue) : '<unknown>';
            w.write(LEVEL_1, `${goQuote(ext.metric?.name ?? '')} (target average value):\t${c} / ${q(ext.target.averageValue)}\n`);
          } else {
            const c = cur?.external ? q(cur.external.current?.value) : '<unknown>';
            w.write(LEVEL_1, `${goQuote(ext.metric?.name ?? '')} (target value):\t${c} / ${q(ext.target?.value)}\n`);
          }
          break;
        }
        case 'Pods': {
          const c = cur?.pods ? q(cur.pods.current?.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${goQuote(m.pods?.metric?.name ?? '')} on pods:\t${c} / ${q(m.pods?.target?.averageValue)}\n`);
          break;
        }
        case 'Object': {
          const obj = m.object ?? {};
          w.write(LEVEL_1, `"${obj.metric?.name ?? ''}" on ${obj.describedObject?.kind ?? ''}/${obj.describedObject?.name ?? ''} `);
          if (obj.target?.type === 'AverageValue') {
            const c = cur?.object ? q(cur.object.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `(target average value):\t${c} / ${q(obj.target.averageValue)}\n`);
          } else {
            const c = cur?.object ? q(cur.object.current?.value) : '<unknown>';
            w.write(LEVEL_0, `(target value):\t${c} / ${q(obj.target?.value)}\n`);
          }
          break;
        }
        case 'Resource':
          w.write(LEVEL_1, `resource ${m.resource?.name ?? ''} on pods`);
          utilization(w, m.resource?.target, cur?.resource);
          break;
        case 'ContainerResource':
          w.write(LEVEL_1, `resource ${m.containerResource?.name ?? ''} of container "${m.containerResource?.container ?? ''}" on pods`);
          utilization(w, m.containerResource?.target, cur?.containerResource);
          break;
        default:
          w.write(LEVEL_1, `<unknown metric type ${goQuote(String(m.type ?? ''))}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas !== undefined ? spec.minReplicas : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    // The API server defaults spec.behavior on every v2 HPA, so this section
    // is almost always there; its tab-less lines end the column block above.
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
    w.write(LEVEL_0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
    if ((st.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

// ---------------------------------------------------------------------------
// Generic

function smartLabelFor(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-|\d+/g) ?? [field];
  return parts
    .filter((p) => p !== '_')
    .map((p) => (acronyms.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

function printUnstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${skipPrefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** genericDescriber: every field of the object, for kinds without a dedicated describer. */
export function describeGeneric(o: KubeObject, ctx: DescribeContext): string {
  const events = eventsFor(ctx, o);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${o.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', o.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
    printUnstructured(w, LEVEL_0, o as unknown as Record<string, unknown>, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** The describer for a kind (`describerMap`), else the generic one. */
export function describerFor(def: KindDefinition): (obj: KubeObject, ctx: DescribeContext) => string {
  const key = def.group ? `${def.kind}.${def.group}` : def.kind;
  const m: Record<string, (obj: KubeObject, ctx: DescribeContext) => string> = {
    Pod: describePod,
    ReplicationController: describeReplicationController,
    Secret: (o) => describeSecret(o),
    Service: describeService,
    ServiceAccount: describeServiceAccount,
    Node: describeNode,
    LimitRange: (o) => describeLimitRange(o),
    ResourceQuota: (o) => describeQuota(o),
    PersistentVolume: describePersistentVolume,
    PersistentVolumeClaim: describePersistentVolumeClaim,
    Namespace: describeNamespace,
    Endpoints: describeEndpoints,
    'EndpointSlice.discovery.k8s.io': describeEndpointSlice,
    ConfigMap: describeConfigMap,
    'HorizontalPodAutoscaler.autoscaling': describeHPA,
    'Ingress.networking.k8s.io': describeIngress,
    'Job.batch': describeJob,
    'CronJob.batch': describeCronJob,
    'StatefulSet.apps': describeStatefulSet,
    'Deployment.apps': describeDeployment,
    'DaemonSet.apps': describeDaemonSet,
    'ReplicaSet.apps': describeReplicaSet,
    'StorageClass.storage.k8s.io': describeStorageClass,
    'PodDisruptionBudget.policy': describePDB,
    'Role.rbac.authorization.k8s.io': (o) => describeRole(o),
    'ClusterRole.rbac.authorization.k8s.io': (o) => describeRole(o),
    'RoleBinding.rbac.authorization.k8s.io': (o) => describeRoleBinding(o),
    'ClusterRoleBinding.rbac.authorization.k8s.io': (o) => describeRoleBinding(o),
    'NetworkPolicy.networking.k8s.io': (o) => describeNetworkPolicy(o),
    'PriorityClass.scheduling.k8s.io': describePriorityClass,
    'IngressClass.networking.k8s.io': describeIngressClass,
  };
  return m[key] ?? describeGeneric;
}

export { resourceKey };
