import { parseTime, type KubeObject } from '../cluster/api/meta.js';
import { matchesRequirements, type Requirement } from '../cluster/api/labels.js';
import { parseQuantity } from '../cluster/api/quantity.js';
import { resolveResourceType, resourceKey } from '../cluster/kinds/registry.js';
import { userInfoFor } from '../cluster/apiserver/admission/rbac-authorizer.js';
import type { Simulation } from '../cluster/simulation.js';
import { parseGoDuration } from '../kubectl/parse/flags.js';
import { JsonPath } from '../kubectl/printers/jsonpath/evaluator.js';
import { parseLabelSelector } from '../cluster/store/selectors.js';
import type { Check, Objective } from './types.js';

export interface ObjectiveStatus {
  id: string;
  description: string;
  met: boolean;
  /** Why it is not met, in a sentence a learner can act on. */
  detail?: string;
}

export function evaluateObjectives(sim: Simulation, objectives: readonly Objective[]): ObjectiveStatus[] {
  return objectives.map((o) => {
    const r = evaluateCheck(sim, o.check);
    return { id: o.id, description: o.description, met: r.met, ...(r.met ? {} : { detail: r.detail }) };
  });
}

export interface CheckResult {
  met: boolean;
  detail?: string;
}

const met = (): CheckResult => ({ met: true });
const unmet = (detail: string): CheckResult => ({ met: false, detail });

/** Evaluates a check against the cluster as it is now. Pure: reads the store only. */
export function evaluateCheck(sim: Simulation, check: Check): CheckResult {
  if ('all' in check) {
    for (const c of check.all) {
      const r = evaluateCheck(sim, c);
      if (!r.met) return r;
    }
    return met();
  }
  if ('any' in check) {
    const results = check.any.map((c) => evaluateCheck(sim, c));
    return results.some((r) => r.met) ? met() : unmet(results.map((r) => r.detail).join('; '));
  }
  if ('not' in check) {
    const r = evaluateCheck(sim, check.not);
    return r.met ? unmet('a condition that must not hold holds') : met();
  }
  if ('podsReady' in check) return podsReady(sim, check.podsReady);
  if ('podEnv' in check) return podEnv(sim, check.podEnv);
  if ('rolloutComplete' in check) return rolloutComplete(sim, check.rolloutComplete.namespace ?? 'default', check.rolloutComplete.deployment);
  if ('exists' in check) {
    const obj = lookup(sim, check.exists.resource, check.exists.namespace, check.exists.name);
    return obj ? met() : unmet(`${check.exists.resource} ${check.exists.name} does not exist`);
  }
  if ('field' in check) return fieldCheck(sim, check.field);
  if ('connectivity' in check) return connectivity(sim, check.connectivity);
  if ('canI' in check) return canI(sim, check.canI);
  return unmet('unknown check');
}

function lookup(sim: Simulation, resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const def = resolveResourceType(resource);
  if (!def) return undefined;
  return sim.store.get(resourceKey(def), def.namespaced ? (namespace ?? 'default') : '', name);
}

function selectPods(sim: Simulation, namespace: string, selector: string): KubeObject[] {
  // Selectors are checked when the scenario loads; a bad one here selects nothing.
  let rs: Requirement[];
  try {
    rs = parseLabelSelector(selector);
  } catch {
    return [];
  }
  return sim.store.list('pods', namespace).filter((p) => !p.metadata.deletionTimestamp && matchesRequirements(p.metadata.labels, rs));
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { running?: { startedAt?: string } };
}

function podsReady(sim: Simulation, c: { namespace?: string; selector: string; count?: number; stableFor?: string | number }): CheckResult {
  const ns = c.namespace ?? 'default';
  const pods = selectPods(sim, ns, c.selector);
  const want = c.count ?? 1;
  if (pods.length < want) return unmet(`${pods.length} of ${want} pod(s) matching ${c.selector} exist`);
  const stableMs = c.stableFor === undefined ? 0 : typeof c.stableFor === 'number' ? c.stableFor * 1000 : (parseGoDuration(String(c.stableFor)) ?? 0);
  for (const p of pods) {
    const status = (p.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: ContainerStatus[] };
    const ready = status.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
    if (status.phase !== 'Running' || !ready) return unmet(`pod ${p.metadata.name} is not running and ready`);
    for (const cs of status.containerStatuses ?? []) {
      const started = parseTime(cs.state?.running?.startedAt);
      if (started === undefined) return unmet(`container ${cs.name} of pod ${p.metadata.name} is not running`);
      if (sim.now() - started < stableMs) return unmet(`container ${cs.name} of pod ${p.metadata.name} has not been up long enough`);
    }
  }
  return met();
}

