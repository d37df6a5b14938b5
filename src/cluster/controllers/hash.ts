/**
 * pod-template-hash and controller-revision-hash: an FNV-32a hash of the pod
 * template (plus the collision count), rendered with Kubernetes'
 * SafeEncodeString so it reads like `7d4b9c5f8`.
 *
 * Kubernetes hashes a spew dump of the Go struct; we hash canonical JSON,
 * so values differ from a real cluster's but have the same shape and
 * stability (same template → same hash).
 *
 * @see k8s.io/kubernetes/pkg/controller/controller_utils.go ComputeHash
 * @see k8s.io/apimachinery/pkg/util/rand SafeEncodeString
 */
import { NAME_SUFFIX_ALPHABET } from '../time/rng.js';
import { canonicalJson } from './util.js';

export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_SUFFIX_ALPHABET[s.charCodeAt(i) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(canonicalJson(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv32a([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff], h);
  }
  return safeEncodeString(String(h));
}
