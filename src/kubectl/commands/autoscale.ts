import { kindByResourceKey } from '../../cluster/kinds/registry.js';
import type { KubeObject } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { flagInt, flagString } from './types.js';
import {
  FILENAME_FLAGS,
  PRINT_FLAGS,
  checkOutput,
  collectTargets,
  createGenerated,
  dryRunStrategy,
  finish,
  operationLine,
  plainErr,
  printObjectsText,
  printsObjects,
  type CmdError,
} from './write-helpers.js';

/**
 * `kubectl autoscale deploy/web --min=2 --max=10 --cpu-percent=80`: an
 * autoscaling/v2 HorizontalPodAutoscaler for a scalable workload.
 *
 * @see k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go
 */
function runAutoscale(inv: Invocation) {
  const outErr = checkOutput(inv);
  if (outErr) return finish('', [plainErr(outErr)]);
  const dry = dryRunStrategy(inv);
  if (!dry.ok) return finish('', [plainErr(dry.message)]);
  const max = flagInt(inv, 'max');
  const min = flagInt(inv, 'min');
  const cpu = flagInt(inv, 'cpu-percent');
  if (max < 1) return finish('', [plainErr('--max=MAXPODS is required and must be at least 1, max: ' + max)]);
  if (max < min) return finish('', [plainErr(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`)]);
  const collected = collectTargets(inv, inv.args, { fetchLive: true, requireLive: true });
  if (!collected.ok) return collected.result;
  const errors: CmdError[] = [...collected.errors];
  const hpaDef = kindByResourceKey('horizontalpodautoscalers.autoscaling')!;
  const output = flagString(inv, 'output');
  let stdout = '';
  let warnings = '';
  const printed: KubeObject[] = [];
  for (const t of collected.targets) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(t.def.kind)) {
      errors.push(plainErr(`cannot autoscale a ${t.def.kind}: ${t.def.kind === 'Pod' ? 'pods' : t.def.resource} "${t.name}" is not scalable`));
      continue;
    }
    const name = flagString(inv, 'name') || t.name;
    const targetRef = { apiVersion: t.live!.apiVersion, kind: t.def.kind, name: t.name };
    // kubectl v1.32 builds an autoscaling/v1 object; the simulated API server stores autoscaling/v2.
    const v1Spec: Record<string, unknown> = { maxReplicas: max, scaleTargetRef: targetRef };
    if (min > 0) v1Spec.minReplicas = min;
    if (cpu >= 0) v1Spec.targetCPUUtilizationPercentage = cpu;
    const v1: KubeObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: v1Spec, status: { currentReplicas: 0, desiredReplicas: 0 } };
    const spec: Record<string, unknown> = { maxReplicas: max, scaleTargetRef: targetRef };
    if (cpu >= 0) spec.metrics = [{ resource: { name: 'cpu', target: { averageUtilization: cpu, type: 'Utilization' } }, type: 'Resource' }];
    if (min > 0) spec.minReplicas = min;
    const hpa: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec };
    const created = createGenerated(inv, hpa, t.namespace, dry.value, v1);
    if (!created.ok) {
      errors.push(created.error);
      continue;
    }
    warnings += created.warnings;
    if (printsObjects(inv)) printed.push(created.value);
    else stdout += operationLine(hpaDef, name, 'autoscaled', dry.value, output);
  }
  if (printed.length > 0) stdout += printObjectsText(inv, printed, false, true);
  return finish(stdout, errors, warnings);
}

export const autoscaleCommand: CommandDef = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  flags: [
    ...FILENAME_FLAGS,
    ...PRINT_FLAGS,
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
    { name: 'name', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'record', type: 'bool', default: false },
  ],
  run: runAutoscale,
};
