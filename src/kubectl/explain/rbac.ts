import { defineResources, defineTypes, topLevel } from './schema.js';

/** rbac.authorization.k8s.io/v1: roles and bindings. */
defineResources([
  ['rbac.authorization.k8s.io', 'v1', 'Role'],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding'],
]);

const ROLE_REF = '!RoleRef|The Role or ClusterRole granted. Cannot be changed; delete and recreate the binding instead.';
const SUBJECTS = '[]Subject|The users, groups and service accounts the role is granted to.';

defineTypes({
  Role: {
    d: 'A set of permissions within one namespace, granted through RoleBindings.',
    f: topLevel({ rules: '[]PolicyRule|The permissions.' }),
  },
  ClusterRole: {
    d: 'A set of permissions across the cluster (or reused in namespaces through RoleBindings).',
    f: topLevel({
      aggregationRule: 'AggregationRule|Build the rules from other ClusterRoles, picked by label.',
      rules: '[]PolicyRule|The permissions.',
    }),
  },
  RoleBinding: {
    d: 'Grants a Role or ClusterRole to subjects, within the binding\'s namespace.',
    f: topLevel({ roleRef: ROLE_REF, subjects: SUBJECTS }),
  },
  ClusterRoleBinding: {
    d: 'Grants a ClusterRole to subjects across the whole cluster.',
    f: topLevel({ roleRef: ROLE_REF, subjects: SUBJECTS }),
  },
  PolicyRule: {
    d: 'Verbs allowed on resources (or non-resource URLs); a request is allowed when any rule allows it.',
    f: {
      apiGroups: '[]string|API groups of the resources; "" is the core group, "*" any.',
      nonResourceURLs: '[]string|URL paths such as /healthz (ClusterRoles only).',
      resourceNames: '[]string|Limit the rule to objects with these names.',
      resources: '[]string|Resources such as pods or pods/log; "*" for all.',
      verbs: '![]string|Verbs such as get, list, watch, create, update, patch, delete; "*" for all.',
    },
  },
  AggregationRule: { d: 'How a ClusterRole\'s rules are gathered.', f: { clusterRoleSelectors: '[]LabelSelector|ClusterRoles whose rules are combined.' } },
  RoleRef: {
    d: 'The role a binding grants.',
    f: { apiGroup: '!string|The role\'s API group: rbac.authorization.k8s.io.', kind: '!string|Role or ClusterRole.', name: '!string|The role\'s name.' },
  },
  Subject: {
    d: 'Who a role is granted to: a user, a group or a service account.',
    f: {
      apiGroup: 'string|rbac.authorization.k8s.io for User and Group, "" for ServiceAccount.',
      kind: '!string|User, Group or ServiceAccount.',
      name: '!string|The subject\'s name.',
      namespace: 'string|The service account\'s namespace.',
    },
  },
});
