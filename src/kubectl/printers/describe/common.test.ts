import { describe, expect, it } from 'vitest';
import { Quantity, podQOS, rfc1123z, goTimeString, taintString } from './common.js';

describe('describe helpers', () => {
  it.each([
    [['100m', '250m', '250m'], '600m'],
    [['500m', '500m'], '1'],
    [['128Mi', '64Mi', '64Mi'], '256Mi'],
    [['1Gi', '512Mi'], '1536Mi'],
    [['1G', '500M'], '1500M'],
    [['1500'], '1500'],
    [['2000'], '2k'],
    [['0'], '0'],
    [['1Ki', '1'], '1025'],
  ])('sum of %j is %s', (qs, want) => {
    expect(qs.map((q) => Quantity.parse(q)).reduce((a, b) => a.add(b)).toString()).toBe(want);
  });

  it('Value rounds up, MilliValue is exact', () => {
    expect(Quantity.parse('1500m').value()).toBe(2);
    expect(Quantity.parse('250m').milliValue()).toBe(250);
    expect(Quantity.parse('3920060Ki').value()).toBe(3920060 * 1024);
  });

  it('times and taints', () => {
    expect(rfc1123z('2026-01-15T09:50:00Z')).toBe('Thu, 15 Jan 2026 09:50:00 +0000');
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
    expect(goTimeString('2026-01-15T09:10:00Z')).toBe('2026-01-15 09:10:00 +0000 UTC');
    expect(taintString({ key: 'gpu', value: 'true', effect: 'NoSchedule' })).toBe('gpu=true:NoSchedule');
    expect(taintString({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' })).toBe('node-role.kubernetes.io/control-plane:NoSchedule');
  });

  it('QoS class from requests and limits when status has none', () => {
    const pod = (resources: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'a', resources }] } });
    expect(podQOS(pod({}))).toBe('BestEffort');
    expect(podQOS(pod({ limits: { cpu: '1', memory: '1Gi' } }))).toBe('Guaranteed');
    expect(podQOS(pod({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }))).toBe('Guaranteed');
    expect(podQOS(pod({ requests: { cpu: '500m' } }))).toBe('Burstable');
  });
});
