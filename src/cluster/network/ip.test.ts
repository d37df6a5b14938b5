import { describe, expect, it } from 'vitest';
import { dashedIP, inCidr, isIPv4, parseIPv4, reverseName, undashIP } from './ip.js';

describe('IPv4 helpers', () => {
  it('parses and checks CIDR membership', () => {
    expect(parseIPv4('10.244.1.5')).toBe(0x0af40105);
    expect(isIPv4('10.244.1.256')).toBe(false);
    expect(inCidr('10.244.1.5', '10.244.0.0/16')).toBe(true);
    expect(inCidr('10.245.1.5', '10.244.0.0/16')).toBe(false);
    expect(inCidr('203.0.113.9', '0.0.0.0/0')).toBe(true);
    expect(inCidr('10.96.0.10', '10.96.0.10')).toBe(true);
    expect(inCidr('10.96.0.11', '10.96.0.10/32')).toBe(false);
    expect(inCidr('::1', '0.0.0.0/0')).toBe(false);
  });

  it('converts pod record names and reverse names', () => {
    expect(dashedIP('10.244.1.5')).toBe('10-244-1-5');
    expect(undashIP('10-244-1-5')).toBe('10.244.1.5');
    expect(undashIP('web')).toBeUndefined();
    expect(reverseName('10.96.0.10')).toBe('10.0.96.10.in-addr.arpa');
  });
});
