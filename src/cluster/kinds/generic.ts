
import { invalid, required } from '../apiserver/validation/field.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateMetaOnly } from '../apiserver/validation/object-meta.js';
import { allKinds, extendKind } from './registry.js';

/**
 * Kinds without rules of their own still get ObjectMeta validation (name
 * format, labels, annotations), as every API server strategy does. Also
 * PriorityClass and ServiceAccount defaults.
 *
 * Import after the per-kind modules: it only fills in kinds left without hooks.
 */
extendKind(
  'PriorityClass',
  {
    applyDefaults(obj) {
      obj.preemptionPolicy ??= 'PreemptLowerPriority';
    },
    validate: (obj, old) => {
      const errs = validateMetaOnly(nameIsDNSSubdomain, false)(obj, old);
      if (typeof obj.value !== 'number') errs.push(required('value'));
      else if (obj.value > 1000000000 && !String(obj.metadata.name).startsWith('system-')) {
        errs.push(invalid('value', obj.value, 'must be less than or equal to 1000000000 (user-defined priority classes cannot exceed this)'));
      }
      if (old && old.value !== obj.value) errs.push(invalid('value', obj.value, 'field is immutable'));
      return errs;
    },
  },
  'scheduling.k8s.io',
);

for (const def of allKinds()) {
  if (def.validate) continue;
  def.validate = validateMetaOnly(nameIsDNSSubdomain, def.namespaced);
}

