import { isDict, type Dict } from '../../api/meta.js';
import type { FieldError } from '../field-errors.js';
import { volumeSources } from '../../kinds/pod-defaults.js';
import { child, duplicate, forbidden, idx, invalid, nonNegative, notFound, notSupported, required, goSyntax } from './field.js';
import { isQualifiedName, isValidLabelValue, validateLabels } from './labels.js';
import { inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './names.js';
import { validateResourceRequirements } from './resources.js';

/**
 * ValidatePodSpec and the container checks beneath it, in the order the
 * API server reports them.
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidatePodSpec, validateContainers, ValidateVolumes, ValidateTolerations
 */
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function validatePodSpec(spec: Dict | undefined, path: string): FieldError[] {
  if (!spec) return [required(path)];
  const errs: FieldError[] = [];
  const vols = validateVolumes(arr(spec.volumes), child(path, 'volumes'), errs);
  errs.push(...validateContainers(arr(spec.containers), vols, child(path, 'containers')));
  errs.push(...validateInitContainers(arr(spec.initContainers), arr(spec.containers), vols, child(path, 'initContainers')));
  errs.push(...validateRestartPolicy(spec.restartPolicy, child(path, 'restartPolicy')));
  errs.push(...validateDNSPolicy(spec.dnsPolicy, child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  // An empty name is let through with a warning (pod-warnings.ts).
  if (spec.serviceAccountName) {
    for (const m of isDNS1123Subdomain(str(spec.serviceAccountName))) errs.push(invalid(child(path, 'serviceAccountName'), spec.serviceAccountName, m));
  }
  if (spec.nodeName) {
    for (const m of isDNS1123Subdomain(str(spec.nodeName))) errs.push(invalid(child(path, 'nodeName'), spec.nodeName, m));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds < 1) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), spec.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (spec.hostname) for (const m of isDNS1123Label(str(spec.hostname))) errs.push(invalid(child(path, 'hostname'), spec.hostname, m));
  if (spec.subdomain) for (const m of isDNS1123Label(str(spec.subdomain))) errs.push(invalid(child(path, 'subdomain'), spec.subdomain, m));
  if (arr(spec.tolerations).length > 0) errs.push(...validateTolerations(arr(spec.tolerations), child(path, 'tolerations')));
  if (spec.priorityClassName) {
    for (const m of isDNS1123Subdomain(str(spec.priorityClassName))) errs.push(invalid(child(path, 'priorityClassName'), spec.priorityClassName, m));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== 'PreemptLowerPriority' && spec.preemptionPolicy !== 'Never') {
    errs.push(notSupported(child(path, 'preemptionPolicy'), spec.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  errs.push(...nonNegative(spec.terminationGracePeriodSeconds as number | undefined, child(path, 'terminationGracePeriodSeconds')));
  return errs;
}

function validateVolumes(volumes: unknown[], path: string, out: FieldError[]): Set<string> {
  const names = new Set<string>();
  volumes.forEach((raw, i) => {
    const v = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const el: FieldError[] = [];
    const sources = volumeSources(v);
    if (sources.length === 0) el.push(required(p, 'must specify a volume type'));
    for (const s of sources.slice(1)) el.push(forbidden(child(p, s), 'may not specify more than 1 volume type'));
    if (sources.length >= 1) el.push(...validateVolumeSource(sources[0], v[sources[0]], child(p, sources[0])));
    const name = str(v.name);
    if (!name) el.push(required(child(p, 'name')));
    else for (const m of isDNS1123Label(name)) el.push(invalid(child(p, 'name'), name, m));
    if (names.has(name)) el.push(duplicate(child(p, 'name'), name));
    if (el.length === 0) names.add(name);
    else out.push(...el);
  });
  return names;
}

function validateVolumeSource(kind: string, src: unknown, path: string): FieldError[] {
  const s = isDict(src) ? src : {};
  switch (kind) {
    case 'configMap':
      return s.name ? [] : [required(child(path, 'name'))];
    case 'secret':
      return s.secretName ? [] : [required(child(path, 'secretName'))];
    case 'persistentVolumeClaim':
      return s.claimName ? [] : [required(child(path, 'claimName'))];
    case 'hostPath':
      return s.path ? [] : [required(child(path, 'path'))];
    case 'nfs':
      return [...(s.server ? [] : [required(child(path, 'server'))]), ...(s.path ? [] : [required(child(path, 'path'))])];
    default:
      return [];
  }
}

function validateContainers(containers: unknown[], vols: Set<string>, path: string): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const c = isDict(raw) ? raw : {};
    const p = idx(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateProbe(c.livenessProbe, child(p, 'livenessProbe'), true));
    errs.push(...validateProbe(c.readinessProbe, child(p, 'readinessProbe'), false));
    errs.push(...validateProbe(c.startupProbe, child(p, 'startupProbe'), true));
    if (c.restartPolicy !== undefined) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(inits: unknown[], containers: unknown[], vols: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(containers.map((c) => (isDict(c) ? str(c.name) : '')));
  inits.forEach((raw, i) => {
    const c = isDict(raw) ? raw : {};
    const p = idx(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    const restartable = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !restartable) {
      errs.push(notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
    }
    if (!restartable) {
      if (c.lifecycle !== undefined) errs.push(forbidden(child(p, 'lifecycle'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.livenessProbe !== undefined) errs.push(forbidden(child(p, 'livenessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.readinessProbe !== undefined) errs.push(forbidden(child(p, 'readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.startupProbe !== undefined) errs.push(forbidden(child(p, 'startupProbe'), 'may not be set for init containers without restartPolicy=Always'));
    } else {
      errs.push(...validateProbe(c.livenessProbe, child(p, 'livenessProbe'), true));
      errs.push(...validateProbe(c.readinessProbe, child(p, 'readinessProbe'), false));
      errs.push(...validateProbe(c.startupProbe, child(p, 'startupProbe'), true));
    }
  });
  return errs;
}

function validateContainerCommon(c: Dict, vols: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(p, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, m));
  if (!str(c.image)) errs.push(required(child(p, 'image')));
  const tmp = c.terminationMessagePolicy;
  if (tmp === undefined || tmp === '') errs.push(required(child(p, 'terminationMessagePolicy'), "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(arr(c.ports), child(p, 'ports')));
  errs.push(...validateEnv(arr(c.env), child(p, 'env')));
  errs.push(...validateEnvFrom(arr(c.envFrom), child(p, 'envFrom')));
  errs.push(...validateVolumeMounts(arr(c.volumeMounts), vols, child(p, 'volumeMounts')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, child(p, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, child(p, 'resources')));
  return errs;
}

function validateContainerPorts(ports: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const port = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = Number(port.containerPort ?? 0);
    if (!cp) errs.push(required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(p, 'containerPort'), cp, m));
    if (port.hostPort !== undefined && Number(port.hostPort) !== 0) {
      for (const m of isValidPortNum(Number(port.hostPort))) errs.push(invalid(child(p, 'hostPort'), port.hostPort, m));
    }
    if (!port.protocol) errs.push(required(child(p, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(str(port.protocol))) errs.push(notSupported(child(p, 'protocol'), port.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function validateEnv(env: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((raw, i) => {
    const e = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const name = str(e.name);
    if (!name) errs.push(required(child(p, 'name')));
    for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(child(p, 'name'), name, m));
    errs.push(...validateEnvValueFrom(e, child(p, 'valueFrom')));
  });
  return errs;
}

function validateEnvValueFrom(e: Dict, path: string): FieldError[] {
  if (!isDict(e.valueFrom)) return [];
  const vf = e.valueFrom;
  const errs: FieldError[] = [];
  let n = 0;
  if (isDict(vf.fieldRef)) {
    n++;
    if (!vf.fieldRef.fieldPath) errs.push(required(child(path, 'fieldRef', 'fieldPath')));
  }
  if (isDict(vf.resourceFieldRef)) {
    n++;
    if (!vf.resourceFieldRef.resource) errs.push(required(child(path, 'resourceFieldRef', 'resource')));
  }
  for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const r = vf[ref];
    if (!isDict(r)) continue;
    n++;
    const p = child(path, ref);
    if (!r.name) errs.push(required(child(p, 'name')));
    if (!r.key) errs.push(required(child(p, 'key')));
    else for (const m of isConfigMapKey(str(r.key))) errs.push(invalid(child(p, 'key'), r.key, m));
  }
  if (n === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  if (str(e.value) !== '' && n !== 0) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  return errs;
}

function validateEnvFrom(envFrom: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  envFrom.forEach((raw, i) => {
    const e = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const refs = ['configMapRef', 'secretRef'].filter((k) => isDict(e[k]));
    if (refs.length === 0) errs.push(invalid(p, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errs.push(invalid(p, '', 'may not have more than one field specified at a time'));
    for (const r of refs) if (!(e[r] as Dict).name) errs.push(required(child(p, r, 'name')));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown[], vols: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  mounts.forEach((raw, i) => {
    const m = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(p, 'name')));
    if (!vols.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (!mountPath) errs.push(required(child(p, 'mountPath')));
    if (points.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    points.add(mountPath);
  });
  return errs;
}

function validatePullPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return [];
  if (policy === undefined || policy === '') return [required(path)];
  return [notSupported(path, policy, ['Always', 'IfNotPresent', 'Never'])];
}

export function validateRestartPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === 'Always' || policy === 'OnFailure' || policy === 'Never') return [];
  if (policy === undefined || policy === '') return [required(path)];
  return [notSupported(path, policy, ['Always', 'OnFailure', 'Never'])];
}

function validateDNSPolicy(policy: unknown, path: string): FieldError[] {
  const ok = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (ok.includes(str(policy))) return [];
  if (policy === undefined || policy === '') return [required(path)];
  return [notSupported(path, policy, ok)];
}

function validateProbe(raw: unknown, path: string, mustSucceedOnce: boolean): FieldError[] {
  if (!isDict(raw)) return [];
  const probe = raw;
  const errs: FieldError[] = [];
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  }
  let handlers = 0;
  for (const h of ['exec', 'httpGet', 'tcpSocket', 'grpc']) {
    const v = probe[h];
    if (!isDict(v)) continue;
    if (handlers > 0) {
      errs.push(forbidden(child(path, h), 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    const hp = child(path, h);
    if (h === 'exec' && arr(v.command).length === 0) errs.push(required(child(hp, 'command')));
    if (h === 'httpGet') {
      if (!str(v.path)) errs.push(required(child(hp, 'path')));
      errs.push(...validatePortNumOrName(v.port, child(hp, 'port')));
      if (!['HTTP', 'HTTPS'].includes(str(v.scheme))) errs.push(notSupported(child(hp, 'scheme'), v.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (h === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, child(hp, 'port')));
    if (h === 'grpc') for (const m of isValidPortNum(Number(v.port ?? 0))) errs.push(invalid(child(hp, 'port'), v.port ?? 0, m));
  }
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f] as number | undefined, child(path, f)));
  }
  return errs;
}

export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return [invalid(path, 0, inclusiveRangeError(1, 65535))];
}

export function validateTolerations(tolerations: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((raw, i) => {
    const t = isDict(raw) ? raw : {};
    const p = idx(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    if (k) for (const m of isQualifiedName(k)) errs.push(invalid(child(p, 'key'), k, m));
    if (!k && op !== 'Exists') {
      errs.push(invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(child(p, 'effect'), str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), str(t.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(invalid(child(p, 'operator'), goSyntax(goToleration(t)), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (t.effect) {
      if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(str(t.effect))) {
        errs.push(notSupported(child(p, 'effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
      }
    }
  });
  return errs;
}

function goToleration(t: Dict): string {
  const secs = t.tolerationSeconds === undefined ? '(*int64)(nil)' : `(*int64)(${String(t.tolerationSeconds)})`;
  return `core.Toleration{Key:${JSON.stringify(str(t.key))}, Operator:${JSON.stringify(str(t.operator))}, Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(str(t.effect))}, TolerationSeconds:${secs}}`;
}

/** ValidatePodTemplateSpec: labels, annotations and the pod spec. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  if (!isDict(template)) return [required(path)];
  const errs: FieldError[] = [];
  const meta = isDict(template.metadata) ? template.metadata : {};
  errs.push(...validateLabels(meta.labels, child(path, 'metadata', 'labels')));
  errs.push(...validatePodSpec(isDict(template.spec) ? template.spec : undefined, child(path, 'spec')));
  return errs;
}
