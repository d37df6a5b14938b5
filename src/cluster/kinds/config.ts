import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { FIELD_IMMUTABLE, forbidden, invalid, key, required, stableJson } from '../apiserver/validation/field.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * ConfigMaps and Secrets: key formats, Secret types, immutability.
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go ValidateConfigMap, ValidateSecret, ValidateSecretUpdate
 */
function validateKeys(data: unknown, path: string): FieldError[] {
  if (!isDict(data)) return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(data).sort()) for (const m of isConfigMapKey(k)) errs.push(invalid(key(path, k), k, m));
  return errs;
}

function validateImmutable(obj: KubeObject, old: KubeObject | undefined, fields: string[]): FieldError[] {
  if (!old) return [];
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    for (const f of fields) if (stableJson(obj[f] ?? {}) !== stableJson(old[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateConfigMap(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  errs.push(...validateKeys(obj.data, 'data'));
  errs.push(...validateKeys(obj.binaryData, 'binaryData'));
  if (isDict(obj.data) && isDict(obj.binaryData)) {
    for (const k of Object.keys(obj.binaryData).sort()) {
      if (k in obj.data) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    }
  }
  errs.push(...validateImmutable(obj, old, ['data', 'binaryData']));
  return errs;
}

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  errs.push(...validateKeys(obj.data, 'data'));
  const type = String(obj.type ?? 'Opaque');
  const data = isDict(obj.data) ? obj.data : {};
  for (const k of REQUIRED_KEYS[type] ?? []) if (data[k] === undefined) errs.push(required(key('data', k)));
  if (type === 'kubernetes.io/service-account-token') {
    const ann = obj.metadata.annotations ?? {};
    if (!ann['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  if (old && String(old.type ?? 'Opaque') !== type) errs.push(invalid('type', type, FIELD_IMMUTABLE));
  errs.push(...validateImmutable(obj, old, ['data']));
  return errs;
}

extendKind('ConfigMap', { validate: validateConfigMap }, '');
extendKind(
  'Secret',
  {
    applyDefaults(obj) {
      if (!obj.type) obj.type = 'Opaque';
      // stringData is write-only: it is merged into data (base64) and dropped.
      if (isDict(obj.stringData)) {
        const data = isDict(obj.data) ? obj.data : (obj.data = {});
        for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
        delete obj.stringData;
      }
    },
    validate: validateSecret,
  },
  '',
);
