import { isDict, jsonEqual, type Dict, type KubeObject } from '../../api/meta.js';
import { canonicalQuantity, exactMilliValue, parseQuantityExact } from '../../api/quantity.js';
import { goQuote } from '../status-errors.js';
import { isDNS1123Label } from './names.js';

/**
 * The API server's warnings about a pod spec that validation lets through
 * (kubectl prints each as `Warning: …`): deprecated node labels and
 * annotations, removed volume plugins, empty or repeated image pull secret
 * names, fractional byte quantities, env vars that hide earlier ones,
 * duplicated container ports. Pods get them on create (a pod's name that is
 * not a DNS label too); workloads for their pod template on create and on
 * every update that changes their spec.
 *
 * @see kubernetes/pkg/api/pod/warnings.go warningsForPodSpecAndMeta
 * @see kubernetes/pkg/api/node/util.go deprecatedNodeLabels
 * @see kubernetes/pkg/registry/core/pod/strategy.go WarningsOnCreate, WarningsOnUpdate
 */

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: [string, string][] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

/** Volume plugins on their way out, in the order the checks run. */
const DEPRECATED_VOLUMES: [string, string][] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';

const arr = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);
const dict = (v: unknown): Dict => (isDict(v) ? v : {});
/** Go ranges over a map in random order; sorted keys keep the simulation deterministic. */
const keys = (v: unknown): string[] => Object.keys(dict(v)).sort();

/** The warnings on creating a pod. */
export function podWarningsOnCreate(pod: KubeObject): string[] {
  const out: string[] = [];
  const dns = isDNS1123Label(pod.metadata.name ?? '');
  if (dns.length > 0) out.push(`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${dns.join(' ')}]`);
  out.push(...podSpecWarnings('', dict(pod.spec), pod.metadata.annotations ?? {}));
  return out;
}

/**
 * The warnings for a workload's pod template at `path` (`spec.template`,
 * `spec.jobTemplate.spec.template`), given on create and on updates that
 * change the spec (the generation moves).
 */
export function templateWarnings(obj: KubeObject, old: KubeObject | undefined, path: string[]): string[] {
  if (old && jsonEqual(old.spec, obj.spec)) return [];
  let template: unknown = obj;
  for (const p of path) template = dict(template)[p];
  const t = dict(template);
  return podSpecWarnings(`${path.join('.')}.`, dict(t.spec), dict(dict(t.metadata).annotations) as Record<string, string>);
}

