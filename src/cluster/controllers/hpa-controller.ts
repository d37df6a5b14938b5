/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2, Resource metrics):
 * every 15 s it reads pod usage from the metrics pipeline (the kubelets'
 * `usage`, what metrics-server serves), computes the desired replicas with
 * the 10 % tolerance, applies the 5-minute scale-down stabilization and the
 * default scale-up policy, scales the target, and reports the conditions
 * and events `kubectl describe hpa` shows.
 *
 * @see k8s.io/kubernetes/pkg/controller/podautoscaler/horizontal.go
 * @see k8s.io/kubernetes/pkg/controller/podautoscaler/replica_calculator.go
 */
import { cloneJson, rfc3339, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import { intValue, milliValue } from '../api/quantity.js';
import type { Simulation } from '../simulation.js';
import { isPodActive, onStore, sameJson, splitKey, WorkQueue, type Condition } from './util.js';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
const SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 5 * 60_000;

interface MetricSpec {
  type: string;
  resource?: {
    name: string;
    target: { type: string; averageUtilization?: number; averageValue?: string };
  };
}

interface HPASpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
}

const TARGETS: Record<string, string> = {
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicaSet: 'replicasets.apps',
  ReplicationController: 'replicationcontrollers',
};

function formatMilli(v: number): string {
  return `${Math.round(v)}m`;
}

export function installHPAController(sim: Simulation): void {
  const queue = new WorkQueue(sim, HPA_CONTROLLER);
  /** hpa uid → recent recommendations (time, replicas) */
  const recommendations = new Map<string, { t: number; n: number }[]>();
  onStore(sim, ['horizontalpodautoscalers.autoscaling'], (e) => {
    if (e.type === 'ADDED' || (e.old && !sameJson(e.old.spec, e.object.spec)))
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
  });
  sim.addController({
    name: HPA_CONTROLLER,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        const [ns, name] = splitKey(key);
        const hpa = sim.store.get('horizontalpodautoscalers.autoscaling', ns, name);
        if (!hpa) return;
        reconcileHPA(sim, hpa, recommendations);
        queue.addAfter(key, SYNC_MS);
      });
    },
  });
}

