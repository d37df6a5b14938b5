import { any, bool, duration, int, list, obj, oneOf, opt, pattern, quantity, record, ref, req, scalar, seconds, str, union, variant, type Schema } from './schema-dsl.js';

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
  podEnv: () =>
    obj(
      {
        namespace: opt(str()),
        selector: selectorRef(),
        container: opt(str('Container name (default: the first)')),
        name: req(str('Environment variable')),
        equals: req(str('The value every running process must see')),
      },
      'Every running container of the matching pods sees this environment value (as kubectl exec … printenv would print it).',
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

const wrongFix = obj({ commands: req(list(str(), { min: 1 })), why: req(str()) });

const node = obj({
  name: req(str()),
  role: opt(oneOf(['control-plane', 'worker'])),
  cpu: opt(str('Capacity, e.g. "2" or 4000m')),
  memory: opt(str('Capacity, e.g. 4Gi')),
  pods: opt(int()),
  labels: opt(record(str())),
  taints: opt(list(obj({ key: req(str()), value: opt(str()), effect: req(oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])) }))),
  unschedulable: opt(bool()),
  kubelet: opt(oneOf(['running', 'stopped'], 'stopped: the node\'s kubelet is stopped after the manifests and setup, before startAfter (the node goes NotReady about 40 s later; `kubectl debug node/NAME -- chroot /host systemctl start kubelet` brings it back)')),
});


const logText = () => union([str(), list(str())], 'One line or several');
const httpAnswer = obj(
  {
    status: req(int('HTTP status code')),
    body: opt(str()),
    delaySeconds: opt(seconds('Seconds the answer takes: longer than a probe\'s timeoutSeconds fails the probe')),
    fromSeconds: opt(seconds('Answer this from this many seconds after start')),
    untilSeconds: opt(seconds('…until this many seconds after start')),
  },
  'An HTTP answer',
);
const exitRule = (what: string) =>
  obj({
    log: opt(logText()),
    exitCode: opt(int('Exit code (default 1)')),
    afterSeconds: opt(seconds('Seconds after start')),
    ...(what === 'env' ? { name: req(str('Variable name')) } : what === 'file' ? { path: req(str('File path')) } : { host: req(str('Host: a Service name, DNS name or IP')), port: req(int()) }),
  });

/** What a scenario image does when it runs: the fields of ImageSpec (src/cluster/images/index.ts). */
export const imageSchema: Schema = obj(
  {
    size: opt(quantity('Compressed size (default 50Mi)')),
    private: opt(bool('Pulling needs an imagePullSecret')),
    preloaded: opt(bool('Already on every node')),
    entrypoint: opt(list(str(), { description: 'ENTRYPOINT (default ["/app"])' })),
    cmd: opt(list(str(), { description: 'CMD' })),
    user: opt(str('USER (default root): with runAsNonRoot and no runAsUser, root or a non-numeric name cannot start')),
    env: opt(record(str(), 'ENV baked into the image')),
    memory: opt(
      union(
        [quantity(), obj({ start: opt(quantity()), perSecond: opt(quantity()), max: opt(quantity()) }, 'A curve: start, growing by perSecond up to max')],
        'Resident memory; over the container limit the process is OOMKilled',
      ),
    ),
    cpu: opt(quantity('CPU use while running')),
    ports: opt(
      list(
        union([
          int(),
          obj({
            port: req(int()),
            protocol: opt(oneOf(['TCP', 'UDP'])),
            http: opt(bool('false for a non-HTTP socket')),
            localhostOnly: opt(bool('Binds 127.0.0.1 only')),
            afterSeconds: opt(seconds('Seconds before this port listens')),
          }),
        ]),
        { description: 'Ports it listens on' },
      ),
    ),
    startupSeconds: opt(seconds('Seconds between start and listening')),
    http: opt(record(union([int(), httpAnswer, list(httpAnswer)]), 'HTTP answers by path; unlisted paths answer 404')),
    logs: opt(list(union([str(), obj({ at: req(seconds()), text: req(str()) })]), { description: 'Log lines at start, or {at, text}' })),
    repeatLogs: opt(obj({ every: req(seconds()), lines: req(list(str())), from: opt(seconds()) }, 'Lines printed periodically')),
    exit: opt(obj({ code: req(int()), afterSeconds: opt(seconds()), log: opt(logText()) }, 'Exits by itself')),
    requiredEnv: opt(list(exitRule('env'), { description: 'Variables it needs; a missing one logs and exits' })),
    requiredFiles: opt(list(exitRule('file'), { description: 'Files it needs; a missing one logs and exits' })),
    connects: opt(list(exitRule('connect'), { description: 'Hosts it connects to at start; a failure logs and exits' })),
    tools: opt(list(str(), { description: 'Programs present for kubectl exec (sh, wget, curl, nc, nslookup, …)' })),
    files: opt(record(str(), 'Files inside the image')),
    onSigterm: opt(oneOf(['exit', 'ignore'])),
    stopSeconds: opt(seconds('Seconds it takes to stop after SIGTERM')),
  },
  'What the image does when it runs (see docs/scenarios.md)',
);

/** A parameter drawn from the seed: one of several values (scalars, or mappings of scalars read as {{name.key}}). */
const parameterSchema = obj(
  {
    oneOf: req(list(union([scalar(), record(scalar())]), { min: 1, description: 'The values to choose from' })),
    description: opt(str()),
  },
  'A parameter: one value drawn from the seed per run',
);

/** The fields a variant may override. */
const overridable = () => ({
  briefing: opt(str()),
  images: opt(record(imageSchema)),
  manifests: opt(str()),
  files: opt(record(str())),
  setup: opt(list(str())),
  startAfter: opt(duration()),
  objectives: opt(list(objective)),
  guards: opt(list(objective)),
  hints: opt(list(str())),
  solution: opt(list(str())),
  wrongFixes: opt(list(wrongFix)),
  debrief: opt(str()),
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
  parameters: opt(record(parameterSchema, 'Values drawn from the seed, substituted as {{name}} (or {{name.key}}) everywhere below')),
  variants: opt(record(record(obj(overridable(), 'Fields that replace the scenario\'s own when the parameter has this value')), 'Per parameter, per value: overrides')),
  images: opt(record(imageSchema, 'Scenario images by reference')),
  manifests: opt(str('Kubernetes YAML applied through the same path as kubectl apply')),
  files: opt(record(str(), 'Files in the learner\'s working directory, by relative path (e.g. a broken manifest to fix)')),
  setup: opt(list(str(), { description: 'kubectl commands run after the manifests, before time passes' })),
  startAfter: opt(duration('Simulated time that passes before the learner arrives')),
  objectives: opt(list(objective)),
  guards: opt(list(objective)),
  hints: opt(list(str())),
  solution: opt(list(str())),
  wrongFixes: opt(list(wrongFix)),
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
