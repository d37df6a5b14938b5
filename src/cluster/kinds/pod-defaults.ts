import { isDict, type Dict } from '../api/meta.js';
import { canonicalQuantity, isValidQuantity } from '../apiserver/validation/quantity.js';

/**
 * Quantities are stored in canonical form (`1.5Gi` → `1536Mi`, `0.5` →
 * `500m`, numbers → strings), as the API server's Quantity round trip does.
 * Values that do not parse are left for the decode check to reject.
 */
export function canonicalizeResourceList(list: unknown): void {
  if (!isDict(list)) return;
  for (const [k, v] of Object.entries(list)) {
    if ((typeof v === 'string' || typeof v === 'number') && isValidQuantity(v)) list[k] = canonicalQuantity(v);
  }
}

/**
 * Defaulting of pod specs, shared by Pod and every pod template (Deployment,
 * ReplicaSet, DaemonSet, StatefulSet, Job, CronJob): what `-o yaml` of a
 * created object shows that the manifest did not say.
 *
 * @see kubernetes/pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe, SetDefaults_Volume
 */
export function defaultPodSpec(spec: Dict): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  if (spec.hostNetwork === true) defaultHostNetworkPorts(spec);
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = spec[field];
    if (Array.isArray(list)) for (const c of list) if (isDict(c)) defaultContainer(c);
  }
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) if (isDict(v)) defaultVolume(v);
}

/** Pull policy: Always for `:latest` or no tag, IfNotPresent otherwise (a digest counts as a tag). */
export function defaultPullPolicy(image: string): string {
  // An image that does not parse (empty, upper case) has no tag: IfNotPresent.
  if (image === '' || image.includes('@')) return 'IfNotPresent';
  const repo = image.replace(/:[^/:]*$/, '');
  if (/[A-Z]/.test(repo.slice(repo.indexOf('/') + 1)) || /\s/.test(image)) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  const colon = tail.lastIndexOf(':');
  const tag = colon >= 0 ? tail.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Dict): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (isDict(c.resources)) {
    canonicalizeResourceList(c.resources.limits);
    canonicalizeResourceList(c.resources.requests);
  }
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isDict(p)) p.protocol ??= 'TCP';
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      const fieldRef = isDict(e) && isDict(e.valueFrom) ? e.valueFrom.fieldRef : undefined;
      if (isDict(fieldRef)) fieldRef.apiVersion ??= 'v1';
      const resRef = isDict(e) && isDict(e.valueFrom) ? e.valueFrom.resourceFieldRef : undefined;
      if (isDict(resRef)) resRef.divisor ??= '0';
    }
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probe];
    if (isDict(p)) defaultProbe(p);
  }
  if (isDict(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = c.lifecycle[hook];
      if (isDict(h) && isDict(h.httpGet)) defaultHttpGet(h.httpGet);
    }
  }
}

function defaultProbe(p: Dict): void {
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (isDict(p.httpGet)) defaultHttpGet(p.httpGet);
  if (isDict(p.grpc)) p.grpc.service ??= '';
}

function defaultHttpGet(h: Dict): void {
  h.path ??= '/';
  h.scheme ??= 'HTTP';
}

const SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** The volume sources a volume names (validation wants exactly one). */
export function volumeSources(v: Dict): string[] {
  return SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
}

function defaultVolume(v: Dict): void {
  if (volumeSources(v).length === 0) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = v[s];
    if (isDict(src)) src.defaultMode ??= 420;
  }
  if (isDict(v.hostPath)) v.hostPath.type ??= '';
  if (isDict(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
    const holder = { sizeLimit: v.emptyDir.sizeLimit };
    canonicalizeResourceList(holder);
    v.emptyDir.sizeLimit = holder.sizeLimit;
  }
  if (isDict(v.downwardAPI) && Array.isArray(v.downwardAPI.items)) {
    for (const it of v.downwardAPI.items) if (isDict(it) && isDict(it.fieldRef)) it.fieldRef.apiVersion ??= 'v1';
  }
}

function defaultHostNetworkPorts(spec: Dict): void {
  for (const field of ['initContainers', 'containers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isDict(c) || !Array.isArray(c.ports)) continue;
      for (const p of c.ports) if (isDict(p) && p.hostPort === undefined) p.hostPort = p.containerPort;
    }
  }
}

/** A pod template inside a workload: template metadata and pod spec defaults. */
export function defaultPodTemplate(template: unknown): void {
  if (!isDict(template)) return;
  const meta = isDict(template.metadata) ? template.metadata : (template.metadata = {});
  // metav1.Time's zero value, as the API server serialises it in templates.
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  if (isDict(template.spec)) defaultPodSpec(template.spec);
}

/** SetDefaults_Pod: requests default to limits, service links on. */
export function defaultPodOnly(spec: Dict): void {
  for (const field of ['initContainers', 'containers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isDict(c) || !isDict(c.resources) || !isDict(c.resources.limits)) continue;
      const requests = isDict(c.resources.requests) ? c.resources.requests : {};
      for (const [k, v] of Object.entries(c.resources.limits)) if (requests[k] === undefined) requests[k] = v;
      c.resources.requests = requests;
    }
  }
  spec.enableServiceLinks ??= true;
}