function reconcileHPA(
  sim: Simulation,
  hpa: KubeObject,
  recs: Map<string, { t: number; n: number }[]>,
): void {
  const spec = (hpa.spec ?? {}) as HPASpec;
  const ns = hpa.metadata.namespace!;
  const now = sim.now();
  const t = rfc3339(now);
  const old = cloneJson(
    (hpa.status ?? {}) as {
      conditions?: Condition[];
      currentReplicas?: number;
      desiredReplicas?: number;
      currentMetrics?: unknown[];
      lastScaleTime?: string;
    },
  );
  const conds: Record<string, Condition> = {};
  for (const c of old.conditions ?? []) conds[c.type] = c;
  const setCond = (type: string, status: Condition['status'], reason: string, message: string) => {
    const cur = conds[type];
    conds[type] = {
      type,
      status,
      reason,
      message,
      lastTransitionTime: cur && cur.status === status ? cur.lastTransitionTime : t,
    };
  };
  const rec = (type: 'Normal' | 'Warning', reason: string, msg: string) =>
    sim.events.record(hpa, type, reason, msg, { component: HPA_CONTROLLER });
  const write = (extra: Record<string, unknown>) => {
    const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
    const status: Record<string, unknown> = {
      ...extra,
      conditions: order
        .filter((k) => conds[k])
        .map((k) => ({
          lastTransitionTime: conds[k].lastTransitionTime,
          message: conds[k].message,
          reason: conds[k].reason,
          status: conds[k].status,
          type: k,
        })),
    };
    if (old.lastScaleTime && !status.lastScaleTime) status.lastScaleTime = old.lastScaleTime;
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    if (!sameJson(hpa.status ?? {}, status)) sim.api.updateStatus({ ...hpa, status });
  };
  const resource = TARGETS[spec.scaleTargetRef?.kind ?? ''];
  const target = resource ? sim.store.get(resource, ns, spec.scaleTargetRef.name) : undefined;
  if (!target) {
    const why = resource
      ? `${resource} "${spec.scaleTargetRef?.name}" not found`
      : `no matches for kind "${spec.scaleTargetRef?.kind}" in group ""`;
    setCond(
      'AbleToScale',
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: ${why}`,
    );
    rec('Warning', 'FailedGetScale', why);
    write({ currentReplicas: old.currentReplicas ?? 0, desiredReplicas: 0 });
    return;
  }
  const current = (target.spec as { replicas?: number }).replicas ?? 1;
  const selector = (target.spec as { selector?: LabelSelector }).selector ?? null;
  const minR = spec.minReplicas ?? 1;
  const maxR = spec.maxReplicas;
  if (current === 0 && minR > 0) {
    setCond(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    setCond(
      'ScalingActive',
      'False',
      'ScalingDisabled',
      'scaling is disabled since the replica count of the target is zero',
    );
    write({ currentReplicas: 0, desiredReplicas: 0 });
    return;
  }
  const metrics =
    spec.metrics && spec.metrics.length > 0
      ? spec.metrics
      : [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ];
  const pods = sim.store
    .list('pods', ns)
    .filter(
      (p) =>
        isPodActive(p) &&
        labelSelectorMatches(selector, p.metadata.labels) &&
        (p.status as { phase?: string } | undefined)?.phase === 'Running',
    );
  let proposal = 0;
  let reasonText = '';
  const currentMetrics: unknown[] = [];
  let error: string | undefined;
  for (const m of metrics) {
    if (m.type !== 'Resource' || !m.resource) continue;
    const rname = m.resource.name;
    const utilTarget = m.resource.target.averageUtilization;
    let usageSum = 0;
    let requestSum = 0;
    let counted = 0;
    for (const p of pods) {
      const usage = sim.kubelet.usage(ns, p.metadata.name!);
      if (!usage) continue;
      const containers =
        (
          p.spec as {
            containers: { name: string; resources?: { requests?: Record<string, string> } }[];
          }
        ).containers ?? [];
      for (const c of containers) {
        const req = c.resources?.requests?.[rname];
        if (req === undefined && m.resource.target.type === 'Utilization') {
          error = `failed to get ${rname} utilization: missing request for ${rname} in container ${c.name} of Pod ${p.metadata.name}`;
          break;
        }
        requestSum += rname === 'cpu' ? milliValue(req) : intValue(req);
      }
      if (error) break;
      for (const u of usage) usageSum += rname === 'cpu' ? u.cpuMillis : u.memoryBytes;
      counted++;
    }
    if (error) break;
    if (counted === 0) {
      error = `failed to get ${rname} utilization: did not receive metrics for targeted pods (pods might be unready)`;
      break;
    }
    if (m.resource.target.type === 'Utilization' && utilTarget !== undefined) {
      const util = Math.round((usageSum * 100) / requestSum);
      const ratio = util / utilTarget;
      const desired = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(ratio * counted);
      currentMetrics.push({
        resource: {
          current: {
            averageUtilization: util,
            averageValue:
              rname === 'cpu'
                ? formatMilli(usageSum / counted)
                : String(Math.round(usageSum / counted)),
          },
          name: rname,
        },
        type: 'Resource',
      });
      if (desired > proposal) {
        proposal = desired;
        reasonText = `${rname} resource utilization (percentage of request) ${ratio > 1 ? 'above' : 'below'} target`;
      }
    } else {
      const target =
        rname === 'cpu'
          ? milliValue(m.resource.target.averageValue)
          : intValue(m.resource.target.averageValue);
      const avg = usageSum / counted;
      const ratio = target > 0 ? avg / target : 1;
      const desired =
        Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(usageSum / (target || 1));
      currentMetrics.push({
        resource: {
          current: { averageValue: rname === 'cpu' ? formatMilli(avg) : String(Math.round(avg)) },
          name: rname,
        },
        type: 'Resource',
      });
      if (desired > proposal) {
        proposal = desired;
        reasonText = `${rname} resource ${ratio > 1 ? 'above' : 'below'} target`;
      }
    }
  }
  if (error) {
    setCond(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    setCond(
      'ScalingActive',
      'False',
      'FailedGetResourceMetric',
      `the HPA was unable to compute the replica count: ${error}`,
    );
    rec('Warning', 'FailedGetResourceMetric', error);
    rec(
      'Warning',
      'FailedComputeMetricsReplicas',
      `invalid metrics (1 invalid out of ${metrics.length}), first error is: failed to get ${metrics[0].resource?.name ?? 'cpu'} resource metric value: ${error}`,
    );
    write({
      currentMetrics: [
        { type: 'Resource', resource: { name: metrics[0].resource?.name ?? 'cpu', current: {} } },
      ],
      currentReplicas: current,
      desiredReplicas: old.desiredReplicas ?? 0,
    });
    return;
  }
  // Scale-down stabilization: the highest recommendation of the last 5 minutes.
  const list = (recs.get(hpa.metadata.uid!) ?? []).filter((r) => r.t > now - DOWNSCALE_WINDOW_MS);
  list.push({ t: now, n: proposal });
  recs.set(hpa.metadata.uid!, list);
  let desired = proposal;
  let stabilized = false;
  if (desired < current) {
    const highest = Math.max(...list.map((r) => r.n));
    if (highest > desired) {
      desired = Math.min(current, highest);
      stabilized = true;
    }
  }
  // Default scale-up policy: at most double or +4 pods per 15 s.
  if (desired > current) desired = Math.min(desired, Math.max(current * 2, current + 4));
  let limited: 'TooManyReplicas' | 'TooFewReplicas' | undefined;
  if (desired > maxR) {
    desired = maxR;
    limited = 'TooManyReplicas';
  } else if (desired < minR) {
    desired = minR;
    limited = 'TooFewReplicas';
  }
  setCond(
    'ScalingActive',
    'True',
    'ValidMetricFound',
    `the HPA was able to successfully calculate a replica count from ${metrics[0].resource?.name ?? 'cpu'} resource utilization (percentage of request)`,
  );
  if (limited === 'TooManyReplicas')
    setCond(
      'ScalingLimited',
      'True',
      'TooManyReplicas',
      'the desired replica count is more than the maximum replica count',
    );
  else if (limited === 'TooFewReplicas')
    setCond(
      'ScalingLimited',
      'True',
      'TooFewReplicas',
      'the desired replica count is less than the minimum replica count',
    );
  else
    setCond(
      'ScalingLimited',
      'False',
      'DesiredWithinRange',
      'the desired count is within the acceptable range',
    );
  let lastScaleTime: string | undefined;
  if (desired !== current) {
    const next = cloneJson(target);
    (next.spec as { replicas: number }).replicas = desired;
    const res = sim.api.update(next);
    if (res.ok) {
      setCond(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
      rec(
        'Normal',
        'SuccessfulRescale',
        `New size: ${desired}; reason: ${desired > current ? reasonText : 'All metrics below target'}`,
      );
      lastScaleTime = t;
    } else {
      setCond(
        'AbleToScale',
        'False',
        'FailedUpdateScale',
        `the HPA controller was unable to update the target scale: ${res.error.message}`,
      );
      rec(
        'Warning',
        'FailedRescale',
        `New size: ${desired}; reason: ${reasonText}; error: ${res.error.message}`,
      );
    }
  } else if (stabilized) {
    setCond(
      'AbleToScale',
      'True',
      'ScaleDownStabilized',
      'recent recommendations were higher than current one, applying the highest recent recommendation',
    );
  } else {
    setCond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  }
  write({
    currentMetrics,
    currentReplicas: current,
    desiredReplicas: desired,
    ...(lastScaleTime ? { lastScaleTime } : {}),
  });
}
