import { isDict, type Dict } from '../../api/meta.js';
import type { AdmissionPlugin } from '../api-server.js';
import { admissionForbidden, containersOf, isPod, podSpec } from './util.js';

/**
 * PodSecurity admission (enforce mode): a namespace labelled
 * `pod-security.kubernetes.io/enforce: baseline|restricted` refuses pods
 * that break the Pod Security Standards, listing each failed check as
 * `reason (detail)`.
 *
 * @see k8s.io/pod-security-admission/policy (check_*.go)
 * @see k8s.io/pod-security-admission/admission/admission.go
 */
type Level = 'privileged' | 'baseline' | 'restricted';

interface Failure {
  reason: string;
  detail: string;
}

const sc = (c: Dict): Dict => (isDict(c.securityContext) ? c.securityContext : {});
const quoteJoin = (xs: string[]): string => xs.map((x) => JSON.stringify(x)).join(', ');
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const who = (names: string[]): string => `${plural(names.length, 'container', 'containers')} ${quoteJoin(names)}`;

const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image']);

function allContainers(spec: Dict): Dict[] {
  return [...containersOf(spec, 'initContainers'), ...containersOf(spec, 'containers'), ...(Array.isArray(spec.ephemeralContainers) ? spec.ephemeralContainers.filter(isDict) : [])];
}

function caps(c: Dict, which: 'add' | 'drop'): string[] {
  const capabilities = sc(c).capabilities;
  return isDict(capabilities) && Array.isArray(capabilities[which]) ? capabilities[which].map(String) : [];
}

