import type { KubeObject } from '../api/meta.js';
import type { ObjectStore } from '../store/object-store.js';
import { registerKind } from './registry.js';

/**
 * ComponentStatus (`kubectl get cs`): not stored anywhere. The API server
 * probes the control plane on every GET and LIST: the scheduler's and the
 * controller manager's `/healthz` on their secure ports at 127.0.0.1, and
 * its own etcd storage. The resource has been deprecated since v1.19, so
 * every request gets a warning.
 *
 * The simulation has no sockets: a component answers when its static pod on
 * the API server's node has a running container. A component whose mirror
 * pod is gone is taken to be running (the kubelet runs static pods whatever
 * happens to their mirrors).
 *
 * @see kubernetes/pkg/registry/core/componentstatus/rest.go getComponentStatus
 * @see kubernetes/pkg/registry/core/componentstatus/validator.go HttpServer.DoServerCheck, EtcdServer.DoServerCheck
 * @see kubernetes/pkg/registry/core/rest/storage_core.go componentStatusStorage.serversToValidate
 */
registerKind({
  kind: 'ComponentStatus',
  group: '',
  version: 'v1',
  resource: 'componentstatuses',
  singular: 'componentstatus',
  shortNames: ['cs'],
  namespaced: false,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  verbs: ['get', 'list'],
  deprecatedSince: 'v1.19',
  computed: {
    list: componentStatuses,
    notFound: (name) => `Component not found: ${name}`,
  },
});

/** A control-plane component the API server probes over HTTPS, by the `component` label of its static pod. */
interface HttpComponent {
  name: string;
  label: string;
  /** ports.KubeControllerManagerPort, kubeschedulerconfig.DefaultKubeSchedulerPort */
  port: number;
}

/**
 * The servers in the order the rows come back. The API server probes them
 * concurrently and lists them as the probes finish; this is the order a
 * kubeadm cluster usually shows.
 */
const HTTP_COMPONENTS: HttpComponent[] = [
  { name: 'scheduler', label: 'kube-scheduler', port: 10259 },
  { name: 'controller-manager', label: 'kube-controller-manager', port: 10257 },
];

/** The probe's timeout (probeTimeOut) runs out when etcd does not answer. */
const ETCD_DOWN = 'error getting data from etcd: context deadline exceeded';

/** Every component's status as the API server computes it now. */
export function componentStatuses(store: ObjectStore): KubeObject[] {
  const pods = store.list('pods', 'kube-system');
  const apiserver = pods.find((p) => p.metadata.labels?.component === 'kube-apiserver');
  const node = (apiserver?.spec as { nodeName?: string } | undefined)?.nodeName;
  const runs = (label: string): boolean => {
    const candidates = pods.filter((p) => p.metadata.labels?.component === label);
    const pod = candidates.find((p) => node === undefined || (p.spec as { nodeName?: string } | undefined)?.nodeName === node) ?? candidates[0];
    return pod === undefined || running(pod);
  };
  const items = HTTP_COMPONENTS.map((c) =>
    runs(c.label)
      ? status(c.name, 'True', 'ok', '')
      : // The HTTP prober turns a failed request into a Failure whose message is the client's error.
        status(c.name, 'False', `Get "https://127.0.0.1:${c.port}/healthz": dial tcp 127.0.0.1:${c.port}: connect: connection refused`, ''),
  );
  items.push(runs('etcd') ? status('etcd-0', 'True', 'ok', '') : status('etcd-0', 'False', '', ETCD_DOWN));
  return items;
}

function running(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const st = pod.status as { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } | undefined;
  if (st?.phase !== 'Running') return false;
  const containers = st.containerStatuses ?? [];
  return containers.length > 0 && containers.every((c) => c.state?.running !== undefined);
}

function status(name: string, condition: 'True' | 'False', message: string, error: string): KubeObject {
  const c: Record<string, string> = { type: 'Healthy', status: condition };
  // omitempty: an empty message or error is left out.
  if (message) c.message = message;
  if (error) c.error = error;
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    // A zero metav1.Time marshals as null: the object was never stored.
    metadata: { name, creationTimestamp: null as unknown as string },
    conditions: [c],
  };
}
