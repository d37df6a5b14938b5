/**
 * IPv4 helpers for the pod network: parsing, CIDR membership, the dashed
 * form CoreDNS uses for pod A records (`10-244-1-5`).
 */

/** Parses a dotted IPv4 address to an unsigned 32-bit number, or undefined. */
export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

/** Whether `ip` lies in `cidr` (`10.0.0.0/8`; a bare address is a /32). IPv6 never matches. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsStr] = cidr.split('/');
  const a = parseIPv4(ip);
  const b = parseIPv4(base ?? '');
  if (a === undefined || b === undefined) return false;
  const bits = bitsStr === undefined ? 32 : Number(bitsStr);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  if (bits === 0) return true;
  const shift = 32 - bits;
  return Math.floor(a / 2 ** shift) === Math.floor(b / 2 ** shift);
}

/** `10.244.1.5` → `10-244-1-5`. */
export function dashedIP(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** `10-244-1-5` → `10.244.1.5`, or undefined when it is not a dashed IPv4. */
export function undashIP(s: string): string | undefined {
  const ip = s.replace(/-/g, '.');
  return isIPv4(ip) && /^\d+-\d+-\d+-\d+$/.test(s) ? ip : undefined;
}

/** Reverse-lookup name: `10.244.1.5` → `5.1.244.10.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
