import { describe, expect, it } from 'vitest';
import { testEnv } from '../commands/testkit.js';
import { resourceSchemas, typeDef, wrap } from './index.js';

/**
 * `kubectl explain`: the layout of kubectl v1.32's plaintext template
 * (GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS) over our schema data.
 */
describe('kubectl explain', () => {
  const env = testEnv();
  const run = (line: string) => env.run(line);

  it('explains a resource: header, description, fields with types', () => {
    expect(run('explain cm')).toEqual({
      stdout: `KIND:       ConfigMap
VERSION:    v1

DESCRIPTION:
    Non-secret configuration data as key/value pairs, for pods to read as
    environment variables, arguments or files.
FIELDS:
  apiVersion\t<string>
    The versioned schema this object is written in, such as v1 or apps/v1; the
    server converts between the versions it knows.

  binaryData\t<map[string]string>
    Binary values, base64 encoded; keys must not repeat those of data.

  data\t<map[string]string>
    UTF-8 values by key.

  immutable\t<boolean>
    If true, the data cannot be changed, only the object deleted.

  kind\t<string>
    The kind of object this is, in CamelCase, such as Pod. Set by clients,
    read-only on update.

  metadata\t<ObjectMeta>
    Standard object metadata: name, namespace, labels, annotations and the
    fields the server manages.


`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('explains a field with an enum', () => {
    expect(run('explain svc.spec.type').stdout).toBe(`KIND:       Service
VERSION:    v1

FIELD: type <string>
ENUM:
    ClusterIP
    ExternalName
    LoadBalancer
    NodePort

DESCRIPTION:
    How the service is exposed. Defaults to ClusterIP.

`);
  });

  it('explains a map field, joining its value type description', () => {
    expect(run('explain pod.spec.containers.resources.limits').stdout).toBe(`KIND:       Pod
VERSION:    v1

FIELD: limits <map[string]Quantity>


DESCRIPTION:
    The most of each resource the container may use, such as cpu: 500m or
    memory: 256Mi.A fixed-point amount of a resource, written with optional SI
    (k, M, G) or binary (Ki, Mi, Gi) suffix or a milli (m) suffix, such as 500m
    or 1Gi.

`);
  });

  it('explains an object field in a group: GROUP line, FIELDS with -required- and enums', () => {
    expect(run('explain deployments.apps.spec.strategy').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    How old pods are replaced by new ones.How a deployment replaces its pods.
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    Settings for the RollingUpdate strategy.

  type\t<string>
  enum: Recreate, RollingUpdate
    Recreate (stop all, then start) or RollingUpdate (the default, gradually).


`);
    expect(run('explain netpol.spec.ingress.from.ipBlock').stdout).toContain('  cidr\t<string> -required-\n');
  });

  it('--recursive prints the field tree without descriptions', () => {
    expect(run('explain deploy.spec.template.spec.containers.livenessProbe.httpGet --recursive').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: httpGet <HTTPGetAction>


DESCRIPTION:
    Send an HTTP GET; a status from 200 to 399 is success.An HTTP GET request
    made by the kubelet.
FIELDS:
  host\t<string>
  httpHeaders\t<[]HTTPHeader>
    name\t<string> -required-
    value\t<string> -required-
  path\t<string>
  port\t<IntOrString> -required-
  scheme\t<string>
  enum: HTTP, HTTPS

`);
  });

  it('follows the common paths of every simulated kind', () => {
    for (const p of [
      'pods.spec.containers.resources.limits',
      'deploy.spec.template.spec.containers.livenessProbe',
      'netpol.spec.ingress.from.podSelector',
      'rs.spec.selector.matchLabels',
      'ds.spec.updateStrategy.rollingUpdate.maxUnavailable',
      'sts.spec.volumeClaimTemplates.spec.resources.requests',
      'job.spec.backoffLimit',
      'cj.spec.jobTemplate.spec.template.spec.restartPolicy',
      'ns.status.phase',
      'no.spec.taints.effect',
      'quota.spec.hard',
      'limits.spec.limits.defaultRequest',
      'sa.automountServiceAccountToken',
      'pvc.spec.accessModes',
      'pv.spec.persistentVolumeReclaimPolicy',
      'sc.volumeBindingMode',
      'hpa.spec.scaleTargetRef',
      'ing.spec.rules.http.paths.backend.service.port.number',
      'pdb.spec.minAvailable',
      'role.rules.verbs',
      'rolebinding.roleRef',
      'clusterrole.aggregationRule',
      'clusterrolebinding.subjects.kind',
      'secret.stringData',
      'svc.spec.ports.targetPort',
      'pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions.operator',
      'pod.spec.volumes.configMap.items.key',
      'pod.spec.containers.env.valueFrom.secretKeyRef',
    ]) {
      const r = run(`explain ${p}`);
      expect(r.stderr, p).toBe('');
      expect(r.stdout, p).toContain(`FIELD: ${p.split('.').pop()} <`);
    }
  });

  it('errors as kubectl prints them', () => {
    // The template has written the header when the field lookup fails; the error names the last path element.
    expect(run('explain pods.spec.foo.bar')).toEqual({ stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "bar" does not exist\n', exitCode: 1 });
    expect(run('explain podz')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "podz"\n', exitCode: 1 });
    expect(run('explain')).toEqual({
      stdout: '',
      stderr: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      exitCode: 1,
    });
    expect(run('explain a b').stderr).toBe('error: We accept only this format: explain RESOURCE\n');
    expect(run('explain pods --api-version=apps/v1').stderr).toBe('error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n');
    expect(run('explain deploy --api-version=apps/v2').stderr).toBe('error: couldn\'t find resource for "apps/v2, Resource=deployments"\n');
    expect(run('explain deploy --api-version=apps/v1').exitCode).toBe(0);
  });

  it('wraps as go-wordwrap does, dropping line breaks first', () => {
    expect(wrap('aaa bbb\nccc ddd', 7)).toBe('aaa\nbbbccc\nddd');
    expect(wrap('x'.repeat(10) + ' y', 4)).toBe('xxxxxxxxxx\ny');
  });

  it('every field has a description and every named kind a schema', () => {
    for (const r of resourceSchemas()) {
      const t = typeDef(r.type);
      expect(t, r.kind).toBeDefined();
      for (const [name, f] of t!.fields) expect(f.description, `${r.kind}.${name}`).not.toBe('');
    }
  });
});
