import { isDict, type Dict, type KubeObject } from '../../api/meta.js';
import type { KindDefinition } from '../../kinds/registry.js';
import type { ObjectStore } from '../../store/object-store.js';
import type { Authorizer, UserInfo } from '../api-server.js';
import { forbidden, type StatusError } from '../status-errors.js';

/**
 * RBAC authorization: a request is allowed when a ClusterRoleBinding, or a
 * RoleBinding in the request's namespace, grants one of the user's
 * identities a rule covering the verb, API group, resource (and
 * subresource) and name. Members of `system:masters` and kubeadm's
 * `kubeadm:cluster-admins` group (bound to cluster-admin) may do anything.
 *
 * @see kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go
 * @see k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage
 */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name: string;
}

const SUPERUSER_GROUPS = new Set(['system:masters', 'kubeadm:cluster-admins']);

/** The identity kubectl's `--as` gives: the implicit groups of users and service accounts. */
export function userInfoFor(name: string, groups: string[] = []): UserInfo {
  const all = [...groups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  if (sa) all.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (name !== 'system:anonymous') all.push('system:authenticated');
  return { name, groups: [...new Set(all)] };
}

function subjectMatches(s: Dict, user: UserInfo, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(String(s.name));
    case 'ServiceAccount': {
      const ns = typeof s.namespace === 'string' && s.namespace ? s.namespace : bindingNamespace;
      return !!ns && user.name === `system:serviceaccount:${ns}:${String(s.name)}`;
    }
    default:
      return false;
  }
}

const has = (list: unknown, v: string): boolean => Array.isArray(list) && (list.includes(v) || list.includes('*'));

function ruleAllows(rule: Dict, a: AuthorizationAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!has(rule.apiGroups, a.group)) return false;
  const resources = Array.isArray(rule.resources) ? (rule.resources as string[]) : [];
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk = resources.some((r) => r === '*' || r === combined || (a.subresource !== undefined && r === `*/${a.subresource}`));
  if (!resourceOk) return false;
  const names = Array.isArray(rule.resourceNames) ? (rule.resourceNames as string[]) : [];
  return names.length === 0 || names.includes(a.name);
}

function rulesOf(store: ObjectStore, ref: Dict, namespace: string): Dict[] {
  let role: KubeObject | undefined;
  if (ref.kind === 'ClusterRole') role = store.get('clusterroles.rbac.authorization.k8s.io', '', String(ref.name));
  else if (ref.kind === 'Role') role = store.get('roles.rbac.authorization.k8s.io', namespace, String(ref.name));
  return role && Array.isArray(role.rules) ? (role.rules as unknown[]).filter(isDict) : [];
}

/** Whether RBAC allows the request. */
export function rbacAllows(store: ObjectStore, a: AuthorizationAttributes): boolean {
  if (a.user.groups.some((g) => SUPERUSER_GROUPS.has(g))) return true;
  for (const crb of store.list('clusterrolebindings.rbac.authorization.k8s.io')) {
    const subjects = Array.isArray(crb.subjects) ? (crb.subjects as unknown[]).filter(isDict) : [];
    if (!subjects.some((s) => subjectMatches(s, a.user, ''))) continue;
    if (isDict(crb.roleRef) && rulesOf(store, crb.roleRef, '').some((r) => ruleAllows(r, a))) return true;
  }
  if (a.namespace) {
    for (const rb of store.list('rolebindings.rbac.authorization.k8s.io', a.namespace)) {
      const subjects = Array.isArray(rb.subjects) ? (rb.subjects as unknown[]).filter(isDict) : [];
      if (!subjects.some((s) => subjectMatches(s, a.user, a.namespace))) continue;
      if (isDict(rb.roleRef) && rulesOf(store, rb.roleRef, a.namespace).some((r) => ruleAllows(r, a))) return true;
    }
  }
  return false;
}

/** `User "x" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenMessage(a: AuthorizationAttributes): string {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.group)} ${where}`;
}

export function authorizationError(a: AuthorizationAttributes): StatusError {
  return forbidden({ resource: a.resource, group: a.group }, a.name, forbiddenMessage(a));
}

/** The API server's authorizer, reading RBAC objects from the store. */
export function rbacAuthorizer(store: ObjectStore): Authorizer {
  return (user: UserInfo, verb: string, def: KindDefinition, namespace: string, name: string, subresource?: string) => {
    const a: AuthorizationAttributes = {
      user,
      verb,
      group: def.group,
      resource: def.resource,
      subresource,
      namespace: def.namespaced ? namespace : '',
      name,
    };
    return rbacAllows(store, a) ? undefined : authorizationError(a);
  };
}

/**
 * The rules RBAC grants a user in a namespace (a SelfSubjectRulesReview's
 * answer): those of the ClusterRoleBindings naming the user, then of the
 * RoleBindings in the namespace, each role's rules in order, uncompacted.
 *
 * @see kubernetes/pkg/registry/rbac/validation/rule.go VisitRulesFor
 */
export function rulesFor(store: ObjectStore, user: UserInfo, namespace: string): Dict[] {
  const out: Dict[] = [];
  for (const crb of store.list('clusterrolebindings.rbac.authorization.k8s.io')) {
    const subjects = Array.isArray(crb.subjects) ? (crb.subjects as unknown[]).filter(isDict) : [];
    if (!subjects.some((s) => subjectMatches(s, user, ''))) continue;
    if (isDict(crb.roleRef)) out.push(...rulesOf(store, crb.roleRef, ''));
  }
  if (namespace) {
    for (const rb of store.list('rolebindings.rbac.authorization.k8s.io', namespace)) {
      const subjects = Array.isArray(rb.subjects) ? (rb.subjects as unknown[]).filter(isDict) : [];
      if (!subjects.some((s) => subjectMatches(s, user, namespace))) continue;
      if (isDict(rb.roleRef)) out.push(...rulesOf(store, rb.roleRef, namespace));
    }
  }
  return out;
}
