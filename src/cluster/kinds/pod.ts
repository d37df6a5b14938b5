import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { forbidden, required } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validatePodSpec, validateTolerations } from '../apiserver/validation/pod-spec.js';
import { defaultPodOnly, defaultPodSpec } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { podWarningsOnCreate } from '../apiserver/validation/pod-warnings.js';

/**
 * Pods: defaulting (SetDefaults_Pod + pod spec), the status a new pod starts
 * with, create validation and the narrow set of fields an update may change.
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidatePodCreate, ValidatePodUpdate
 * @see kubernetes/pkg/registry/core/pod/strategy.go PrepareForCreate
 */
export function defaultPod(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  defaultPodSpec(spec);
  defaultPodOnly(spec);
  // PrepareForCreate: a new pod is Pending with its QoS class. Objects that
  // arrive with a status (bootstrap, snapshots) keep it.
  if (!isDict(obj.status)) obj.status = { phase: 'Pending', qosClass: qosClass(spec) };
  else if (obj.status.qosClass === undefined) obj.status.qosClass = qosClass(spec);
}

/** GetPodQOS: Guaranteed, Burstable or BestEffort from cpu/memory requests and limits. */
export function qosClass(spec: Dict): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = isDict(c) && isDict(c.resources) ? c.resources : {};
    const req = isDict(res.requests) ? res.requests : {};
    const lim = isDict(res.limits) ? res.limits : {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export function validatePod(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = isDict(obj.spec) ? obj.spec : undefined;
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  // Status writes (kubelet) and metadata-only changes leave the spec alone.
  if (old && JSON.stringify(sortKeys(spec)) === JSON.stringify(sortKeys(old.spec))) {
    return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...errs];
  }
  errs.push(...validatePodSpec(spec, 'spec'));
  if (!old) {
    if (spec && Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
      errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    }
    return errs;
  }
  errs.unshift(...validateObjectMetaUpdate(obj.metadata, old.metadata));
  const oldSpec = isDict(old.spec) ? old.spec : {};
  const newSpec = spec ?? {};
  for (const field of ['containers', 'initContainers']) {
    const a = Array.isArray(newSpec[field]) ? (newSpec[field] as Dict[]) : [];
    const b = Array.isArray(oldSpec[field]) ? (oldSpec[field] as Dict[]) : [];
    if (a.length !== b.length) {
      errs.push(forbidden(`spec.${field}`, 'pod updates may not add or remove containers'));
      return errs;
    }
    a.forEach((c, i) => {
      if (!c.image) errs.push(required(`spec.${field}[${i}].image`));
    });
  }
  errs.push(...validateOnlyAddedTolerations(newSpec.tolerations, oldSpec.tolerations));
  const munged = structuredClone(newSpec);
  for (const field of ['containers', 'initContainers']) {
    const a = munged[field] as Dict[] | undefined;
    const b = oldSpec[field] as Dict[] | undefined;
    a?.forEach((c, i) => {
      if (b?.[i]) c.image = b[i].image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (munged.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  if (munged.tolerations === undefined) delete munged.tolerations;
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && newSpec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  // The scheduler's binding sets nodeName once.
  if (!oldSpec.nodeName && typeof newSpec.nodeName === 'string') munged.nodeName = oldSpec.nodeName;
  if (munged.nodeName === undefined) delete munged.nodeName;
  if (JSON.stringify(sortKeys(munged)) !== JSON.stringify(sortKeys(oldSpec))) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

function validateOnlyAddedTolerations(next: unknown, prev: unknown): FieldError[] {
  const a = Array.isArray(next) ? next : [];
  const b = Array.isArray(prev) ? prev : [];
  const errs = validateTolerations(a, 'spec.tolerations');
  for (const old of b) {
    const found = a.some((t) => JSON.stringify(sortKeys(t)) === JSON.stringify(sortKeys(old)) || sameTolerationExceptSeconds(t, old));
    if (!found) {
      errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  return errs;
}

function sameTolerationExceptSeconds(a: unknown, b: unknown): boolean {
  if (!isDict(a) || !isDict(b)) return false;
  return a.key === b.key && a.operator === b.operator && a.value === b.value && a.effect === b.effect && a.effect === 'NoExecute';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isDict(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/**
 * A go-cmp-style summary of what changed between two pod specs. The real
 * server prints cmp.Diff of its internal structs; this keeps its shape
 * (`  core.PodSpec{`, `- \t…`, `+ \t…`) for the fields that differ.
 */
function specDiff(oldSpec: Dict, newSpec: Dict): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    const a = JSON.stringify(sortKeys(oldSpec[k]));
    const b = JSON.stringify(sortKeys(newSpec[k]));
    if (a === b) {
      same++;
      continue;
    }
    flush();
    const goName = k.charAt(0).toUpperCase() + k.slice(1);
    if (a !== undefined) lines.push(`- \t${goName}: ${a},`);
    if (b !== undefined) lines.push(`+ \t${goName}: ${b},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}

// Pods warn on create only: updates skip the cost on what is mostly the kubelet's path.
extendKind('Pod', { applyDefaults: defaultPod, validate: validatePod, warnings: (obj, old) => (old ? [] : podWarningsOnCreate(obj)) });
