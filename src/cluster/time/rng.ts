/**
 * Seeded pseudo-random numbers (mulberry32). Every random choice in the
 * simulation (pod name suffixes, IPs, uids, container ids) comes from here, so
 * the same scenario, seed and script give byte-identical output.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Random characters from an alphabet. */
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(n: number): string {
    return this.chars('0123456789abcdef', n);
  }

  /** An RFC 4122 version-4 shaped uid. */
  uid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A derived generator, so a subsystem's draws don't shift another's. */
  fork(label: string): Rng {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    return new Rng(h >>> 0);
  }
}

/**
 * The alphabet Kubernetes uses for generated name suffixes (no vowels, no
 * digits that look like letters): k8s.io/apimachinery/pkg/util/rand.
 */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A generateName-style suffix: `x2k9q`. */
export function nameSuffix(rng: Rng, n = 5): string {
  return rng.chars(NAME_SUFFIX_ALPHABET, n);
}
