import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { nameIsDNSLabel } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * Namespaces: the `kubernetes` finalizer, phase Active and the immutable
 * `kubernetes.io/metadata.name` label.
 *
 * @see kubernetes/pkg/registry/core/namespace/strategy.go PrepareForCreate, NamespaceDefaultLabels
 */
export function defaultNamespace(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  if (!isDict(obj.status)) obj.status = { phase: 'Active' };
  else obj.status.phase ??= 'Active';
  if (obj.metadata.name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
}

export function validateNamespace(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, false, nameIsDNSLabel));
  return errs;
}

extendKind('Namespace', { applyDefaults: defaultNamespace, validate: validateNamespace }, '');
