import { isDict, type Dict, type KubeObject } from '../../api/meta.js';
import type { AdmissionPlugin, AdmissionRequest } from '../api-server.js';
import { canonicalQuantity, compareQuantity, parseExact } from '../validation/quantity.js';
import { admissionForbidden, containersOf, isPod, podSpec } from './util.js';

/**
 * LimitRanger: container defaults from a namespace's LimitRanges on pod
 * creation, then min / max / maxLimitRequestRatio checks with the
 * plugin's exact texts.
 *
 * @see kubernetes/plugin/pkg/admission/limitranger/admission.go
 */
type ResourceList = Record<string, string>;

const rl = (v: unknown): ResourceList => (isDict(v) ? (v as ResourceList) : {});

function limitRangesFor(req: AdmissionRequest): KubeObject[] {
  return [...req.api.store.list('limitranges', req.object.metadata.namespace ?? 'default')];
}

function items(lr: KubeObject): Dict[] {
  const spec = isDict(lr.spec) ? lr.spec : {};
  return Array.isArray(spec.limits) ? (spec.limits as unknown[]).filter(isDict) : [];
}

/** Applies default requests and limits; returns the limit-ranger annotation text parts. */
function applyDefaults(spec: Dict, ranges: KubeObject[]): string[] {
  const defaults = { limits: {} as ResourceList, requests: {} as ResourceList };
  for (const lr of ranges) {
    for (const item of items(lr)) {
      if (item.type !== 'Container') continue;
      Object.assign(defaults.limits, rl(item.default));
      Object.assign(defaults.requests, rl(item.defaultRequest));
    }
  }
  const notes: string[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    for (const c of containersOf(spec, field)) {
      const res = isDict(c.resources) ? c.resources : (c.resources = {});
      const limits = rl(res.limits);
      const requests = rl(res.requests);
      const setReq: string[] = [];
      const setLim: string[] = [];
      for (const k of Object.keys(defaults.limits).sort()) {
        if (limits[k] === undefined) {
          limits[k] = defaults.limits[k];
          setLim.push(k);
        }
      }
      for (const k of Object.keys(defaults.requests).sort()) {
        if (requests[k] === undefined) {
          requests[k] = defaults.requests[k];
          setReq.push(k);
        }
      }
      if (Object.keys(limits).length > 0) res.limits = limits;
      if (Object.keys(requests).length > 0) res.requests = requests;
      const what = field === 'containers' ? 'container' : 'init container';
      if (setReq.length > 0) notes.push(`${setReq.join(', ')} request for ${what} ${String(c.name)}`);
      if (setLim.length > 0) notes.push(`${setLim.join(', ')} limit for ${what} ${String(c.name)}`);
    }
  }
  return notes;
}

const q = canonicalQuantity;

function minConstraint(type: string, r: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  if (req[r] === undefined) return `minimum ${r} usage per ${type} is ${q(enforced)}.  No request is specified`;
  if (compareQuantity(req[r], enforced) < 0) return `minimum ${r} usage per ${type} is ${q(enforced)}, but request is ${q(req[r])}`;
  if (lim[r] !== undefined && compareQuantity(lim[r], enforced) < 0) return `minimum ${r} usage per ${type} is ${q(enforced)}, but limit is ${q(lim[r])}`;
  return undefined;
}

function maxConstraint(type: string, r: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  if (lim[r] === undefined) return `maximum ${r} usage per ${type} is ${q(enforced)}.  No limit is specified`;
  if (compareQuantity(lim[r], enforced) > 0) return `maximum ${r} usage per ${type} is ${q(enforced)}, but limit is ${q(lim[r])}`;
  if (req[r] !== undefined && compareQuantity(req[r], enforced) > 0) return `maximum ${r} usage per ${type} is ${q(enforced)}, but request is ${q(req[r])}`;
  return undefined;
}

