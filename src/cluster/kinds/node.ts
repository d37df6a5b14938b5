import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { goSyntax, idx, invalid, notSupported, required } from '../apiserver/validation/field.js';
import { isQualifiedName, isValidLabelValue } from '../apiserver/validation/labels.js';
import { nameIsDNSSubdomain } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * Nodes: taint validation (what `kubectl taint` and node patches hit).
 *
 * @see kubernetes/pkg/apis/core/validation/validation.go validateNodeTaints
 */
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function goTaint(t: Dict): string {
  return `core.Taint{Key:${JSON.stringify(String(t.key ?? ''))}, Value:${JSON.stringify(String(t.value ?? ''))}, Effect:${JSON.stringify(String(t.effect ?? ''))}, TimeAdded:(*v1.Time)(nil)}`;
}

export function validateNode(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain));
  const spec = isDict(obj.spec) ? obj.spec : {};
  const seen = new Map<string, Set<string>>();
  (Array.isArray(spec.taints) ? spec.taints : []).forEach((raw, i) => {
    const t = isDict(raw) ? raw : {};
    const p = idx('spec.taints', i);
    const key = String(t.key ?? '');
    for (const m of isQualifiedName(key)) errs.push(invalid(`${p}.key`, key, m));
    const value = String(t.value ?? '');
    const vm = isValidLabelValue(value);
    if (vm.length > 0) errs.push(invalid(`${p}.value`, value, vm.join(';')));
    const effect = String(t.effect ?? '');
    if (!effect) errs.push(required(`${p}.effect`));
    else if (!EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, effect, EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({ type: 'Duplicate', field: p, value: goSyntax(goTaint(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  return errs;
}

extendKind('Node', { validate: validateNode }, '');
