import { isDict, type Dict } from '../../api/meta.js';
import { nameSuffix } from '../../time/rng.js';
import type { AdmissionPlugin } from '../api-server.js';
import { ensureDefaultServiceAccount } from './namespace-content.js';
import { admissionForbidden, containersOf, isPod, podSpec } from './util.js';

/**
 * The ServiceAccount admission plugin: every pod runs as a service account
 * (`default` unless named) that must exist, and gets the projected
 * `kube-api-access-xxxxx` token volume mounted in every container.
 *
 * @see kubernetes/plugin/pkg/admission/serviceaccount/admission.go
 */
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

export function tokenVolume(name: string): Dict {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  phase: 'mutating',
  admit(req) {
    if (!isPod(req) || req.operation !== 'CREATE') return undefined;
    const pod = req.object;
    const spec = podSpec(pod);
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined;
    if (!spec.serviceAccountName) spec.serviceAccountName = typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
    const saName = String(spec.serviceAccountName);
    spec.serviceAccount = saName;
    const ns = pod.metadata.namespace ?? 'default';
    // The plugin waits for the controller to create a new namespace's default account.
    const sa = req.api.store.get('serviceaccounts', ns, saName) ?? (saName === 'default' && !req.dryRun ? ensureDefaultServiceAccount(req.api, ns) : undefined);
    if (!sa) return admissionForbidden(req, `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
    const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : sa.automountServiceAccountToken !== false;
    if (automount) mountToken(spec, req.api.rng);
    const saPullSecrets = Array.isArray(sa.imagePullSecrets) ? sa.imagePullSecrets : [];
    if ((!Array.isArray(spec.imagePullSecrets) || spec.imagePullSecrets.length === 0) && saPullSecrets.length > 0) {
      spec.imagePullSecrets = saPullSecrets.filter(isDict).map((s) => ({ name: s.name }));
    }
    return undefined;
  },
};

function mountToken(spec: Dict, rng: Parameters<typeof nameSuffix>[0]): void {
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as Dict[]) : [];
  let volumeName = volumes.find((v) => isDict(v) && typeof v.name === 'string' && v.name.startsWith('kube-api-access-'))?.name as string | undefined;
  const hasVolume = volumeName !== undefined;
  volumeName ??= `kube-api-access-${nameSuffix(rng)}`;
  let needsVolume = false;
  for (const field of ['initContainers', 'containers'] as const) {
    for (const c of containersOf(spec, field)) {
      const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as Dict[]) : [];
      if (mounts.some((m) => isDict(m) && m.mountPath === TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
      needsVolume = true;
    }
  }
  if (!hasVolume && needsVolume) spec.volumes = [...volumes, tokenVolume(volumeName)];
}
