import { cloneJson, isDict, type Dict } from '../../api/meta.js';
import type { AdmissionPlugin, AdmissionRequest } from '../api-server.js';
import type { FieldError } from '../field-errors.js';
import { formatFieldError, type StatusError } from '../status-errors.js';
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

const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];
const STRICTNESS: Record<Level, number> = { privileged: 0, baseline: 1, restricted: 2 };
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

interface LevelVersion {
  level: Level;
  version: string;
}

/**
 * The enforce policy a namespace's labels give (api.PolicyToEvaluate: the
 * default is privileged:latest; an unparsable level counts as restricted, an
 * unparsable version as latest) and the label errors, as field errors.
 *
 * @see k8s.io/pod-security-admission/api/helpers.go PolicyToEvaluate
 */
function namespacePolicy(labels: Record<string, string>): { enforce: LevelVersion; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const enforce: LevelVersion = { level: 'privileged', version: 'latest' };
  const levelOf = (label: string, onError: Level): Level | undefined => {
    if (!(label in labels)) return undefined;
    const v = labels[label];
    if ((LEVELS as string[]).includes(v)) return v as Level;
    errors.push({ type: 'Invalid', field: `metadata.labels[${label}]`, value: v, detail: `must be one of ${LEVELS.join(', ')}` });
    return onError;
  };
  const versionOf = (label: string): string | undefined => {
    if (!(label in labels)) return undefined;
    const v = labels[label];
    if (v === 'latest' || VERSION.test(v)) return v;
    errors.push({ type: 'Invalid', field: `metadata.labels[${label}]`, value: v, detail: 'must be "latest" or "v1.x"' });
    return 'latest';
  };
  // Label order as PolicyToEvaluate reads them; audit and warn fail open, enforce fails closed.
  enforce.level = levelOf('pod-security.kubernetes.io/enforce', 'restricted') ?? enforce.level;
  enforce.version = versionOf('pod-security.kubernetes.io/enforce-version') ?? enforce.version;
  for (const mode of ['audit', 'warn']) {
    levelOf(`pod-security.kubernetes.io/${mode}`, 'privileged');
    versionOf(`pod-security.kubernetes.io/${mode}-version`);
  }
  return { enforce, errors };
}

/**
 * PodSecurity on namespaces: labels must parse (else the write is refused
 * as Invalid), and tightening the enforce level checks the pods already
 * there, which stay but are reported as warnings: one line naming the
 * namespace and level, then one per distinct set of failed checks, led by
 * the lexically first pod with it and a count of the others, sorted.
 *
 * @see k8s.io/pod-security-admission/admission/admission.go ValidateNamespace, EvaluatePodsInNamespace
 */
function admitNamespace(req: AdmissionRequest): StatusError | undefined {
  const labels = req.object.metadata.labels ?? {};
  const next = namespacePolicy(labels);
  const message = next.errors.length === 1 ? formatFieldError(next.errors[0]) : `[${next.errors.map(formatFieldError).join(', ')}]`;
  if (req.operation === 'CREATE') return next.errors.length > 0 ? labelsInvalid(req, message) : undefined;
  const old = namespacePolicy(req.old?.metadata.labels ?? {});
  const oldMessage = old.errors.length === 1 ? formatFieldError(old.errors[0]) : `[${old.errors.map(formatFieldError).join(', ')}]`;
  if (next.errors.length > 0 && (old.errors.length === 0 || message !== oldMessage)) return labelsInvalid(req, message);
  const { level, version } = next.enforce;
  if (level === old.enforce.level && version === old.enforce.version) return undefined;
  if (level === 'privileged') return undefined;
  if (version === old.enforce.version && STRICTNESS[level] <= STRICTNESS[old.enforce.level]) return undefined;
  const name = req.object.metadata.name ?? '';
  const byReason = new Map<string, { pod: string; count: number }>();
  for (const pod of req.api.store.list('pods')) {
    if ((pod.metadata.namespace ?? 'default') !== name) continue;
    const failures = podSecurityFailures(podSpec(cloneJson(pod)), level);
    if (failures.length === 0) continue;
    const reason = failures.map((f) => f.reason).join(', ');
    const seen = byReason.get(reason);
    const podName = pod.metadata.name ?? '';
    if (!seen) byReason.set(reason, { pod: podName, count: 1 });
    else {
      seen.count++;
      if (podName < seen.pod) seen.pod = podName;
    }
  }
  if (byReason.size === 0) return undefined;
  const perPod = [...byReason].map(([reason, c]) => {
    const who = c.count === 1 ? c.pod : c.count === 2 ? `${c.pod} (and 1 other pod)` : `${c.pod} (and ${c.count - 1} other pods)`;
    return `${who}: ${reason}`;
  });
  // Go's sort.Strings: byte order.
  perPod.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  (req.warnings ??= []).push(`existing pods in namespace ${JSON.stringify(name)} violate the new PodSecurity enforce level "${level}:${version}"`, ...perPod);
  return undefined;
}

/**
 * The built-in plugin turns the library's Invalid response into a status
 * built by admission.NewForbidden with the message and reason replaced:
 * details name the namespace but carry no causes, so kubectl prints only
 * `The namespaces "x" is invalid`.
 *
 * @see kubernetes/plugin/pkg/admission/security/podsecurity/admission.go Validate
 */
function labelsInvalid(req: AdmissionRequest, message: string): StatusError {
  return { ...admissionForbidden(req, 'Not allowed by PodSecurity'), reason: 'Invalid', code: 422, message };
}

export const podSecurityAdmission: AdmissionPlugin = {
  name: 'PodSecurity',
  phase: 'validating',
  admit(req) {
    if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return undefined;
    if (req.def.kind === 'Namespace' && req.def.group === '') return admitNamespace(req);
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
