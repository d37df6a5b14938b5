/**
 * Container image references, normalised the way containerd (and the Docker
 * reference library the kubelet uses) does: `nginx` → `docker.io/library/nginx:latest`.
 *
 * @see github.com/distribution/reference normalize.go
 * @see kubernetes/pkg/kubelet/images/image_manager.go applyDefaultImageTag
 */
export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** Registry host: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** Repository path without the domain: `library/nginx`, `shop/checkout`. */
  path: string;
  /** Tag, `latest` when neither tag nor digest was given. */
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:1.27` (what containerd reports as the image). */
  full: string;
  /** `docker.io/library/nginx` */
  repository: string;
}

export type ParsedRef = { ok: true; ref: ImageRef } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/**
 * Parses an image reference. Failures carry the kubelet's InspectFailed
 * message (`Failed to apply default image tag "busyBOX": couldn't parse image
 * name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase`).
 */
export function parseImageRef(raw: string): ParsedRef {
  const fail = (why: string): ParsedRef => ({
    ok: false,
    message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": invalid reference format${why}`,
  });
  if (raw === '' || raw !== raw.trim()) return fail('');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail('');
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return fail('');
  }
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first !== first.toLowerCase()
    ) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path === '' || path.split('/').some((c) => c === '')) return fail('');
  if (path !== path.toLowerCase()) return fail(`: repository name (${path}) must be lowercase`);
  if (!path.split('/').every((c) => COMPONENT.test(c))) return fail('');
  if (!/^[a-zA-Z0-9.-]+(:\d+)?$/.test(domain)) return fail('');
  if (tag === undefined && digest === undefined) tag = 'latest';
  const repository = `${domain}/${path}`;
  const full =
    repository + (tag !== undefined ? `:${tag}` : '') + (digest !== undefined ? `@${digest}` : '');
  return { ok: true, ref: { raw, domain, path, tag, digest, full, repository } };
}

/** The imagePullPolicy the API server defaults to: Always for `:latest` or no tag. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const p = parseImageRef(image);
  if (!p.ok) return 'IfNotPresent';
  if (p.ref.digest) return 'IfNotPresent';
  const explicitTag = image.slice(image.lastIndexOf('/') + 1).includes(':');
  return !explicitTag || p.ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
