import { describe, expect, it } from 'vitest';
import { testEnv } from '../commands/testkit.js';
import { resourceSchemas, typeDef, wrap } from './index.js';

/**
 * `kubectl explain` over our schema data. The layout itself is proven by
 * goldens.test.ts (real kubectl v1.32.4 over the same schema).
 */
describe('kubectl explain', () => {
  const env = testEnv();
  const run = (line: string) => env.run(line);

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

  it('wraps as go-wordwrap v1.0.1 does: at spaces, keeping line breaks, never splitting a long word', () => {
    expect(wrap('aaa bbb ccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wrap('aaa bbb\nccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    // The text before a line break is kept whole; the break resets the line.
    expect(wrap('aaaa\nbb cc dd', 5)).toBe('aaaa\nbb cc\ndd');
    expect(wrap('x'.repeat(10) + ' y', 4)).toBe('xxxxxxxxxx\ny');
    // A field's description and its type's are joined with "\n" and end with one: the last line is empty.
    expect(wrap('Field text.\nType text.\n', 76)).toBe('Field text.\nType text.\n');
    // A no-break space does not separate words; widths count characters, not bytes.
    expect(wrap('a\u00a0b c', 3)).toBe('a\u00a0b\nc');
    expect(wrap('é é é', 3)).toBe('é é\né');
  });

  it('every field has a description and every named kind a schema', () => {
    for (const r of resourceSchemas()) {
      const t = typeDef(r.type);
      expect(t, r.kind).toBeDefined();
      for (const [name, f] of t!.fields) expect(f.description, `${r.kind}.${name}`).not.toBe('');
    }
  });
});