function rolloutComplete(sim: Simulation, namespace: string, name: string): CheckResult {
  const d = sim.store.get('deployments.apps', namespace, name);
  if (!d) return unmet(`deployment ${name} does not exist`);
  const spec = d.spec as { replicas?: number; paused?: boolean };
  const status = (d.status ?? {}) as { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  const replicas = spec.replicas ?? 1;
  if ((status.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) return unmet(`deployment ${name} has not observed its latest spec`);
  if ((status.updatedReplicas ?? 0) < replicas) return unmet(`${status.updatedReplicas ?? 0} of ${replicas} replicas updated`);
  if ((status.replicas ?? 0) > (status.updatedReplicas ?? 0)) return unmet('old replicas are still running');
  if ((status.availableReplicas ?? 0) < replicas) return unmet(`${status.availableReplicas ?? 0} of ${replicas} replicas available`);
  return met();
}

/**
 * Reads a field by kubectl's JSONPath (`.spec.replicas`,
 * `{.spec.containers[?(@.name=="web")].image}`); undefined when absent.
 */
export function readPath(obj: unknown, path: string): unknown {
  const p = path.trim();
  try {
    const results = new JsonPath(p.startsWith('{') ? p : `{${p}}`, { allowMissingKeys: true }).findResults(obj);
    return results[0]?.[0];
  } catch {
    return undefined;
  }
}

function fieldCheck(
  sim: Simulation,
  c: { resource: string; namespace?: string; name: string; path: string; equals?: unknown; notEquals?: unknown; exists?: boolean; atLeast?: string; atMost?: string },
): CheckResult {
  const obj = lookup(sim, c.resource, c.namespace, c.name);
  if (!obj) return unmet(`${c.resource} ${c.name} does not exist`);
  const v = readPath(obj, c.path);
  const where = `${c.resource}/${c.name} ${c.path}`;
  if (c.exists !== undefined && (v !== undefined) !== c.exists) return unmet(`${where} is ${v === undefined ? 'absent' : 'present'}`);
  if (c.equals !== undefined && !looseEqual(v, c.equals)) return unmet(`${where} is ${JSON.stringify(v)}`);
  if (c.notEquals !== undefined && looseEqual(v, c.notEquals)) return unmet(`${where} is still ${JSON.stringify(v)}`);
  const num = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' ? parseQuantity(x) : undefined);
  if (c.atLeast !== undefined) {
    const a = num(v);
    const b = num(c.atLeast);
    if (a === undefined || b === undefined || a < b) return unmet(`${where} is ${JSON.stringify(v)}, below ${c.atLeast}`);
  }
  if (c.atMost !== undefined) {
    const a = num(v);
    const b = num(c.atMost);
    if (a === undefined || b === undefined || a > b) return unmet(`${where} is ${JSON.stringify(v)}, above ${c.atMost}`);
  }
  return met();
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

function connectivity(
  sim: Simulation,
  c: { from: { namespace?: string; selector: string }; to: string; port: number; protocol?: 'TCP' | 'UDP'; expect: 'allowed' | 'blocked' },
): CheckResult {
  const ns = c.from.namespace ?? 'default';
  const pods = selectPods(sim, ns, c.from.selector).filter((p) => (p.status as { podIP?: string } | undefined)?.podIP);
  if (pods.length === 0) return unmet(`no running pod matches ${c.from.selector} to test from`);
  for (const p of pods) {
    // `pick: 'any'` draws no randomness: evaluating an objective must never change what the learner sees next.
    const r = sim.network.connect({ namespace: ns, name: p.metadata.name! }, c.to, c.port, c.protocol ?? 'TCP', { pick: 'any' });
    const allowed = r.outcome === 'ok';
    if (allowed !== (c.expect === 'allowed')) return unmet(`from ${p.metadata.name} to ${c.to}:${c.port}: ${r.outcome}`);
  }
  return met();
}

function canI(sim: Simulation, c: { as: string; verb: string; resource: string; namespace?: string; expect: 'yes' | 'no' }): CheckResult {
  const def = resolveResourceType(c.resource);
  if (!def) return unmet(`unknown resource type ${c.resource}`);
  const authorizer = sim.api.authorizer;
  const denied = authorizer ? authorizer(userInfoFor(c.as), c.verb, def, def.namespaced ? (c.namespace ?? 'default') : '', '') : undefined;
  const answer = denied ? 'no' : 'yes';
  return answer === c.expect ? met() : unmet(`${c.as} can${answer === 'no' ? 'not' : ''} ${c.verb} ${c.resource}`);
}

/**
 * What the running processes see: every running container of the matching pods
 * has environment variable `name` equal to `equals` (as `kubectl exec POD --
 * printenv NAME` would print). Values from ConfigMaps and Secrets are the ones
 * resolved when the container started, so a changed ConfigMap shows only after
 * the pods are restarted.
 */
function podEnv(sim: Simulation, c: { namespace?: string; selector: string; container?: string; name: string; equals: string }): CheckResult {
  const ns = c.namespace ?? 'default';
  const pods = selectPods(sim, ns, c.selector);
  let seen = 0;
  for (const p of pods) {
    const containers = ((p.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((x) => x.name);
    const name = c.container ?? containers[0];
    if (!name) continue;
    const proc = sim.kubelet.process(ns, p.metadata.name!, name);
    if (!proc) continue;
    seen++;
    const v = proc.env[c.name];
    if (v !== c.equals) return unmet(`container ${name} of pod ${p.metadata.name} sees ${c.name}=${v === undefined ? '(unset)' : v}`);
  }
  return seen > 0 ? met() : unmet(`no running pod matches ${c.selector}`);
}
