import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { podWarningsOnCreate, templateWarnings } from './pod-warnings.js';

const pod = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const container = (extra: Record<string, unknown>) => ({ name: 'app', image: 'nginx', ...extra });

describe('pod warnings (warnings.go)', () => {
  it('lets an env var build on the one it hides, and warns for one that replaces it', () => {
    const env = [
      { name: 'A', value: '1' },
      { name: 'A', value: '$(A):2' },
      { name: 'B', value: 'x' },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'C', value: 'x' },
      { name: 'C', value: '$(C)' },
    ];
    expect(podWarningsOnCreate(pod({ containers: [container({ env })] }))).toEqual([
      'spec.containers[0].env[3]: hides previous definition of "B", which may be dropped when using apply',
      'spec.containers[0].env[5]: hides previous definition of "C", which may be dropped when using apply',
    ]);
  });

  it('prints fractional byte quantities in canonical form and leaves whole bytes alone', () => {
    const resources = { limits: { memory: '0.5Gi', 'ephemeral-storage': '1.5k' }, requests: { memory: '0.1' } };
    expect(podWarningsOnCreate(pod({ containers: [container({ resources })], initContainers: [container({ resources: { limits: { memory: '10m' } } })] }))).toEqual([
      'spec.initContainers[0].resources.limits[memory]: fractional byte value "10m" is invalid, must be an integer',
      'spec.containers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer',
    ]);
  });

  it('tells duplicate, overlapping and ambiguous ports apart', () => {
    const a = container({ ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 80, protocol: 'UDP' }] });
    const b = container({ name: 'b', ports: [{ containerPort: 80, protocol: 'TCP', hostPort: 8080 }, { containerPort: 81, protocol: 'TCP', hostPort: 81, hostIP: '10.0.0.1' }, { containerPort: 81, protocol: 'TCP', hostPort: 81 }] });
    expect(podWarningsOnCreate(pod({ containers: [a, b] }))).toEqual([
      'spec.containers[1].ports[0]: overlapping port definition with spec.containers[0].ports[0]',
      'spec.containers[1].ports[2]: dangerously ambiguous port definition with spec.containers[1].ports[1]',
    ]);
  });

  it('warns about a name that is no DNS label, and not about a good one', () => {
    expect(podWarningsOnCreate(pod({ containers: [container({})] }, 'web-1'))).toEqual([]);
    expect(podWarningsOnCreate(pod({ containers: [container({})] }, 'Web'))[0]).toMatch(/^metadata\.name: this is used in the Pod's hostname.*: \[a lowercase RFC 1123 label must consist of/);
  });

  it('repeats a workload template\'s warnings only when its spec changes', () => {
    const deploy = (replicas: number): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { a: String(replicas) } },
      spec: { replicas, template: { spec: { nodeSelector: { 'beta.kubernetes.io/arch': 'amd64' }, containers: [container({})] } } },
    });
    const warning = 'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead';
    expect(templateWarnings(deploy(1), undefined, ['spec', 'template'])).toEqual([warning]);
    expect(templateWarnings(deploy(2), deploy(1), ['spec', 'template'])).toEqual([warning]);
    expect(templateWarnings({ ...deploy(1), metadata: { name: 'web', labels: { b: '1' } } }, deploy(1), ['spec', 'template'])).toEqual([]);
  });
});
