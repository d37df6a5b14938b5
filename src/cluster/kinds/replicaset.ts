import { isDict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { nonNegative } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { validateImmutableSelector, validateSelectorAndTemplate } from '../apiserver/validation/workload.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { extendKind } from './registry.js';
import { templateWarnings } from '../apiserver/validation/pod-warnings.js';

/**
 * ReplicaSets (apps/v1) and ReplicationControllers (v1).
 *
 * @see kubernetes/pkg/apis/apps/validation/validation.go ValidateReplicaSetSpec
 */
export function defaultReplicaSet(obj: KubeObject): void {
  const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
}

export function validateReplicaSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  errs.push(...nonNegative(spec.replicas as number | undefined, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'deployment'));
  errs.push(...nonNegative(spec.minReadySeconds as number | undefined, 'spec.minReadySeconds'));
  if (old) errs.push(...validateImmutableSelector(spec.selector, isDict(old.spec) ? old.spec.selector : undefined));
  return errs;
}

extendKind('ReplicaSet', { applyDefaults: defaultReplicaSet, validate: validateReplicaSet, warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']) }, 'apps');
extendKind(
  'ReplicationController',
  {
    applyDefaults(obj) {
      const spec = isDict(obj.spec) ? obj.spec : (obj.spec = {});
      spec.replicas ??= 1;
      // An RC without a selector selects its template's labels.
      if (!isDict(spec.selector) && isDict(spec.template) && isDict(spec.template.metadata) && isDict(spec.template.metadata.labels)) {
        spec.selector = { ...spec.template.metadata.labels };
      }
      defaultPodTemplate(spec.template);
    },
    validate: (obj, old) => {
      const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
      errs.push(...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain));
      return errs;
    },
    warnings: (obj, old) => templateWarnings(obj, old, ['spec', 'template']),
  },
  '',
);
