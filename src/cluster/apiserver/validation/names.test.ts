import { describe, expect, it } from 'vitest';
import { isQualifiedName, isValidLabelValue } from './labels.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, nameIsDNSSubdomain } from './names.js';

describe('apimachinery name formats', () => {
  it('DNS-1123 label, with the dots special case', () => {
    expect(isDNS1123Label('web-1')).toEqual([]);
    expect(isDNS1123Label('web.1')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('Web')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a'.repeat(64))[0]).toBe('must be no more than 63 characters');
  });

  it('DNS-1123 subdomain and DNS-1035 label', () => {
    expect(isDNS1123Subdomain('shop.example.com')).toEqual([]);
    expect(isDNS1123Subdomain('-x')).toHaveLength(1);
    expect(isDNS1035Label('1abc')).toHaveLength(1);
    expect(isDNS1035Label('abc-1')).toEqual([]);
  });

  it('generateName may end with a dash', () => {
    expect(nameIsDNSSubdomain('web-7d4b9c-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-7d4b9c-', false)).toHaveLength(1);
  });

  it('qualified names and label values', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('a'.repeat(64))[0]).toBe('must be no more than 63 characters');
  });

  it('port names', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('HTTP')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('web--http-port-x')).toEqual(['must be no more than 15 characters', 'must not contain consecutive hyphens']);
  });
});