function baselineChecks(spec: Dict, containers: Dict[]): [string, Failure | undefined][] {
  const podSc = isDict(spec.securityContext) ? spec.securityContext : {};
  const checks: [string, Failure | undefined][] = [];
  // capabilities_baseline
  const badCaps = new Set<string>();
  const capContainers: string[] = [];
  for (const c of containers) {
    const bad = caps(c, 'add').filter((x) => !BASELINE_CAPS.has(x));
    if (bad.length > 0) {
      capContainers.push(String(c.name));
      bad.forEach((b) => badCaps.add(b));
    }
  }
  checks.push(['capabilities_baseline', capContainers.length ? { reason: 'non-default capabilities', detail: `${who(capContainers)} must not include ${quoteJoin([...badCaps])} in securityContext.capabilities.add` } : undefined]);
  // hostNamespaces
  const hostNs = ['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => spec[f] === true).map((f) => `${f}=true`);
  checks.push(['hostNamespaces', hostNs.length ? { reason: 'host namespaces', detail: hostNs.join(', ') } : undefined]);
  // hostPathVolumes
  const hostPaths = (Array.isArray(spec.volumes) ? spec.volumes.filter(isDict) : []).filter((v) => isDict(v.hostPath)).map((v) => String(v.name));
  checks.push(['hostPathVolumes', hostPaths.length ? { reason: 'hostPath volumes', detail: `${plural(hostPaths.length, 'volume', 'volumes')} ${quoteJoin(hostPaths)}` } : undefined]);
  // hostPorts
  const hpContainers: string[] = [];
  const hostPorts: number[] = [];
  for (const c of containers) {
    const ports = (Array.isArray(c.ports) ? c.ports.filter(isDict) : []).map((p) => Number(p.hostPort ?? 0)).filter((p) => p !== 0);
    if (ports.length) {
      hpContainers.push(String(c.name));
      hostPorts.push(...ports);
    }
  }
  checks.push([
    'hostPorts',
    hpContainers.length
      ? { reason: 'hostPort', detail: `${who(hpContainers)} ${plural(hpContainers.length, 'uses', 'use')} ${plural(hostPorts.length, 'hostPort', 'hostPorts')} ${hostPorts.join(', ')}` }
      : undefined,
  ]);
  // privileged
  const priv = containers.filter((c) => sc(c).privileged === true).map((c) => String(c.name));
  checks.push(['privileged', priv.length ? { reason: 'privileged', detail: `${who(priv)} must not set securityContext.privileged=true` } : undefined]);
  // seccompProfile_baseline
  const podSeccomp = isDict(podSc.seccompProfile) ? podSc.seccompProfile.type : undefined;
  const unconfined = containers.filter((c) => isDict(sc(c).seccompProfile) && (sc(c).seccompProfile as Dict).type === 'Unconfined').map((c) => String(c.name));
  const seccompParts: string[] = [];
  if (podSeccomp === 'Unconfined') seccompParts.push('pod');
  if (unconfined.length) seccompParts.push(who(unconfined));
  checks.push(['seccompProfile_baseline', seccompParts.length ? { reason: 'seccompProfile', detail: `${seccompParts.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"` } : undefined]);
  return checks;
}

function restrictedChecks(spec: Dict, containers: Dict[]): [string, Failure | undefined][] {
  const podSc = isDict(spec.securityContext) ? spec.securityContext : {};
  const checks: [string, Failure | undefined][] = [];
  const ape = containers.filter((c) => sc(c).allowPrivilegeEscalation !== false).map((c) => String(c.name));
  checks.push(['allowPrivilegeEscalation', ape.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${who(ape)} must set securityContext.allowPrivilegeEscalation=false` } : undefined]);
  const noDrop = containers.filter((c) => !caps(c, 'drop').includes('ALL')).map((c) => String(c.name));
  const badAdd = containers.filter((c) => caps(c, 'add').some((x) => x !== 'NET_BIND_SERVICE'));
  const capDetails: string[] = [];
  if (noDrop.length) capDetails.push(`${who(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (badAdd.length) {
    const added = [...new Set(badAdd.flatMap((c) => caps(c, 'add').filter((x) => x !== 'NET_BIND_SERVICE')))];
    capDetails.push(`${who(badAdd.map((c) => String(c.name)))} must not include ${quoteJoin(added)} in securityContext.capabilities.add`);
  }
  checks.push(['capabilities_restricted', capDetails.length ? { reason: 'unrestricted capabilities', detail: capDetails.join('; ') } : undefined]);
  const restrictedVols = (Array.isArray(spec.volumes) ? spec.volumes.filter(isDict) : []).flatMap((v) => {
    const type = Object.keys(v).find((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
    return type && !RESTRICTED_VOLUMES.has(type) ? [`volume ${JSON.stringify(String(v.name))} uses restricted volume type ${JSON.stringify(type)}`] : [];
  });
  checks.push(['restrictedVolumes', restrictedVols.length ? { reason: 'restricted volume types', detail: restrictedVols.join(', ') } : undefined]);
  // runAsNonRoot
  const podNonRoot = podSc.runAsNonRoot;
  const explicitFalse = containers.filter((c) => sc(c).runAsNonRoot === false).map((c) => String(c.name));
  const unset = containers.filter((c) => sc(c).runAsNonRoot === undefined).map((c) => String(c.name));
  let nonRoot: Failure | undefined;
  if (podNonRoot === false || explicitFalse.length) {
    const parts = [...(podNonRoot === false ? ['pod'] : []), ...(explicitFalse.length ? [who(explicitFalse)] : [])];
    nonRoot = { reason: 'runAsNonRoot != true', detail: `${parts.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  } else if (podNonRoot !== true && unset.length) {
    nonRoot = { reason: 'runAsNonRoot != true', detail: `pod or ${who(unset)} must set securityContext.runAsNonRoot=true` };
  }
  checks.push(['runAsNonRoot', nonRoot]);
  const rootUsers = containers.filter((c) => sc(c).runAsUser === 0).map((c) => String(c.name));
  const rootParts = [...(podSc.runAsUser === 0 ? ['pod'] : []), ...(rootUsers.length ? [who(rootUsers)] : [])];
  checks.push(['runAsUser', rootParts.length ? { reason: 'runAsUser=0', detail: `${rootParts.join(' and ')} must not set runAsUser=0` } : undefined]);
  // seccompProfile_restricted
  const podType = isDict(podSc.seccompProfile) ? podSc.seccompProfile.type : undefined;
  const okType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const typeOf = (c: Dict) => (isDict(sc(c).seccompProfile) ? (sc(c).seccompProfile as Dict).type : undefined);
  const badExplicit = containers.filter((c) => typeOf(c) !== undefined && !okType(typeOf(c))).map((c) => String(c.name));
  const unsetSeccomp = okType(podType) ? [] : containers.filter((c) => typeOf(c) === undefined).map((c) => String(c.name));
  const seccompDetails: string[] = [];
  if (podType !== undefined && !okType(podType)) seccompDetails.push(`pod must not set securityContext.seccompProfile.type to ${JSON.stringify(String(podType))}`);
  if (badExplicit.length) {
    const types = [...new Set(containers.filter((c) => badExplicit.includes(String(c.name))).map((c) => String(typeOf(c))))];
    seccompDetails.push(`${who(badExplicit)} must not set securityContext.seccompProfile.type to ${quoteJoin(types)}`);
  }
  if (unsetSeccomp.length) seccompDetails.push(`pod or ${who(unsetSeccomp)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
  checks.push(['seccompProfile_restricted', seccompDetails.length ? { reason: 'seccompProfile', detail: seccompDetails.join('; ') } : undefined]);
  return checks;
}

/** The failed checks of a pod spec at a level, in the order PodSecurity reports them (by check id). */
export function podSecurityFailures(spec: Dict, level: Level): Failure[] {
  if (level === 'privileged') return [];
  const containers = allContainers(spec);
  let checks = baselineChecks(spec, containers);
  if (level === 'restricted') {
    // Restricted checks replace their baseline counterparts.
    const overridden = new Set(['capabilities_baseline', 'seccompProfile_baseline', 'hostPathVolumes']);
    checks = [...checks.filter(([id]) => !overridden.has(id)), ...restrictedChecks(spec, containers)];
  }
  return checks
    .sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : a[0].toLowerCase() > b[0].toLowerCase() ? 1 : 0))
    .flatMap(([, f]) => (f ? [f] : []));
}

/** The pod spec inside a workload object (Deployment, Job, CronJob, …), if any. */
function templateSpec(obj: Dict): Dict | undefined {
  const spec = isDict(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (isDict(spec.template) && isDict(spec.template.spec)) return spec.template.spec;
  const jt = spec.jobTemplate;
  if (isDict(jt) && isDict(jt.spec) && isDict(jt.spec.template) && isDict(jt.spec.template.spec)) return jt.spec.template.spec;
  return undefined;
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate']);

function verdict(labels: Record<string, string>, mode: 'enforce' | 'warn', spec: Dict): string | undefined {
  const level = labels[`pod-security.kubernetes.io/${mode}`] as Level | undefined;
  if (level !== 'baseline' && level !== 'restricted') return undefined;
  const version = labels[`pod-security.kubernetes.io/${mode}-version`] || 'latest';
  const failures = podSecurityFailures(spec, level);
  if (failures.length === 0) return undefined;
  return `PodSecurity "${level}:${version}": ${failures.map((f) => `${f.reason} (${f.detail})`).join(', ')}`;
}

export const podSecurityAdmission: AdmissionPlugin = {
  name: 'PodSecurity',
  phase: 'validating',
  admit(req) {
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return undefined;
    const pod = isPod(req);
    if (!pod && !WORKLOADS.has(req.def.kind)) return undefined;
    const ns = req.api.store.get('namespaces', '', req.object.metadata.namespace ?? 'default');
    const labels = ns?.metadata.labels ?? {};
    const spec = pod ? podSpec(req.object) : templateSpec(req.object);
    if (!spec) return undefined;
    if (pod && req.operation === 'CREATE') {
      const enforced = verdict(labels, 'enforce', spec);
      if (enforced) return admissionForbidden(req, `violates ${enforced}`);
    }
    // Updates are only checked when the pod spec changed (as the plugin skips metadata-only updates).
    if (req.operation === 'UPDATE' && req.old && JSON.stringify(pod ? req.old.spec : templateSpec(req.old)) === JSON.stringify(spec)) return undefined;
    const warned = verdict(labels, 'warn', spec);
    if (warned) (req.warnings ??= []).push(`would violate ${warned}`);
    return undefined;
  },
};
