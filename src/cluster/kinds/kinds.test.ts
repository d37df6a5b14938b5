import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { kubectlErrorText, type ApiResult } from '../apiserver/status-errors.js';
import { Simulation } from '../simulation.js';
import { kindByResourceKey, kindOf } from './registry.js';

function sim(): Simulation {
  return new Simulation({ seed: 1 });
}

function errorText(r: ApiResult<unknown>): string {
  if (r.ok) throw new Error('expected an error');
  return kubectlErrorText(r.error);
}

function value(r: ApiResult<KubeObject>): KubeObject {
  if (!r.ok) throw new Error(kubectlErrorText(r.error));
  return r.value;
}

const deployment = (over: Record<string, unknown> = {}, template: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, ...template },
    ...over,
  },
});

describe('Deployment defaulting', () => {
  it('fills in what `kubectl get deploy -o yaml` shows on a real cluster', () => {
    const d = value(sim().api.create(deployment()));
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });

  it('pull policy is Always for :latest or no tag', () => {
    const s = sim();
    const a = value(s.api.create(deployment({}, { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx:latest' }, { name: 'c', image: 'reg:5000/app@sha256:abc' }] } })));
    const cs = (a.spec as { template: { spec: { containers: { imagePullPolicy: string }[] } } }).template.spec.containers;
    expect(cs.map((c) => c.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent']);
  });

  it('Recreate gets no rollingUpdate defaults', () => {
    const d = value(sim().api.create(deployment({ strategy: { type: 'Recreate' } })));
    expect((d.spec as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' });
  });
});

describe('Deployment validation texts', () => {
  it('selector that does not match template labels', () => {
    const r = sim().api.create(deployment({ selector: { matchLabels: { app: 'x' } } }));
    expect(errorText(r)).toBe(
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n',
    );
  });

  it('missing selector reports both errors, as the server does', () => {
    const d = deployment();
    delete (d.spec as Record<string, unknown>).selector;
    expect(errorText(sim().api.create(d))).toBe(
      'The Deployment "web" is invalid: \n' +
        '* spec.selector: Required value\n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n',
    );
  });

  it('empty selector', () => {
    expect(errorText(sim().api.create(deployment({ selector: {} })))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment\n',
    );
  });

  it('maxSurge and maxUnavailable both 0', () => {
    const r = sim().api.create(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }));
    expect(errorText(r)).toBe('The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0\n');
  });

  it('restartPolicy Never in a Deployment', () => {
    const r = sim().api.create(deployment({}, { spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image: 'nginx' }] } }));
    expect(errorText(r)).toBe('The Deployment "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n');
  });

  it('invalid names per kind', () => {
    const d = deployment();
    d.metadata.name = 'Web_1';
    expect(errorText(sim().api.create(d))).toBe(
      `The Deployment "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
    const svc = sim().api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } });
    expect(errorText(svc)).toBe(
      `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });

  it('selector is immutable', () => {
    const s = sim();
    value(s.api.create(deployment()));
    const r = s.api.patch(kindOf('apps/v1', 'Deployment')!, 'default', 'web', 'strategic', {
      spec: { selector: { matchLabels: { app: 'web2' } }, template: { metadata: { labels: { app: 'web2' } } } },
    });
    expect(errorText(r)).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('label values and keys', () => {
    const d = deployment();
    d.metadata.labels = { 'bad key!': 'ok', app: 'has space' };
    expect(errorText(sim().api.create(d))).toBe(
      'The Deployment "web" is invalid: \n' +
        `* metadata.labels: Invalid value: "has space": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n` +
        `* metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
    );
  });
});

describe('Pod validation texts', () => {
  const pod = (containers: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } });

  it('requests above limits', () => {
    const r = sim().api.create(pod([{ name: 'c', image: 'nginx', resources: { limits: { memory: '1Gi' }, requests: { memory: '2Gi' } } }]));
    expect(errorText(r)).toBe('The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi\n');
  });

  it('missing image and containers', () => {
    expect(errorText(sim().api.create(pod([{ name: 'c' }])))).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value\n');
    expect(errorText(sim().api.create(pod([])))).toBe('The Pod "p" is invalid: spec.containers: Required value\n');
  });

  it('duplicate container names and a bad pull policy', () => {
    const r = sim().api.create(pod([{ name: 'c', image: 'a' }, { name: 'c', image: 'b', imagePullPolicy: 'Sometimes' }]));
    expect(errorText(r)).toBe(
      'The Pod "p" is invalid: \n' +
        '* spec.containers[1].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"\n' +
        '* spec.containers[1].name: Duplicate value: "c"\n',
    );
  });

  it('a quantity that does not parse is a decode error', () => {
    const r = sim().api.create(pod([{ name: 'c', image: 'nginx', resources: { limits: { memory: '1GB' } } }]));
    expect(errorText(r)).toBe(
      "Error from server (BadRequest): Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
  });

  it('defaults: requests from limits, canonical quantities, QoS, service account, tolerations, priority', () => {
    const p = value(sim().api.create(pod([{ name: 'c', image: 'nginx', resources: { limits: { memory: '1.5Gi', cpu: 0.5 } } }])));
    const spec = p.spec as Record<string, unknown> & { containers: Record<string, unknown>[]; volumes: { name: string }[] };
    expect(spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '500m', memory: '1536Mi' } });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(spec.enableServiceLinks).toBe(true);
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: spec.volumes[0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('probes get their defaults', () => {
    const p = value(sim().api.create(pod([{ name: 'c', image: 'nginx', livenessProbe: { httpGet: { port: 80 } }, ports: [{ containerPort: 80 }] }])));
    const c = (p.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('pod updates may only change images and a few fields', () => {
    const s = sim();
    value(s.api.create(pod([{ name: 'c', image: 'nginx' }])));
    const podDef = kindOf('v1', 'Pod')!;
    expect(s.api.patch(podDef, 'default', 'p', 'strategic', { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }).ok).toBe(true);
    const r = s.api.patch(podDef, 'default', 'p', 'strategic', { spec: { containers: [{ name: 'c', resources: { limits: { memory: '1Gi' } } }] } });
    const text = errorText(r);
    expect(text.startsWith(
      'The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    )).toBe(true);
  });
});

describe('Service defaulting and validation', () => {
  it('allocates a ClusterIP and node ports, defaults the rest', () => {
    const s = sim();
    const svc = value(s.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } }));
    const spec = svc.spec as Record<string, unknown> & { ports: { nodePort: number }[]; clusterIP: string };
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(spec.ports[0]).toEqual({ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: spec.ports[0].nodePort });
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(spec).toMatchObject({ sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('targetPort defaults to port; clusterIP survives updates; changing it is refused', () => {
    const s = sim();
    const svc = value(s.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }));
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    expect((svc.spec as { ports: unknown[] }).ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    const def = kindOf('v1', 'Service')!;
    const patched = value(s.api.patch(def, 'default', 'web', 'merge', { spec: { selector: { app: 'api' } } }));
    expect((patched.spec as { clusterIP: string }).clusterIP).toBe(ip);
    const r = s.api.patch(def, 'default', 'web', 'merge', { spec: { clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] } });
    expect(errorText(r)).toBe('The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set\n');
  });

  it('explicit clusterIP already taken (kube-dns has 10.96.0.10)', () => {
    const r = sim().api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns2' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] } });
    expect(errorText(r)).toBe('The Service "dns2" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.10": failed to allocate IP 10.96.0.10: provided IP is already allocated\n');
  });

  it('port ranges and names', () => {
    const r = sim().api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }, { port: 70000, targetPort: 0 }] } });
    expect(errorText(r)).toBe(
      'The Service "web" is invalid: \n' +
        '* spec.ports[0].name: Required value\n' +
        '* spec.ports[1].name: Required value\n' +
        '* spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n' +
        '* spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    );
  });

  it('nodePort out of range', () => {
    const r = sim().api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] } });
    expect(errorText(r)).toBe('The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
  });
});

describe('other kinds', () => {
  it('Namespace: finalizer, phase and name label', () => {
    const ns = value(sim().api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
  });

  it('Job: defaults, generated selector and labels', () => {
    const job = value(
      sim().api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } }),
    );
    const uid = job.metadata.uid!;
    const spec = job.spec as Record<string, unknown> & { template: { metadata: { labels: unknown } } };
    expect(spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(spec.template.metadata.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
  });

  it('Job: restartPolicy Always is refused', () => {
    const r = sim().api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } });
    expect(errorText(r)).toBe('The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n');
  });

  it('CronJob: defaults and schedule errors', () => {
    const cj = (schedule: string): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });
    const ok = value(sim().api.create(cj('*/5 * * * *')));
    expect(ok.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(errorText(sim().api.create(cj('* * *')))).toBe('The CronJob "tick" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: * * *\n');
  });

  it('NetworkPolicy policyTypes defaulting', () => {
    const s = sim();
    const ing = value(s.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelector: {} } }));
    expect((ing.spec as { policyTypes: string[] }).policyTypes).toEqual(['Ingress']);
    const eg = value(s.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'b' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } }));
    expect(eg.spec).toMatchObject({ policyTypes: ['Ingress', 'Egress'], egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }] });
    const bad = s.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'c' }, spec: { podSelector: {}, ingress: [{ from: [{}] }], policyTypes: ['Inbound'] } });
    expect(errorText(bad)).toBe(
      'The NetworkPolicy "c" is invalid: \n* spec.ingress[0].from[0]: Required value: must specify a peer\n* spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress"\n',
    );
  });

  it('Secret type Opaque and stringData folded into data', () => {
    const sec = value(sim().api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } }));
    expect(sec.type).toBe('Opaque');
    expect(sec.data).toEqual({ password: 'aHVudGVyMg==' });
    expect(sec.stringData).toBeUndefined();
  });

  it('PVC volumeMode and phase; spec immutability', () => {
    const s = sim();
    const pvc = value(
      s.api.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
    );
    expect(pvc.spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(pvc.status).toEqual({ phase: 'Pending' });
    // A class can be set on a claim that has none (retroactive default StorageClass assignment), then not changed.
    const set = s.api.patch(kindOf('v1', 'PersistentVolumeClaim')!, 'default', 'data', 'merge', { spec: { storageClassName: 'fast' } });
    expect(set.ok).toBe(true);
    const r = s.api.patch(kindOf('v1', 'PersistentVolumeClaim')!, 'default', 'data', 'merge', { spec: { storageClassName: 'slow' } });
    expect(errorText(r)).toBe('The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n');
  });

  it('LimitRange defaults and ordering checks', () => {
    const s = sim();
    const lr = value(s.api.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'mem' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' }, min: { memory: '500Mi' } }] } }));
    expect((lr.spec as { limits: unknown[] }).limits[0]).toEqual({ type: 'Container', max: { memory: '1Gi' }, min: { memory: '500Mi' }, default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } });
    const bad = s.api.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'bad' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' }, min: { memory: '2Gi' } }] } });
    expect(errorText(bad)).toContain('spec.limits[0].min[memory]: Invalid value: "2Gi": min value 2Gi is greater than max value 1Gi');
  });

  it('RBAC: binding subjects and roleRef defaults', () => {
    const rb = value(
      sim().api.create({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'read' },
        roleRef: { kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'myapp' }],
      }),
    );
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' });
    expect(rb.subjects).toEqual([{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'myapp' }]);
  });

  it('Ingress: pathType and backend checks', () => {
    const r = sim().api.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web' } } }] } }] },
    });
    expect(errorText(r)).toBe(
      'The Ingress "web" is invalid: \n' +
        '* spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n' +
        '* spec.rules[0].http.paths[0].backend: Required value: port name or number is required\n',
    );
  });

  it('HPA: v2 defaults and replica bounds', () => {
    const s = sim();
    const hpa = value(
      s.api.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 } }),
    );
    expect(hpa.spec).toMatchObject({
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: { scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
    });
    const bad = s.api.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 } });
    expect(errorText(bad)).toBe('The HorizontalPodAutoscaler "x" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`\n');
  });

  it('Node taints: effect required, unique by key and effect', () => {
    const s = sim();
    const r = s.api.patch(kindOf('v1', 'Node')!, '', 'node01', 'merge', { spec: { taints: [{ key: 'gpu', value: 'true' }] } });
    expect(errorText(r)).toBe('The Node "node01" is invalid: spec.taints[0].effect: Required value\n');
    const dup = s.api.patch(kindOf('v1', 'Node')!, '', 'node01', 'merge', {
      spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }, { key: 'gpu', value: 'x', effect: 'NoSchedule' }] },
    });
    expect(errorText(dup)).toBe(
      'The Node "node01" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"gpu", Value:"x", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair\n',
    );
  });

  it('the sandbox bootstrap passes every check', async () => {
    const { bootstrapWarnings } = await import('../bootstrap.js');
    sim();
    expect(bootstrapWarnings).toEqual([]);
  });
});

describe('StatefulSet validation', () => {
  const sts = (mountName: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'db', image: 'redis:7.4', volumeMounts: [{ name: mountName, mountPath: '/data' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });

  it('accepts mounts of volumeClaimTemplates, which are not volumes of the pod template', () => {
    expect(value(sim().api.create(sts('data'))).metadata.name).toBe('db');
  });

  it('stores claim templates as the API server serialises them, so a patch of the replicas or template is not refused as a claim change', () => {
    const s = sim();
    const created = value(s.api.create(sts('data')));
    const vct = (created.spec as { volumeClaimTemplates: { metadata: Record<string, unknown>; status?: unknown }[] }).volumeClaimTemplates[0];
    expect(vct.metadata).toEqual({ name: 'data', creationTimestamp: null });
    expect(vct.status).toEqual({ phase: 'Pending' });
    const def = kindByResourceKey('statefulsets.apps')!;
    expect(value(s.api.patch(def, 'default', 'db', 'merge', { spec: { replicas: 3 } })).spec).toMatchObject({ replicas: 3 });
    // Loaded verbatim (a snapshot) with the serialised null: a patch drops it and defaulting brings it back.
    const loaded = sim();
    loaded.load('statefulsets.apps', { ...structuredClone(created), metadata: { ...created.metadata, resourceVersion: '7' } });
    expect(value(loaded.api.patch(def, 'default', 'db', 'strategic', { spec: { template: { spec: { containers: [{ name: 'db', image: 'redis:7.4.1' }] } } } })).metadata.name).toBe('db');
  });

  it('still checks that the selector matches the template labels', () => {
    const bad = sts('data');
    (bad.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(errorText(sim().api.create(bad))).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`');
  });
});
