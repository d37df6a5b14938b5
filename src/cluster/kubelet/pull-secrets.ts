import type { KubeObject } from '../api/meta.js';

/**
 * Which registries a pull Secret holds credentials for. Only Secrets of type
 * `kubernetes.io/dockerconfigjson` (`.dockerconfigjson` → `{"auths": {…}}`) or
 * `kubernetes.io/dockercfg` (`.dockercfg` → `{…}`) count; an Opaque Secret with
 * the same bytes gives the kubelet no credentials at all.
 *
 * @see kubernetes/pkg/credentialprovider/secrets/secrets.go (MakeDockerKeyring)
 */
export function pullSecretRegistries(secret: KubeObject): string[] {
  const data = (secret.data ?? {}) as Record<string, unknown>;
  const decode = (key: string): unknown => {
    const v = data[key];
    if (typeof v !== 'string') return undefined;
    try {
      return JSON.parse(Buffer.from(v, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  let auths: unknown;
  if (secret.type === 'kubernetes.io/dockerconfigjson') {
    const cfg = decode('.dockerconfigjson') as { auths?: unknown } | undefined;
    auths = cfg?.auths;
  } else if (secret.type === 'kubernetes.io/dockercfg') {
    auths = decode('.dockercfg');
  }
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) return [];
  return Object.keys(auths);
}

/** Docker Hub's many spellings in a docker config. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

function hostOf(key: string): { host: string; path: string } {
  const s = key.replace(/^[a-z]+:\/\//i, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : s.slice(slash + 1).replace(/\/+$/, '');
  return { host: DOCKER_HUB.has(host) ? 'docker.io' : host, path };
}

function globMatch(pattern: string, host: string): boolean {
  const p = pattern.split('.');
  const h = host.split('.');
  if (p.length !== h.length) return false;
  return p.every((part, i) => {
    const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*')}$`);
    return re.test(h[i]);
  });
}

/**
 * Whether a docker-config registry key (`https://index.docker.io/v1/`,
 * `registry.example.com`, `*.example.com/team`) covers an image in `domain`
 * with repository path `path`, as the kubelet's keyring matches them.
 */
export function registryKeyMatches(key: string, domain: string, path: string): boolean {
  const k = hostOf(key);
  const d = DOCKER_HUB.has(domain.toLowerCase()) ? 'docker.io' : domain.toLowerCase();
  if (!globMatch(k.host, d)) return false;
  // Docker Hub's legacy `https://index.docker.io/v1/` carries an API path, not a repository prefix.
  if (k.host === 'docker.io' && /^v1$/.test(k.path)) return true;
  if (!k.path) return true;
  return path === k.path || path.startsWith(k.path + '/');
}
