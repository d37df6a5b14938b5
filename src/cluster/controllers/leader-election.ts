/**
 * The control plane's own Leases in kube-system, kept current as time moves:
 * the leader of kube-controller-manager and of kube-scheduler renews its
 * leader-election Lease every retryPeriod (2 s), and kube-apiserver renews
 * its identity Lease every 10 s. (The kubelet renews the node Leases in
 * kube-node-lease itself; see KubeletManager.)
 *
 * Each renewal is one update, so the Lease's resourceVersion moves as on a
 * real cluster. The loops are sliding (the next period starts when the
 * update returned), so renewTime drifts by a few milliseconds per renewal
 * and the components fall out of step with each other. A deleted Lease is
 * created again by its holder at the next renewal (acquireTime = renewTime
 * = now), as tryAcquireOrRenew does on NotFound.
 *
 * @see k8s.io/client-go/tools/leaderelection/leaderelection.go renew, tryAcquireOrRenew
 * @see k8s.io/component-helpers/apimachinery/lease/controller.go (apiserver identity)
 */
import { cloneJson, parseMicros, rfc3339Micros, type Dict, type KubeObject } from '../api/meta.js';
import type { Simulation } from '../simulation.js';
import type { Rng } from '../time/rng.js';
import { onStore } from './util.js';

const LEASES = 'leases.coordination.k8s.io';
/** LeaderElectionConfiguration.retryPeriod of kube-controller-manager and kube-scheduler. */
export const LEADER_RETRY_PERIOD_MS = 2000;
/** kube-apiserver's IdentityLeaseRenewIntervalPeriod. */
export const APISERVER_IDENTITY_RENEW_MS = 10_000;
const IDENTITY_LABEL = 'apiserver.kubernetes.io/identity';

interface Holder {
  namespace: string;
  name: string;
  periodMs: number;
  /** Leader election keeps acquireTime and leaseTransitions; the identity lease has neither. */
  leaderElection: boolean;
  holderIdentity: string;
  leaseDurationSeconds: number;
  labels?: Record<string, string>;
  /** When the next renewal happens, in microseconds since the epoch. */
  nextUs: number;
  rng: Rng;
}

/** Tracks the control plane's Leases as they appear and renews each on its own loop. */
export function installLeaderElection(sim: Simulation): void {
  const rng = sim.rng.fork('leader-election');
  const holders = new Map<string, Holder>();
  onStore(sim, [LEASES], (e) => {
    if (e.type !== 'ADDED') return;
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
    if (holders.has(key)) return;
    const h = holderFor(e.object, rng);
    if (!h) return;
    holders.set(key, h);
    schedule(sim, h);
  });
}

function holderFor(lease: KubeObject, rng: Rng): Holder | undefined {
  const { namespace = '', name = '', labels } = lease.metadata;
  if (namespace !== 'kube-system') return undefined;
  const spec = (lease.spec ?? {}) as Dict;
  const leaderElection = name === 'kube-controller-manager' || name === 'kube-scheduler';
  if (!leaderElection && labels?.[IDENTITY_LABEL] !== 'kube-apiserver') return undefined;
  const periodMs = leaderElection ? LEADER_RETRY_PERIOD_MS : APISERVER_IDENTITY_RENEW_MS;
  const renewed = parseMicros(spec.renewTime as string | undefined);
  const h: Holder = {
    namespace,
    name,
    periodMs,
    leaderElection,
    holderIdentity: (spec.holderIdentity as string | undefined) ?? name,
    leaseDurationSeconds: (spec.leaseDurationSeconds as number | undefined) ?? (leaderElection ? 15 : 3600),
    labels: labels ? { ...labels } : undefined,
    nextUs: 0,
    rng: rng.fork(`${namespace}/${name}`),
  };
  h.nextUs = renewed === undefined ? 0 : renewed + periodMs * 1000 + latencyUs(h);
  return h;
}

/** Time the update takes before the sliding period starts again: 1–6 ms. */
function latencyUs(h: Holder): number {
  return 1000 + h.rng.int(5000);
}

function schedule(sim: Simulation, h: Holder): void {
  const nowUs = sim.now() * 1000;
  if (h.nextUs < nowUs) h.nextUs = nowUs;
  const dueMs = Math.ceil(h.nextUs / 1000);
  sim.clock.setTimeout(() => {
    renew(sim, h);
    h.nextUs += h.periodMs * 1000 + latencyUs(h);
    schedule(sim, h);
  }, dueMs - sim.now());
}

function renew(sim: Simulation, h: Holder): void {
  const now = rfc3339Micros(h.nextUs);
  const existing = sim.store.get(LEASES, h.namespace, h.name);
  if (!existing) {
    const spec: Dict = { holderIdentity: h.holderIdentity, leaseDurationSeconds: h.leaseDurationSeconds, renewTime: now };
    if (h.leaderElection) Object.assign(spec, { acquireTime: now, leaseTransitions: 0 });
    sim.api.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: h.name, namespace: h.namespace, ...(h.labels ? { labels: h.labels } : {}) },
      spec,
    });
    return;
  }
  const next = cloneJson(existing);
  next.spec = {
    ...((next.spec as Dict | undefined) ?? {}),
    holderIdentity: h.holderIdentity,
    leaseDurationSeconds: h.leaseDurationSeconds,
    renewTime: now,
  };
  delete next.metadata.resourceVersion;
  sim.api.update(next);
}
