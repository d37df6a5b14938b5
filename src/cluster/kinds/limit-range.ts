import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { idx, invalid, key, notSupported } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { canonicalQuantity, compareQuantity } from '../apiserver/validation/quantity.js';
import { canonicalizeResourceList } from './pod-defaults.js';
import { extendKind } from './registry.js';

/**
 * LimitRanges: container defaults derived from max/default/min, and the
 * ordering checks between min, defaultRequest, default and max.
 *
 * @see kubernetes/pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidateLimitRange
 */
export function defaultLimitRange(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  for (const item of Array.isArray(spec.limits) ? (spec.limits as Dict[]) : []) {
    if (!isDict(item)) continue;
    for (const f of ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio']) canonicalizeResourceList(item[f]);
    if (item.type !== 'Container') continue;
    const def = (isDict(item.default) ? item.default : {}) as Record<string, string>;
    const defReq = (isDict(item.defaultRequest) ? item.defaultRequest : {}) as Record<string, string>;
    for (const [k, v] of Object.entries((item.max ?? {}) as Record<string, string>)) def[k] ??= v;
    for (const [k, v] of Object.entries(def)) defReq[k] ??= v;
    for (const [k, v] of Object.entries((item.min ?? {}) as Record<string, string>)) defReq[k] ??= v;
    if (Object.keys(def).length > 0) item.default = def;
    if (Object.keys(defReq).length > 0) item.defaultRequest = defReq;
  }
}

const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

export function validateLimitRange(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  (Array.isArray(spec.limits) ? (spec.limits as Dict[]) : []).forEach((item, i) => {
    const p = idx('spec.limits', i);
    if (!TYPES.includes(String(item.type))) errs.push(notSupported(`${p}.type`, item.type ?? '', TYPES));
    const get = (f: string) => (isDict(item[f]) ? (item[f] as Record<string, string>) : {});
    const min = get('min');
    const max = get('max');
    const def = get('default');
    const defReq = get('defaultRequest');
    if (item.type === 'Pod' && (Object.keys(def).length > 0 || Object.keys(defReq).length > 0)) {
      if (Object.keys(def).length > 0) errs.push(invalid(`${p}.default`, '', 'may not be specified when `type` is \'Pod\''));
      if (Object.keys(defReq).length > 0) errs.push(invalid(`${p}.defaultRequest`, '', 'may not be specified when `type` is \'Pod\''));
    }
    const q = canonicalQuantity;
    for (const k of Object.keys(min).sort()) {
      if (max[k] !== undefined && compareQuantity(min[k], max[k]) > 0) {
        errs.push(invalid(key(`${p}.min`, k), q(min[k]), `min value ${q(min[k])} is greater than max value ${q(max[k])}`));
      }
    }
    for (const k of Object.keys(defReq).sort()) {
      const v = defReq[k];
      if (min[k] !== undefined && compareQuantity(min[k], v) > 0) {
        errs.push(invalid(key(`${p}.defaultRequest`, k), q(v), `min value ${q(min[k])} is greater than default request value ${q(v)}`));
      }
      if (def[k] !== undefined && compareQuantity(v, def[k]) > 0) {
        errs.push(invalid(key(`${p}.defaultRequest`, k), q(v), `default request value ${q(v)} is greater than default limit value ${q(def[k])}`));
      }
      if (max[k] !== undefined && compareQuantity(v, max[k]) > 0) {
        errs.push(invalid(key(`${p}.defaultRequest`, k), q(v), `default request value ${q(v)} is greater than max value ${q(max[k])}`));
      }
    }
    for (const k of Object.keys(def).sort()) {
      const v = def[k];
      if (min[k] !== undefined && compareQuantity(min[k], v) > 0) {
        errs.push(invalid(key(`${p}.default`, k), q(v), `min value ${q(min[k])} is greater than default value ${q(v)}`));
      }
      if (max[k] !== undefined && compareQuantity(v, max[k]) > 0) {
        errs.push(invalid(key(`${p}.default`, k), q(v), `default value ${q(v)} is greater than max value ${q(max[k])}`));
      }
    }
  });
  return errs;
}

extendKind('LimitRange', { applyDefaults: defaultLimitRange, validate: validateLimitRange }, '');
