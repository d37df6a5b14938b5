import { isDict, type Dict, type KubeObject } from '../api/meta.js';
import type { FieldError } from '../apiserver/field-errors.js';
import { goSyntax, idx, invalid, notSupported, required } from '../apiserver/validation/field.js';
import { isDNS1123Subdomain, validatePathSegmentName } from '../apiserver/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../apiserver/validation/object-meta.js';
import { extendKind } from './registry.js';

/**
 * RBAC objects: rule and binding validation, apiGroup defaults.
 *
 * @see kubernetes/pkg/apis/rbac/validation/validation.go ValidatePolicyRule, ValidateRoleBindingSubject
 * @see kubernetes/pkg/apis/rbac/v1/defaults.go
 */
const GROUP = 'rbac.authorization.k8s.io';
const arr = (v: unknown): Dict[] => (Array.isArray(v) ? (v as Dict[]) : []);

function validateRules(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj.rules).forEach((r, i) => {
    const p = idx('rules', i);
    if (arr(r.verbs).length === 0) errs.push(required(`${p}.verbs`, 'verbs must contain at least one value'));
    if (arr(r.nonResourceURLs).length > 0) {
      if (namespaced) errs.push(invalid(`${p}.nonResourceURLs`, goSyntax(`[]string{${arr(r.nonResourceURLs).map((u) => JSON.stringify(u)).join(', ')}}`), 'namespaced rules cannot apply to non-resource URLs'));
      return;
    }
    if (arr(r.apiGroups).length === 0) errs.push(required(`${p}.apiGroups`, 'resource rules must supply at least one api group'));
    if (arr(r.resources).length === 0) errs.push(required(`${p}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

function validateBinding(obj: KubeObject, old: KubeObject | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(obj.metadata, namespaced, validatePathSegmentName));
  const ref = isDict(obj.roleRef) ? obj.roleRef : {};
  if (ref.apiGroup !== GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(String(ref.kind))) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const m of validatePathSegmentName(String(ref.name), false)) errs.push(invalid('roleRef.name', ref.name, m));
  arr(obj.subjects).forEach((s, i) => {
    const p = idx('subjects', i);
    if (!s.name) errs.push(required(`${p}.name`));
    if (s.kind === 'ServiceAccount') {
      if (s.name) for (const m of isDNS1123Subdomain(String(s.name))) errs.push(invalid(`${p}.name`, s.name, m));
      if (s.apiGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${p}.namespace`));
    } else if (s.kind === 'User' || s.kind === 'Group') {
      if (s.apiGroup !== GROUP) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup ?? '', [GROUP]));
    } else {
      errs.push(notSupported(`${p}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  if (old && isDict(old.roleRef)) {
    const o = old.roleRef;
    if (o.apiGroup !== ref.apiGroup || o.kind !== ref.kind || o.name !== ref.name) {
      errs.push(invalid('roleRef', goSyntax(`rbac.RoleRef{APIGroup:${JSON.stringify(String(ref.apiGroup ?? ''))}, Kind:${JSON.stringify(String(ref.kind ?? ''))}, Name:${JSON.stringify(String(ref.name ?? ''))}}`), 'cannot change roleRef'));
    }
  }
  return errs;
}

function defaultBinding(obj: KubeObject): void {
  if (isDict(obj.roleRef) && !obj.roleRef.apiGroup) obj.roleRef.apiGroup = GROUP;
  for (const s of arr(obj.subjects)) {
    if (s.apiGroup === undefined && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = GROUP;
  }
}

for (const [kind, namespaced] of [['Role', true], ['ClusterRole', false]] as const) {
  extendKind(
    kind,
    {
      validate: (obj, old) => {
        const errs: FieldError[] = old ? validateObjectMetaUpdate(obj.metadata, old.metadata) : [];
        errs.push(...validateObjectMeta(obj.metadata, namespaced, validatePathSegmentName));
        errs.push(...validateRules(obj, namespaced));
        return errs;
      },
    },
    GROUP,
  );
}
for (const [kind, namespaced] of [['RoleBinding', true], ['ClusterRoleBinding', false]] as const) {
  extendKind(kind, { applyDefaults: defaultBinding, validate: (obj, old) => validateBinding(obj, old, namespaced) }, GROUP);
}
