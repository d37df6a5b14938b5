import type { Simulation } from '../simulation.js';
import { installScheduler } from '../scheduler/scheduler.js';
import { installReplicaSetController, installReplicationController } from './replicaset-controller.js';
import { installEndpointsController } from './endpoints-controller.js';
import { installDeploymentController } from './deployment-controller.js';
import { installDaemonSetController } from './daemonset-controller.js';
import { installGarbageCollector, installPodGC } from './garbage-collector.js';
import { installNamespaceController, installServiceAccountController } from './namespace-controller.js';
import { installNodeLifecycleController } from './node-lifecycle-controller.js';
import { installJobController } from './job-controller.js';
import { installCronJobController } from './cronjob-controller.js';
import { installEphemeralVolumeController, installPersistentVolumeController } from './pv-controller.js';
import { installStatefulSetController } from './statefulset-controller.js';
import { installHPAController } from './hpa-controller.js';
import { installDisruptionController } from './disruption-controller.js';
import { installLeaderElection } from './leader-election.js';
import { PodIndex } from './util.js';

/**
 * Registers the scheduler and the controller manager's controllers. Each
 * keeps its own work queue fed by the store's watch, so a reconcile touches
 * only what changed; timed work (progress deadlines, back-off, the 5-minute
 * scheduling retry, node grace periods, HPA syncs, cron schedules) goes
 * through the sim clock, so a big `advanceBy` equals many small ones.
 *
 * Controllers: default scheduler (with preemption and VolumeBinding),
 * Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet,
 * Job, CronJob (+ TTL after finished), Endpoints and EndpointSlices,
 * PersistentVolume binder and ephemeral volumes, HorizontalPodAutoscaler,
 * disruption (PodDisruptionBudget status), node lifecycle and taint
 * eviction, garbage collector, PodGC, namespace, and the per-namespace
 * `default` ServiceAccount and `kube-root-ca.crt`. Also the control plane's
 * Lease renewals (leader election, apiserver identity).
 *
 * The kubelet (src/cluster/kubelet) is the only writer of pod and node
 * runtime status; these controllers read it from the store.
 */
export function installControllers(sim: Simulation): void {
  const pods = new PodIndex(sim);
  installScheduler(sim);
  installDeploymentController(sim, pods);
  installReplicaSetController(sim, pods);
  installReplicationController(sim, pods);
  installDaemonSetController(sim, pods);
  installStatefulSetController(sim, pods);
  installJobController(sim, pods);
  installCronJobController(sim);
  installEndpointsController(sim);
  installPersistentVolumeController(sim);
  installEphemeralVolumeController(sim);
  installHPAController(sim);
  installDisruptionController(sim);
  installNodeLifecycleController(sim, pods);
  installGarbageCollector(sim);
  installPodGC(sim);
  installNamespaceController(sim);
  installServiceAccountController(sim);
  installLeaderElection(sim);
}
