import type { KubeObject, ObjectMeta } from '../../api/meta.js';
import type { FieldError } from '../field-errors.js';
import { FIELD_IMMUTABLE, invalid, nonNegative, required } from './field.js';
import { validateAnnotations, validateLabels } from './labels.js';
import { isDNS1123Label, isDNS1123Subdomain, type NameValidator } from './names.js';

/**
 * ObjectMeta checks every kind shares.
 *
 * @see k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMeta, ValidateObjectMetaUpdate
 */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const m of nameFn(meta.generateName, true)) errs.push(invalid(`${path}.generateName`, meta.generateName, m));
  }
  if (!meta.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const m of nameFn(meta.name, false)) errs.push(invalid(`${path}.name`, meta.name, m));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(`${path}.namespace`));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid(`${path}.namespace`, meta.namespace, m));
  } else if (meta.namespace) {
    errs.push({ type: 'Forbidden', field: `${path}.namespace`, detail: 'not allowed on this type' });
  }
  errs.push(...nonNegative(meta.generation, `${path}.generation`));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  (meta.finalizers ?? []).forEach((f, i) => {
    const p = `${path}.finalizers[${i}]`;
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    } else if (f.includes('/')) {
      const [prefix] = f.split('/');
      for (const m of isDNS1123Subdomain(prefix)) errs.push(invalid(p, f, `prefix part ${m}`));
    }
  });
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Name, namespace, uid and creationTimestamp never change. */
export function validateObjectMetaUpdate(next: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if ((next.name ?? '') !== (old.name ?? '')) errs.push(invalid(`${path}.name`, next.name ?? '', FIELD_IMMUTABLE));
  if ((next.namespace ?? '') !== (old.namespace ?? '')) errs.push(invalid(`${path}.namespace`, next.namespace ?? '', FIELD_IMMUTABLE));
  return errs;
}

/** Generic validation for kinds without rules of their own: metadata only. */
export function validateMetaOnly(nameFn: NameValidator, namespaced: boolean) {
  return (obj: KubeObject, old: KubeObject | undefined): FieldError[] => {
    const errs = validateObjectMeta(obj.metadata, namespaced, nameFn);
    if (old) errs.push(...validateObjectMetaUpdate(obj.metadata, old.metadata));
    return errs;
  };
}