function ratioConstraint(type: string, r: string, enforced: string, req: ResourceList, lim: ResourceList): string | undefined {
  const reqN = req[r] !== undefined ? (parseExact(req[r])?.nano ?? 0n) : 0n;
  const limN = lim[r] !== undefined ? (parseExact(lim[r])?.nano ?? 0n) : 0n;
  if (req[r] === undefined || reqN === 0n) return `${r} max limit to request ratio per ${type} is ${q(enforced)}, but no request is specified or request is 0`;
  if (lim[r] === undefined || limN === 0n) return `${r} max limit to request ratio per ${type} is ${q(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(limN) / Number(reqN);
  const max = Number(parseExact(enforced)?.nano ?? 0n) / 1e9;
  if (ratio > max) return `${r} max limit to request ratio per ${type} is ${q(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function sumPod(spec: Dict, which: 'requests' | 'limits'): ResourceList {
  const totals = new Map<string, bigint>();
  for (const c of containersOf(spec, 'containers')) {
    const res = isDict(c.resources) ? rl(c.resources[which]) : {};
    for (const [k, v] of Object.entries(res)) totals.set(k, (totals.get(k) ?? 0n) + (parseExact(v)?.nano ?? 0n));
  }
  for (const c of containersOf(spec, 'initContainers')) {
    const res = isDict(c.resources) ? rl(c.resources[which]) : {};
    for (const [k, v] of Object.entries(res)) {
      const n = parseExact(v)?.nano ?? 0n;
      if (n > (totals.get(k) ?? 0n)) totals.set(k, n);
    }
  }
  const out: ResourceList = {};
  for (const [k, n] of totals) out[k] = `${n}n`;
  return out;
}

function validatePod(spec: Dict, ranges: KubeObject[]): string[] {
  const errs: string[] = [];
  const check = (item: Dict, type: string, req: ResourceList, lim: ResourceList) => {
    for (const [k, v] of Object.entries(rl(item.min)).sort()) {
      const e = minConstraint(type, k, v, req, lim);
      if (e) errs.push(e);
    }
    for (const [k, v] of Object.entries(rl(item.max)).sort()) {
      const e = maxConstraint(type, k, v, req, lim);
      if (e) errs.push(e);
    }
    for (const [k, v] of Object.entries(rl(item.maxLimitRequestRatio)).sort()) {
      const e = ratioConstraint(type, k, v, req, lim);
      if (e) errs.push(e);
    }
  };
  for (const lr of ranges) {
    for (const item of items(lr)) {
      if (item.type === 'Container') {
        for (const field of ['containers', 'initContainers'] as const) {
          for (const c of containersOf(spec, field)) {
            const res = isDict(c.resources) ? c.resources : {};
            check(item, 'Container', rl(res.requests), rl(res.limits));
          }
        }
      } else if (item.type === 'Pod') {
        check(item, 'Pod', sumPod(spec, 'requests'), sumPod(spec, 'limits'));
      }
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(...).Error(): one message, or `[a, b]` without duplicates. */
export function aggregate(msgs: string[]): string {
  const uniq = [...new Set(msgs)];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

export const limitRangerMutating: AdmissionPlugin = {
  name: 'LimitRanger',
  phase: 'mutating',
  admit(req) {
    if (req.operation !== 'CREATE') return undefined;
    if (isPod(req)) {
      const ranges = limitRangesFor(req);
      if (ranges.length === 0) return undefined;
      const notes = applyDefaults(podSpec(req.object), ranges);
      if (notes.length > 0) {
        req.object.metadata.annotations = { ...(req.object.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
      }
    }
    return undefined;
  },
};

/** PersistentVolumeClaim items bound the storage a claim requests. */
function validatePVC(pvc: KubeObject, ranges: KubeObject[]): string[] {
  const spec = isDict(pvc.spec) ? pvc.spec : {};
  const requests = isDict(spec.resources) ? rl(spec.resources.requests) : {};
  const errs: string[] = [];
  for (const lr of ranges) {
    for (const item of items(lr)) {
      if (item.type !== 'PersistentVolumeClaim') continue;
      for (const [k, v] of Object.entries(rl(item.min)).sort()) {
        const e = minConstraint('PersistentVolumeClaim', k, v, requests, {});
        if (e) errs.push(e);
      }
      for (const [k, v] of Object.entries(rl(item.max)).sort()) {
        if (requests[k] === undefined) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${q(v)}.  No request is specified`);
        else if (compareQuantity(requests[k], v) > 0) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${q(v)}, but request is ${q(requests[k])}`);
      }
    }
  }
  return errs;
}

export const limitRangerValidating: AdmissionPlugin = {
  name: 'LimitRanger',
  phase: 'validating',
  admit(req) {
    if (req.operation !== 'CREATE') return undefined;
    const isPVC = req.def.kind === 'PersistentVolumeClaim' && req.def.group === '';
    if (!isPod(req) && !isPVC) return undefined;
    const ranges = limitRangesFor(req);
    if (ranges.length === 0) return undefined;
    const errs = isPVC ? validatePVC(req.object, ranges) : validatePod(podSpec(req.object), ranges);
    return errs.length > 0 ? admissionForbidden(req, aggregate(errs)) : undefined;
  },
};
