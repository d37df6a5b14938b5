import { any, bool, duration, int, list, obj, oneOf, opt, pattern, record, ref, req, str, variant, type Schema } from './schema-dsl.js';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const CATEGORIES = [
  'sandbox',
  'scheduling',
  'image',
  'crash',
  'probes',
  'services',
  'network',
  'config',
  'rollout',
  'rbac',
  'quota',
  'nodes',
  'storage',
  'jobs',
  'autoscaling',
] as const;

const selectorRef = () =>
  req(str('A label selector in kubectl syntax, e.g. `app=web,tier!=db`'));

const podSet = obj(
  {
    namespace: opt(str('Namespace of the pods (default: default)')),
    selector: selectorRef(),
  },
  'A set of pods: a namespace and a label selector.',
);

/** Every check, by its key. Checks test the cluster's state, never the commands typed. */
export const CHECKS: Record<string, () => Schema> = {
  podsReady: () =>
    obj(
      {
        namespace: opt(str()),
        selector: selectorRef(),
        count: opt(int('At least this many pods must match (default 1)')),
        stableFor: opt(duration('Each container has been running without restart for at least this long')),
      },
      'Pods matching the selector are Running and Ready.',
    ),
  rolloutComplete: () =>
    obj(
      { namespace: opt(str()), deployment: req(str()) },
      'The Deployment has observed its latest spec and every replica is updated and available.',
    ),
  field: () =>
    obj(
      {
        resource: req(str('Resource type as kubectl takes it: deploy, pod, networkpolicy, …')),
        namespace: opt(str()),
        name: req(str()),
        path: req(str('A field path such as .spec.replicas or {.spec.template.spec.containers[0].image}')),
        equals: opt(any('The field equals this value')),
        notEquals: opt(any('The field differs from this value')),
        exists: opt(bool('The field is present (true) or absent (false)')),
        atLeast: opt(str('A number or quantity the field is at least (e.g. 256Mi)')),
        atMost: opt(str('A number or quantity the field is at most')),
      },
      'A field of one object, compared to a value.',
    ),
  exists: () => obj({ resource: req(str()), namespace: opt(str()), name: req(str()) }, 'The object exists.'),
  connectivity: () =>
    obj(
      {
        from: req(podSet),
        to: req(str('Host as a client would type it: a Service name, a DNS name or an IP')),
        port: req(int()),
        protocol: opt(oneOf(['TCP', 'UDP'])),
        expect: req(oneOf(['allowed', 'blocked'])),
      },
      'Whether pods of a set can open a connection to a host and port.',
    ),
  canI: () =>
    obj(
      {
        as: req(str('User or system:serviceaccount:NS:NAME')),
        verb: req(str()),
        resource: req(str()),
        namespace: opt(str()),
        expect: req(oneOf(['yes', 'no'])),
      },
      'An RBAC question, answered as `kubectl auth can-i` would.',
    ),
  all: () => list(checkRef, { min: 1, description: 'Every check holds.' }),
  any: () => list(checkRef, { min: 1, description: 'At least one check holds.' }),
  not: () => checkRef,
};

export const checkSchema: Schema = variant(CHECKS, 'A predicate over the cluster.');
const checkRef: Schema = ref('check', () => checkSchema);

const objective = obj({
  id: req(pattern(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and dashes')),
  description: req(str('What the learner sees in the objectives panel')),
  check: req(checkRef),
});

const node = obj({
  name: req(str()),
  role: opt(oneOf(['control-plane', 'worker'])),
  cpu: opt(str('Capacity, e.g. "2" or 4000m')),
  memory: opt(str('Capacity, e.g. 4Gi')),
  pods: opt(int()),
  labels: opt(record(str())),
  taints: opt(list(obj({ key: req(str()), value: opt(str()), effect: req(oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])) }))),
  unschedulable: opt(bool()),
});

export const scenarioSchema: Schema = obj({
  apiVersion: req(oneOf(['kubedojo/v1'])),
  kind: req(oneOf(['Scenario'])),
  metadata: req(
    obj({
      id: req(pattern(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and dashes')),
      title: req(str()),
      difficulty: req(oneOf(DIFFICULTIES)),
      category: req(oneOf(CATEGORIES)),
      tags: opt(list(str())),
      timeLimit: opt(duration('Time allowed in challenge mode')),
    }),
  ),
  briefing: req(str('What the learner is told, as a ticket from a colleague would say it')),
  cluster: opt(obj({ nodes: opt(list(node, { min: 1 })) })),
  images: opt(record(any('What the image does when it runs (see docs/scenarios.md)'))),
  manifests: opt(str('Kubernetes YAML applied through the same path as kubectl apply')),
  setup: opt(list(str(), { description: 'kubectl commands run after the manifests, before time passes' })),
  startAfter: opt(duration('Simulated time that passes before the learner arrives')),
  objectives: opt(list(objective)),
  guards: opt(list(objective)),
  hints: opt(list(str())),
  solution: opt(list(str())),
  wrongFixes: opt(list(obj({ commands: req(list(str(), { min: 1 })), why: req(str()) }))),
  debrief: opt(str()),
});

/** The published JSON Schema for scenario files. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://kubedojo.dev/schema/scenario.json',
    title: 'kubedojo scenario',
    ...scenarioSchema.json(),
    $defs: { check: checkSchema.json() },
  };
}
