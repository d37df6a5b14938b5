import { flagString, type Invocation } from './types.js';

/**
 * The field manager the API server records for kubectl's writes that name
 * none (scale, cordon, uncordon, drain, rollout undo): the first word of
 * kubectl's user agent, `kubectl/v1.32.4 (linux/amd64) kubernetes/…`.
 *
 * @see k8s.io/apiserver/pkg/endpoints/handlers/rest.go managerOrUserAgent, prefixFromUserAgent
 */
export const USER_AGENT_MANAGER = 'kubectl';

/**
 * `--field-manager` of the commands that have it (each with kubectl's
 * default: kubectl-create, kubectl-set, …); an empty value falls back to
 * the user agent's name, as the API server does.
 */
export function fieldManagerOf(inv: Invocation): string {
  return flagString(inv, 'field-manager') || USER_AGENT_MANAGER;
}