function podSpecWarnings(prefix: string, spec: Dict, annotations: Record<string, string>): string[] {
  const w: string[] = [];
  const at = (rest: string) => `${prefix}${rest}`;

  for (const k of keys(spec.nodeSelector)) {
    if (DEPRECATED_NODE_LABELS[k]) w.push(`${at(`spec.nodeSelector[${k}]`)}: ${DEPRECATED_NODE_LABELS[k]}`);
  }
  const nodeAffinity = dict(dict(spec.affinity).nodeAffinity);
  arr(dict(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms).forEach((term, i) => {
    w.push(...termWarnings(term, at(`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`)));
  });
  arr(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
    w.push(...termWarnings(dict(term.preference), at(`spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`)));
  });
  arr(spec.topologySpreadConstraints).forEach((t, i) => {
    const key = String(t.topologyKey ?? '');
    if (DEPRECATED_NODE_LABELS[key]) w.push(`${at(`spec.topologySpreadConstraints[${i}].topologyKey`)}: ${key} is ${DEPRECATED_NODE_LABELS[key]}`);
  });

  for (const [key, message] of DEPRECATED_ANNOTATIONS) {
    if (key in annotations) w.push(`${at(`metadata.annotations[${key}]`)}: ${message}`);
  }

  arr(spec.volumes).forEach((v, i) => {
    for (const [plugin, message] of DEPRECATED_VOLUMES) if (v[plugin] !== undefined && v[plugin] !== null) w.push(`${at(`spec.volumes[${i}].${plugin}`)}: ${message}`);
  });

  const aliases = arr(spec.hostAliases);
  const ips = new Set<string>();
  aliases.forEach((a, i) => {
    const ip = String(a.ip ?? '');
    if (aliases.length > 1 && ips.has(ip)) w.push(`${at(`spec.hostAliases[${i}].ip`)}: duplicate ip ${goQuote(ip)}`);
    ips.add(ip);
  });

  const pullSecrets = arr(spec.imagePullSecrets);
  const seen = new Set<string>();
  pullSecrets.forEach((s, i) => {
    const name = String(s.name ?? '');
    if (pullSecrets.length > 1 && seen.has(name)) w.push(`${at(`spec.imagePullSecrets[${i}].name`)}: duplicate name ${goQuote(name)}`);
    seen.add(name);
  });
  pullSecrets.forEach((s, i) => {
    if (!s.name) w.push(`${at(`spec.imagePullSecrets[${i}].name`)}: invalid empty name ""`);
  });

  for (const resource of ['memory', 'ephemeral-storage']) {
    const fractional = fractionalBytes(dict(spec.overhead)[resource]);
    if (fractional) w.push(`${at(`spec.overhead[${resource}]`)}: fractional byte value ${goQuote(fractional)} is invalid, must be an integer`);
  }

  const seccomp = isDict(spec.securityContext) && spec.securityContext.seccompProfile !== undefined;
  if (!seccomp && SECCOMP_POD in annotations) w.push(`${at(`metadata.annotations[${SECCOMP_POD}]`)}: non-functional in v1.27+; use the "seccompProfile" field instead`);

  const containers = visitContainers(spec, at('spec'));
  for (const { c, path } of containers) {
    const sc = dict(c.securityContext);
    const annotation = `${SECCOMP_CONTAINER}${String(c.name ?? '')}`;
    if (sc.seccompProfile === undefined && annotation in annotations) {
      w.push(`${at(`metadata.annotations[${annotation}]`)}: non-functional in v1.27+; use the "seccompProfile" field instead`);
    }
    const resources = dict(c.resources);
    for (const [kind, resource] of [['limits', 'memory'], ['requests', 'memory'], ['limits', 'ephemeral-storage'], ['requests', 'ephemeral-storage']]) {
      const fractional = fractionalBytes(dict(resources[kind])[resource]);
      if (fractional) w.push(`${path}.resources.${kind}[${resource}]: fractional byte value ${goQuote(fractional)} is invalid, must be an integer`);
    }
    const env = arr(c.env);
    const names = new Set<string>();
    env.forEach((e, i) => {
      const name = String(e.name ?? '');
      if (env.length > 1 && names.has(name)) {
        const ref = `$(${name})`;
        const value = typeof e.value === 'string' ? e.value : '';
        // Only a value that builds on the earlier one ("$(X)-suffix") is safe.
        if (e.valueFrom !== undefined || value === ref || !value.includes(ref)) {
          w.push(`${path}.env[${i}]: hides previous definition of ${goQuote(name)}, which may be dropped when using apply`);
        }
      }
      names.add(name);
    });
  }

  // The same port and protocol twice, across all containers.
  const ports = new Map<string, { field: string; hostIP: string; hostPort: number }[]>();
  for (const { c, path } of containers) {
    arr(c.ports).forEach((p, i) => {
      const field = `${path}.ports[${i}]`;
      const hostIP = String(p.hostIP ?? '');
      const hostPort = typeof p.hostPort === 'number' ? p.hostPort : 0;
      const key = `${String(p.containerPort)}/${String(p.protocol ?? 'TCP')}`;
      const others = ports.get(key) ?? [];
      for (const o of others) {
        if (hostIP === o.hostIP && hostPort === o.hostPort) w.push(`${field}: duplicate port definition with ${o.field}`);
        else if (hostPort === 0 || o.hostPort === 0) w.push(`${field}: overlapping port definition with ${o.field}`);
        else if (hostPort === o.hostPort && (hostIP === '') !== (o.hostIP === '')) w.push(`${field}: dangerously ambiguous port definition with ${o.field}`);
      }
      ports.set(key, [...others, { field, hostIP, hostPort }]);
    });
  }
  return w;
}

function termWarnings(term: Dict, path: string): string[] {
  return arr(term.matchExpressions).flatMap((e, i) => {
    const key = String(e.key ?? '');
    return DEPRECATED_NODE_LABELS[key] ? [`${path}.matchExpressions[${i}].key: ${key} is ${DEPRECATED_NODE_LABELS[key]}`] : [];
  });
}

/** Init, regular and ephemeral containers with their field paths (pods.VisitContainersWithPath). */
function visitContainers(spec: Dict, specPath: string): { c: Dict; path: string }[] {
  const out: { c: Dict; path: string }[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) arr(spec[list]).forEach((c, i) => out.push({ c, path: `${specPath}.${list}[${i}]` }));
  return out;
}

/** The quantity's canonical form when it is not a whole number of bytes. */
function fractionalBytes(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    if (exactMilliValue(parseQuantityExact(String(v))) % 1000n === 0n) return undefined;
    return canonicalQuantity(v);
  } catch {
    return undefined;
  }
}
