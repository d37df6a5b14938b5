/**
 * The Deployment controller: ReplicaSets per pod template (named with the
 * pod-template-hash), rolling updates within maxSurge/maxUnavailable,
 * Recreate, proportional scaling, pause/resume, revision annotations,
 * revision history cleanup, and the Available / Progressing / ReplicaFailure
 * conditions with the controller's exact reasons and messages.
 *
 * @see k8s.io/kubernetes/pkg/controller/deployment (sync.go, rolling.go, recreate.go, progress.go)
 * @see k8s.io/kubernetes/pkg/controller/deployment/util/deployment_util.go
 */
import { cloneJson, parseTime, rfc3339, type KubeObject } from '../api/meta.js';
import { labelSelectorMatches, type LabelSelector } from '../api/labels.js';
import { kindByResourceKey } from '../kinds/registry.js';
import type { Simulation } from '../simulation.js';
import { computeHash } from './hash.js';
import {
  canonicalJson,
  controllerRef,
  getCondition,
  isTerminal,
  onStore,
  ownerRefTo,
  sameJson,
  scaledValue,
  splitKey,
  WorkQueue,
  type Condition,
  type PodIndex,
} from './util.js';

export const CONTROLLER_NAME = 'deployment-controller';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Annotations of the Deployment that are not copied to its ReplicaSets. */
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: unknown;
  };
  strategy?: {
    type?: string;
    rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

interface RSStatusLike {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

type RS = KubeObject;

function dspec(d: KubeObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec;
}
function replicasOf(d: KubeObject): number {
  return dspec(d).replicas ?? 1;
}
function rsReplicas(rs: RS | undefined): number {
  return ((rs?.spec as { replicas?: number } | undefined)?.replicas ?? 0) as number;
}
function rsStatus(rs: RS | undefined): RSStatusLike {
  return (rs?.status ?? {}) as RSStatusLike;
}
export function revisionOf(obj: KubeObject | undefined): number {
  const v = Number.parseInt(obj?.metadata.annotations?.[REVISION] ?? '', 10);
  return Number.isNaN(v) ? 0 : v;
}
function created(o: KubeObject): number {
  return parseTime(o.metadata.creationTimestamp) ?? 0;
}
function byCreation(a: RS, b: RS): number {
  return created(a) - created(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
}
function isRollingUpdate(d: KubeObject): boolean {
  return (dspec(d).strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}
function hasProgressDeadline(d: KubeObject): boolean {
  const p = dspec(d).progressDeadlineSeconds ?? 600;
  return p !== 2147483647;
}
function progressDeadline(d: KubeObject): number {
  return dspec(d).progressDeadlineSeconds ?? 600;
}

/** maxSurge and maxUnavailable as absolute numbers (ResolveFenceposts). */
export function resolveFenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const r = replicasOf(d);
  const ru = dspec(d).strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge, r, true, '25%');
  let unavailable = scaledValue(ru.maxUnavailable, r, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}
export function maxUnavailable(d: KubeObject): number {
  const r = replicasOf(d);
  if (!isRollingUpdate(d) || r === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, r);
}

const templateKeys = new WeakMap<object, string>();

/** Canonical JSON of a template without its pod-template-hash label (cached per stored object). */
function templateKey(t: unknown): string {
  if (t && typeof t === 'object') {
    const hit = templateKeys.get(t);
    if (hit !== undefined) return hit;
  }
  const c = cloneJson((t ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (c.metadata?.labels) {
    delete c.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  const key = canonicalJson(c);
  if (t && typeof t === 'object' && Object.isFrozen(t)) templateKeys.set(t, key);
  return key;
}

/** Whether two pod templates are equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return templateKey(a) === templateKey(b);
}

/** The pod-template-hash a Deployment's current template gets. */
const hashCache = new WeakMap<object, Map<number, string>>();

export function templateHash(d: KubeObject): string {
  const t = dspec(d).template;
  const cc = (d.status as DeploymentStatus | undefined)?.collisionCount;
  if (!t || !Object.isFrozen(t)) return computeHash(t, cc);
  let m = hashCache.get(t);
  if (!m) hashCache.set(t, (m = new Map()));
  let h = m.get(cc ?? -1);
  if (h === undefined) m.set(cc ?? -1, (h = computeHash(t, cc)));
  return h;
}

function newCondition(
  sim: Simulation,
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
): Condition {
  const t = rfc3339(sim.now());
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime when status is unchanged; appends. */
function setDeploymentCondition(status: DeploymentStatus, c: Condition): void {
  const conds = status.conditions ?? [];
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...conds.filter((x) => x.type !== c.type), orderCondition(next)];
}

function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** Field order as the API server serialises DeploymentCondition. */
function orderCondition(c: Condition): Condition {
  return {
    lastTransitionTime: c.lastTransitionTime,
    lastUpdateTime: c.lastUpdateTime,
    message: c.message,
    reason: c.reason,
    status: c.status,
    type: c.type,
  } as Condition;
}

class DeploymentSync {
  private d: KubeObject;
  private rsList: RS[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly pods: PodIndex,
    private readonly queue: WorkQueue,
    d: KubeObject,
  ) {
    this.d = d;
  }

  private get key(): string {
    return `${this.d.metadata.namespace}/${this.d.metadata.name}`;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.sim.events.record(this.d, type, reason, message, { component: CONTROLLER_NAME });
  }

  run(): void {
    const d = this.d;
    const sel = dspec(d).selector;
    if (
      !sel ||
      (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
    ) {
      this.event(
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      return;
    }
    this.rsList = this.claimReplicaSets();
    if (d.metadata.deletionTimestamp) {
      this.syncStatusOnly();
      return;
    }
    this.checkPausedConditions();
    if (dspec(this.d).paused) {
      this.syncScale();
      return;
    }
    if (this.isScalingEvent()) {
      this.syncScale();
      return;
    }
    if (isRollingUpdate(this.d)) this.rolloutRolling();
    else this.rolloutRecreate();
  }

  // --- ReplicaSet bookkeeping -------------------------------------------------

  private claimReplicaSets(): RS[] {
    const d = this.d;
    const ns = d.metadata.namespace!;
    const sel = dspec(d).selector ?? null;
    const out: RS[] = [];
    for (const rs of this.sim.store.list('replicasets.apps', ns)) {
      const ref = controllerRef(rs);
      const matches = labelSelectorMatches(sel, rs.metadata.labels);
      if (ref?.uid === d.metadata.uid) {
        if (matches || d.metadata.deletionTimestamp) out.push(rs);
        else {
          const next = cloneJson(rs);
          next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
            (r) => r.uid !== d.metadata.uid,
          );
          if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
          this.sim.api.update(next);
        }
      } else if (
        !ref &&
        matches &&
        !d.metadata.deletionTimestamp &&
        !rs.metadata.deletionTimestamp
      ) {
        const next = cloneJson(rs);
        next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(d)];
        const res = this.sim.api.update(next);
        if (res.ok) out.push(res.value);
      }
    }
    return out;
  }

  /** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
  private findNewRS(): RS | undefined {
    const tmpl = dspec(this.d).template;
    const hash = templateHash(this.d);
    const sorted = this.rsList.length > 1 ? [...this.rsList].sort(byCreation) : this.rsList;
    return (
      sorted.find((rs) => equalIgnoreHash((rs.spec as { template?: unknown }).template, tmpl)) ??
      // A template the API server defaulted differently still belongs to the hash it was created for.
      sorted.find(
        (rs) =>
          rs.metadata.labels?.[POD_TEMPLATE_HASH] === hash &&
          rs.metadata.name === `${this.d.metadata.name}-${hash}`,
      )
    );
  }

  private oldRSs(newRS: RS | undefined): RS[] {
    return this.rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  }

  private replace(rs: RS): void {
    this.rsList = this.rsList.map((x) => (x.metadata.uid === rs.metadata.uid ? rs : x));
  }

  private maxOldRevision(olds: RS[]): number {
    return olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  }

  /** SetNewReplicaSetAnnotations; returns whether anything changed. */
  private setNewRSAnnotations(rs: RS, newRevision: number, exists: boolean): boolean {
    const ann = { ...(rs.metadata.annotations ?? {}) };
    let changed = false;
    for (const [k, v] of Object.entries(this.d.metadata.annotations ?? {})) {
      if (SKIP_COPY.has(k) || ann[k] === v) continue;
      ann[k] = v;
      changed = true;
    }
    const oldRevision = revisionOf(rs);
    if (oldRevision < newRevision) {
      ann[REVISION] = String(newRevision);
      changed = true;
      if (exists && oldRevision > 0) {
        ann[REVISION_HISTORY] = ann[REVISION_HISTORY]
          ? `${ann[REVISION_HISTORY]},${oldRevision}`
          : String(oldRevision);
      }
    }
    if (!exists) {
      ann[DESIRED_REPLICAS] = String(replicasOf(this.d));
      ann[MAX_REPLICAS] = String(replicasOf(this.d) + maxSurge(this.d));
      changed = true;
    }
    rs.metadata.annotations = ann;
    return changed;
  }

  /** Sets the Deployment's own revision annotation (a metadata write). */
  private setDeploymentRevision(revision: string): void {
    if (this.d.metadata.annotations?.[REVISION] === revision) return;
    const next = cloneJson(this.d);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
    const res = this.sim.api.update(next);
    if (res.ok) this.d = res.value;
  }

  private updateStatus(status: DeploymentStatus): void {
    if (sameJson(this.d.status ?? {}, status)) return;
    const res = this.sim.api.updateStatus({ ...this.d, status: cleanStatus(status) });
    if (res.ok) this.d = res.value;
  }

  private status(): DeploymentStatus {
    return cloneJson((this.d.status ?? {}) as DeploymentStatus);
  }

  /** getAllReplicaSetsAndSyncRevision: the new RS (created when asked) and the old ones. */
  private getAll(createIfMissing: boolean): { newRS?: RS; olds: RS[] } {
    const existing = this.findNewRS();
    const olds = this.oldRSs(existing);
    const newRevision = this.maxOldRevision(olds) + 1;
    if (existing) {
      // Probe on a shallow copy; clone the stored object only when it must change.
      const probe = { ...existing, metadata: { ...existing.metadata } };
      const annChanged = this.setNewRSAnnotations(probe, newRevision, true);
      const minReady = dspec(this.d).minReadySeconds ?? 0;
      if (
        annChanged ||
        ((existing.spec as { minReadySeconds?: number }).minReadySeconds ?? 0) !== minReady
      ) {
        const copy = cloneJson(existing);
        copy.metadata.annotations = probe.metadata.annotations;
        const rsSpec = copy.spec as { minReadySeconds?: number };
        if (minReady) rsSpec.minReadySeconds = minReady;
        else delete rsSpec.minReadySeconds;
        const res = this.sim.api.update(copy);
        if (res.ok) {
          this.replace(res.value);
          return { newRS: res.value, olds };
        }
      }
      this.setDeploymentRevision(existing.metadata.annotations?.[REVISION] ?? String(newRevision));
      if (
        hasProgressDeadline(this.d) &&
        !getCondition(((this.d.status ?? {}) as DeploymentStatus).conditions, 'Progressing')
      ) {
        const st = this.status();
        setDeploymentCondition(
          st,
          newCondition(
            this.sim,
            'Progressing',
            'True',
            'FoundNewReplicaSet',
            `Found new replica set "${existing.metadata.name}"`,
          ),
        );
        this.updateStatus(st);
      }
      return { newRS: existing, olds };
    }
    if (!createIfMissing) return { olds };
    return { newRS: this.createNewRS(olds, newRevision), olds };
  }

  private createNewRS(olds: RS[], newRevision: number): RS | undefined {
    const d = this.d;
    const spec = dspec(d);
    const hash = templateHash(d);
    const tmpl = cloneJson(spec.template ?? {});
    tmpl.metadata = {
      ...(tmpl.metadata ?? {}),
      labels: { ...(tmpl.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
    };
    const selector = cloneJson(spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: RS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: tmpl.metadata.labels,
        ownerReferences: [ownerRefTo(d)],
      },
      spec: {
        replicas: 0,
        ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
        selector,
        template: tmpl,
      },
    };
    const newReplicas = this.newRSNewReplicas([...olds], rs);
    (rs.spec as { replicas: number }).replicas = newReplicas;
    this.setNewRSAnnotations(rs, newRevision, false);
    const res = this.sim.api.create(rs);
    let createdRS: RS | undefined;
    let alreadyExists = false;
    if (!res.ok) {
      if (res.error.reason === 'AlreadyExists') {
        alreadyExists = true;
        const cur = this.sim.store.get('replicasets.apps', d.metadata.namespace!, name);
        if (
          cur &&
          controllerRef(cur)?.uid === d.metadata.uid &&
          equalIgnoreHash((cur.spec as { template?: unknown }).template, spec.template)
        ) {
          createdRS = cur;
        } else {
          // A hash collision: bump collisionCount so the next sync picks another name.
          const st = this.status();
          st.collisionCount = (st.collisionCount ?? 0) + 1;
          this.updateStatus(st);
          this.queue.add(this.key);
          return undefined;
        }
      } else {
        const msg = `Failed to create new replica set "${name}": ${res.error.message}`;
        if (hasProgressDeadline(d)) {
          const st = this.status();
          setDeploymentCondition(
            st,
            newCondition(this.sim, 'Progressing', 'False', 'ReplicaSetCreateError', msg),
          );
          this.updateStatus(st);
        }
        this.event('Warning', 'ReplicaSetCreateError', msg);
        return undefined;
      }
    } else createdRS = res.value;
    this.rsList.push(createdRS);
    if (!alreadyExists && newReplicas > 0)
      this.event(
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${name} from 0 to ${newReplicas}`,
      );
    this.setDeploymentRevision(String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      const st = this.status();
      setDeploymentCondition(
        st,
        newCondition(
          this.sim,
          'Progressing',
          'True',
          'NewReplicaSetCreated',
          `Created new replica set "${name}"`,
        ),
      );
      this.updateStatus(st);
    }
    return createdRS;
  }

  /** NewRSNewReplicas: how big the new RS may be now. */
  private newRSNewReplicas(all: RS[], newRS: RS): number {
    const d = this.d;
    const want = replicasOf(d);
    if (!isRollingUpdate(d)) return want;
    const current = rsReplicas(newRS);
    const total = [
      ...all.filter((r) => r.metadata.uid !== newRS.metadata.uid || !newRS.metadata.uid),
      newRS,
    ].reduce((s, r) => s + rsReplicas(r), 0);
    const maxTotal = want + maxSurge(d);
    if (total >= maxTotal) return current;
    const scaleUp = Math.min(maxTotal - total, want - current);
    return current + Math.max(0, scaleUp);
  }

  // --- scaling ----------------------------------------------------------------

  private scaleRS(rs: RS, newScale: number): { scaled: boolean; rs: RS } {
    const d = this.d;
    const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
    const desired = String(replicasOf(d));
    const max = String(replicasOf(d) + maxSurge(d));
    const ann = rs.metadata.annotations ?? {};
    const annNeedsUpdate = ann[DESIRED_REPLICAS] !== desired || ann[MAX_REPLICAS] !== max;
    if (!sizeNeedsUpdate && !annNeedsUpdate) return { scaled: false, rs };
    const oldScale = rsReplicas(rs);
    const copy = cloneJson(rs);
    (copy.spec as { replicas: number }).replicas = newScale;
    copy.metadata.annotations = { ...ann, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max };
    const res = this.sim.api.update(copy);
    if (!res.ok) return { scaled: false, rs };
    this.replace(res.value);
    if (sizeNeedsUpdate) {
      this.event(
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
      );
    }
    return { scaled: sizeNeedsUpdate, rs: res.value };
  }

  private scaleAndRecord(rs: RS, newScale: number): boolean {
    if (rsReplicas(rs) === newScale) return false;
    return this.scaleRS(rs, newScale).scaled;
  }

  private current(rs: RS | undefined): RS | undefined {
    return rs && this.rsList.find((x) => x.metadata.uid === rs.metadata.uid);
  }

  private isScalingEvent(): boolean {
    const { newRS, olds } = this.getAll(false);
    const all = [...olds.filter((r) => rsReplicas(r) > 0), ...(newRS ? [newRS] : [])];
    for (const rs of all) {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
      if (v === undefined) continue;
      if (Number.parseInt(v, 10) !== replicasOf(this.d)) return true;
    }
    return false;
  }

  /** sync: scaling and paused deployments. */
  private syncScale(): void {
    const { newRS, olds } = this.getAll(false);
    this.scale(newRS, olds);
    if (dspec(this.d).paused) this.cleanup(this.oldRSs(this.current(newRS)));
    this.syncDeploymentStatus(this.current(newRS));
  }

  private scale(newRS: RS | undefined, olds: RS[]): void {
    const d = this.d;
    const want = replicasOf(d);
    const activeOrLatest = findActiveOrLatest(newRS, olds);
    if (activeOrLatest) {
      if (rsReplicas(activeOrLatest) !== want) this.scaleAndRecord(activeOrLatest, want);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of olds.filter((r) => rsReplicas(r) > 0)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = [...olds, ...(newRS ? [newRS] : [])].filter((r) => rsReplicas(r) > 0);
    const allReplicas = all.reduce((s, r) => s + rsReplicas(r), 0);
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - allReplicas;
    if (toAdd > 0) all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || created(b) - created(a));
    else if (toAdd < 0)
      all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || created(a) - created(b));
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.uid!, rsReplicas(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.uid!, rsReplicas(rs));
    }
    all.forEach((rs, i) => {
      let size = sizes.get(rs.metadata.uid!)!;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + (toAdd - added));
      this.scaleRS(rs, size);
    });
  }

  // --- strategies ---------------------------------------------------------------

  private rolloutRolling(): void {
    const { newRS: created0 } = this.getAll(true);
    let newRS = this.current(created0);
    const olds = () => this.oldRSs(newRS);
    const all = () => [...olds(), ...(newRS ? [newRS] : [])];
    // Scale up the new ReplicaSet if possible.
    if (newRS) {
      const want = replicasOf(this.d);
      let scaledUp = false;
      if (rsReplicas(newRS) > want) scaledUp = this.scaleAndRecord(newRS, want);
      else if (rsReplicas(newRS) < want)
        scaledUp = this.scaleAndRecord(newRS, this.newRSNewReplicas(all(), newRS));
      newRS = this.current(newRS);
      if (scaledUp) {
        this.syncRolloutStatus(all(), newRS);
        return;
      }
    }
    // Scale down old ReplicaSets if possible.
    if (this.reconcileOldReplicaSets(all(), olds(), newRS)) {
      this.syncRolloutStatus(all(), this.current(newRS));
      return;
    }
    if (deploymentComplete(this.d, this.calculateStatus(all(), newRS))) this.cleanup(olds());
    this.syncRolloutStatus(all(), this.current(newRS));
  }

  private reconcileOldReplicaSets(all: RS[], olds: RS[], newRS: RS | undefined): boolean {
    const oldCount = olds.reduce((s, r) => s + rsReplicas(r), 0);
    if (oldCount === 0) return false;
    const allCount = all.reduce((s, r) => s + rsReplicas(r), 0);
    const minAvailable = replicasOf(this.d) - maxUnavailable(this.d);
    const newUnavailable = newRS ? rsReplicas(newRS) - (rsStatus(newRS).availableReplicas ?? 0) : 0;
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // Clean up unhealthy replicas first (oldest first).
    let cleaned = 0;
    for (const rs of [...olds].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const r = rsReplicas(rs);
      if (r === 0) continue;
      const unhealthy = r - (rsStatus(rs).availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      if (this.scaleAndRecord(rs, r - n)) cleaned += n;
    }
    // Then scale down healthy old replicas while keeping minAvailable.
    const allNow = [...this.oldRSs(newRS), ...(newRS ? [newRS] : [])].map(
      (r) => this.current(r) ?? r,
    );
    const available = allNow.reduce((s, r) => s + (rsStatus(r).availableReplicas ?? 0), 0);
    let scaledDown = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of this.oldRSs(newRS).sort(byCreation)) {
        if (scaledDown >= total) break;
        const r = rsReplicas(rs);
        if (r === 0) continue;
        const n = Math.min(r, total - scaledDown);
        this.scaleAndRecord(rs, r - n);
        scaledDown += n;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(): void {
    let { newRS, olds } = this.getAll(false);
    const all = () => [...this.oldRSs(newRS), ...(newRS ? [this.current(newRS)!] : [])];
    let scaledDown = false;
    for (const rs of olds) if (rsReplicas(rs) > 0 && this.scaleAndRecord(rs, 0)) scaledDown = true;
    if (scaledDown) {
      this.syncRolloutStatus(all(), this.current(newRS));
      return;
    }
    olds = this.oldRSs(newRS);
    if (this.oldPodsRunning(newRS, olds)) {
      this.syncRolloutStatus(all(), this.current(newRS));
      return;
    }
    if (!newRS) ({ newRS, olds } = this.getAll(true));
    if (newRS) this.scaleAndRecord(this.current(newRS)!, replicasOf(this.d));
    newRS = this.current(newRS);
    if (deploymentComplete(this.d, this.calculateStatus(all(), newRS)))
      this.cleanup(this.oldRSs(newRS));
    this.syncRolloutStatus(all(), newRS);
  }

  private oldPodsRunning(newRS: RS | undefined, olds: RS[]): boolean {
    if (olds.reduce((s, r) => s + (rsStatus(r).replicas ?? 0), 0) > 0) return true;
    for (const rs of this.rsList) {
      if (rs.metadata.uid === newRS?.metadata.uid) continue;
      for (const p of this.pods.ownedBy(rs.metadata.uid)) if (!isTerminal(p)) return true;
    }
    return false;
  }

  private cleanup(olds: RS[]): void {
    const limit = (dspec(this.d).revisionHistoryLimit ?? 10) as number;
    const cleanable = olds.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    const def = kindByResourceKey('replicasets.apps')!;
    for (const rs of cleanable.slice(0, diff)) {
      const st = rsStatus(rs);
      if (
        (st.replicas ?? 0) !== 0 ||
        rsReplicas(rs) !== 0 ||
        (rs.metadata.generation ?? 1) > (st.observedGeneration ?? 0)
      )
        continue;
      this.sim.api.delete(def, rs.metadata.namespace!, rs.metadata.name!);
      this.rsList = this.rsList.filter((x) => x.metadata.uid !== rs.metadata.uid);
    }
  }

  // --- status -------------------------------------------------------------------

  private calculateStatus(all: RS[], newRS: RS | undefined): DeploymentStatus {
    const d = this.d;
    const available = all.reduce((s, r) => s + (rsStatus(r).availableReplicas ?? 0), 0);
    const total = all.reduce((s, r) => s + rsReplicas(r), 0);
    const prev = (d.status ?? {}) as DeploymentStatus;
    const st: DeploymentStatus = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: all.reduce((s, r) => s + (rsStatus(r).replicas ?? 0), 0),
      updatedReplicas: newRS ? (rsStatus(newRS).replicas ?? 0) : 0,
      readyReplicas: all.reduce((s, r) => s + (rsStatus(r).readyReplicas ?? 0), 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      collisionCount: prev.collisionCount,
      conditions: cloneJson(prev.conditions ?? []),
    };
    if (available >= replicasOf(d) - maxUnavailable(d)) {
      setDeploymentCondition(
        st,
        newCondition(
          this.sim,
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
        ),
      );
    } else {
      setDeploymentCondition(
        st,
        newCondition(
          this.sim,
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
      );
    }
    return st;
  }

  private syncDeploymentStatus(newRS: RS | undefined): void {
    const all = [...this.oldRSs(newRS), ...(newRS ? [newRS] : [])];
    this.updateStatus(cleanStatus(this.calculateStatus(all, newRS)));
  }

  private syncStatusOnly(): void {
    const { newRS } = this.getAll(false);
    this.syncDeploymentStatus(newRS);
  }

  private syncRolloutStatus(all: RS[], newRS: RS | undefined): void {
    const d = this.d;
    const st = this.calculateStatus(all, newRS);
    if (!hasProgressDeadline(d)) removeDeploymentCondition(st, 'Progressing');
    const cur = getCondition(((d.status ?? {}) as DeploymentStatus).conditions, 'Progressing');
    const isComplete =
      (st.replicas ?? 0) === (st.updatedReplicas ?? 0) && cur?.reason === 'NewReplicaSetAvailable';
    if (hasProgressDeadline(d) && !isComplete) {
      if (deploymentComplete(d, st)) {
        const msg = newRS
          ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
          : `Deployment "${d.metadata.name}" has successfully progressed.`;
        setDeploymentCondition(
          st,
          newCondition(this.sim, 'Progressing', 'True', 'NewReplicaSetAvailable', msg),
        );
      } else if (deploymentProgressing(d, st)) {
        const msg = `ReplicaSet "${newRS?.metadata.name}" is progressing.`;
        const c = newCondition(this.sim, 'Progressing', 'True', 'ReplicaSetUpdated', msg);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeDeploymentCondition(st, 'Progressing');
        }
        setDeploymentCondition(st, c);
      } else if (this.timedOut(st)) {
        const msg = newRS
          ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`
          : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setDeploymentCondition(
          st,
          newCondition(this.sim, 'Progressing', 'False', 'ProgressDeadlineExceeded', msg),
        );
      }
    }
    const failure = [newRS, ...all.filter((r) => r.metadata.uid !== newRS?.metadata.uid)]
      .map((r) => getCondition(rsStatus(r).conditions, 'ReplicaFailure'))
      .find((c) => c);
    if (failure) {
      setDeploymentCondition(st, {
        type: 'ReplicaFailure',
        status: failure.status,
        reason: failure.reason,
        message: failure.message,
        lastUpdateTime: failure.lastTransitionTime,
        lastTransitionTime: failure.lastTransitionTime,
      });
    } else removeDeploymentCondition(st, 'ReplicaFailure');
    const clean = cleanStatus(st);
    if (sameJson(d.status ?? {}, clean)) {
      this.requeueStuck(clean);
      return;
    }
    this.updateStatus(clean);
  }

  private timedOut(st: DeploymentStatus): boolean {
    const c = getCondition(st.conditions, 'Progressing');
    if (!c || c.reason === 'NewReplicaSetAvailable') return false;
    if (c.reason === 'ProgressDeadlineExceeded') return true;
    const from = parseTime(c.lastUpdateTime) ?? 0;
    return from + progressDeadline(this.d) * 1000 < this.sim.now();
  }

  private requeueStuck(st: DeploymentStatus): void {
    const c = getCondition(((this.d.status ?? {}) as DeploymentStatus).conditions, 'Progressing');
    if (!hasProgressDeadline(this.d) || !c) return;
    if (deploymentComplete(this.d, st) || c.reason === 'ProgressDeadlineExceeded') return;
    const after =
      (parseTime(c.lastUpdateTime) ?? 0) + progressDeadline(this.d) * 1000 - this.sim.now();
    this.queue.addAfter(this.key, after < 1000 ? 1000 : after + 1000);
  }

  private checkPausedConditions(): void {
    if (!hasProgressDeadline(this.d)) return;
    const st = this.status();
    const c = getCondition(st.conditions, 'Progressing');
    if (c?.reason === 'ProgressDeadlineExceeded') return;
    const pausedExists = c?.reason === 'DeploymentPaused';
    if (dspec(this.d).paused && !pausedExists) {
      setDeploymentCondition(
        st,
        newCondition(
          this.sim,
          'Progressing',
          'Unknown',
          'DeploymentPaused',
          'Deployment is paused',
        ),
      );
    } else if (!dspec(this.d).paused && pausedExists) {
      setDeploymentCondition(
        st,
        newCondition(
          this.sim,
          'Progressing',
          'Unknown',
          'DeploymentResumed',
          'Deployment is resumed',
        ),
      );
    } else return;
    this.updateStatus(st);
  }
}

function cleanStatus(st: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  const keys: (keyof DeploymentStatus)[] = [
    'availableReplicas',
    'collisionCount',
    'conditions',
    'observedGeneration',
    'readyReplicas',
    'replicas',
    'unavailableReplicas',
    'updatedReplicas',
  ];
  for (const k of keys) {
    const v = st[k];
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) {
      if (k === 'collisionCount' && v === 0) (out as Record<string, unknown>)[k] = 0;
      continue;
    }
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function deploymentComplete(d: KubeObject, st: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (
    (st.updatedReplicas ?? 0) === r &&
    (st.replicas ?? 0) === r &&
    (st.availableReplicas ?? 0) === r &&
    (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

function deploymentProgressing(d: KubeObject, st: DeploymentStatus): boolean {
  const old = (d.status ?? {}) as DeploymentStatus;
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (
    (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function isSaturated(d: KubeObject, rs: RS): boolean {
  const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS] ?? '', 10);
  return (
    rsReplicas(rs) === replicasOf(d) &&
    desired === replicasOf(d) &&
    (rsStatus(rs).availableReplicas ?? 0) === replicasOf(d)
  );
}

function findActiveOrLatest(newRS: RS | undefined, olds: RS[]): RS | undefined {
  if (!newRS && olds.length === 0) return undefined;
  const sortedOld = [...olds].sort((a, b) => byCreation(b, a));
  const active = [...sortedOld, ...(newRS ? [newRS] : [])].filter((r) => rsReplicas(r) > 0);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function getProportion(rs: RS, d: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: RS, d: KubeObject): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const maxReplicas = replicasOf(d) + maxSurge(d);
  let before = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? '', 10);
  if (Number.isNaN(before) || before === 0) {
    before = ((d.status ?? {}) as DeploymentStatus).replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundHalfAway((rsReplicas(rs) * maxReplicas) / before) - rsReplicas(rs);
}

export function installDeploymentController(sim: Simulation, pods: PodIndex): void {
  const queue = new WorkQueue(sim, CONTROLLER_NAME);
  const deploymentsForRS = (rs: KubeObject): string[] => {
    const ns = rs.metadata.namespace ?? '';
    const ref = controllerRef(rs);
    if (ref) return ref.kind === 'Deployment' ? [`${ns}/${ref.name}`] : [];
    return sim.store
      .list('deployments.apps', ns)
      .filter((d) => labelSelectorMatches(dspec(d).selector ?? null, rs.metadata.labels))
      .map((d) => `${ns}/${d.metadata.name}`);
  };
  onStore(sim, ['deployments.apps', 'replicasets.apps', 'pods'], (e) => {
    if (e.resource === 'deployments.apps')
      queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    else if (e.resource === 'replicasets.apps') {
      for (const k of deploymentsForRS(e.object)) queue.add(k);
      if (e.old && !sameJson(controllerRef(e.old), controllerRef(e.object)))
        for (const k of deploymentsForRS(e.old)) queue.add(k);
    } else {
      // Recreate waits for old pods to be gone.
      const gone = e.type === 'DELETED' || (e.old && !isTerminal(e.old) && isTerminal(e.object));
      if (!gone) return;
      const ref = controllerRef(e.object);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = sim.store.get('replicasets.apps', e.object.metadata.namespace ?? '', ref.name);
      if (rs) for (const k of deploymentsForRS(rs)) queue.add(k);
    }
  });
  sim.addController({
    name: CONTROLLER_NAME,
    watches: [],
    reconcile: () => {
      queue.each((key) => {
        const [ns, name] = splitKey(key);
        const d = sim.store.get('deployments.apps', ns, name);
        if (!d) return;
        new DeploymentSync(sim, pods, queue, d).run();
      });
    },
  });
}
