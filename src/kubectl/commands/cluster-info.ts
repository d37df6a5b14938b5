import { isDict } from '../../cluster/api/meta.js';
import type { CommandDef, Invocation } from './types.js';
import { finish } from './write-helpers.js';
import { apiServerUrl } from './cluster-address.js';

/**
 * `kubectl cluster-info`: the control plane address and the kube-system
 * Services labelled `kubernetes.io/cluster-service=true`, coloured as kubectl
 * colours them (go-colortext writes the escapes whatever the output is).
 *
 * @see k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo.go
 */
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function runClusterInfo(inv: Invocation) {
  const url = apiServerUrl(inv.ctx.sim);
  let out = `${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${url}${RESET}\n`;
  for (const svc of inv.ctx.sim.store.list('services', 'kube-system')) {
    if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    const name = svc.metadata.labels['kubernetes.io/name'] ?? svc.metadata.name!;
    const ports = isDict(svc.spec) && Array.isArray(svc.spec.ports) ? (svc.spec.ports as { name?: string; port: number }[]) : [];
    const first = ports[0];
    const port = first ? (first.name ? `:${first.name}` : `:${first.port}`) : '';
    out += `${GREEN}${name}${RESET} is running at ${YELLOW}${url}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${port}/proxy${RESET}\n`;
  }
  out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  return finish(out, []);
}

export const clusterInfoCommand: CommandDef = {
  name: 'cluster-info',
  short: 'Display cluster information',
  run: runClusterInfo,
};
