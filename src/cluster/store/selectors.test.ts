import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SelectorParseError,
  convertFieldSelector,
  fieldsMatch,
  labelSelectorString,
  labelsMatch,
  parseFieldSelector,
  parseLabelSelector,
  parseToLabelSelector,
  selectableFields,
} from './selectors.js';

const dir = new URL('./testdata/selectors/', import.meta.url);
const read = (f: string): string | undefined => {
  const u = new URL(f, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
};
const labelCases = read('label-cases.txt')!
  .split('\n')
  .slice(0, -1)
  .map((sel, i) => ({ n: i + 1, sel }));

describe('label selectors: kubectl create pdb --selector goldens (v1.32.4)', () => {
  it('has the recorded cases', () => expect(labelCases.length).toBeGreaterThanOrEqual(60));
  it.each(labelCases)('$n: $sel', ({ n, sel }) => {
    const stderr = read(`label-out/${n}.stderr`);
    if (stderr !== undefined) {
      let message = '';
      try {
        parseToLabelSelector(sel);
      } catch (e) {
        if (!(e instanceof SelectorParseError)) throw e;
        message = e.message;
      }
      expect(`error: ${message}\n`).toBe(stderr);
      return;
    }
    const want = (JSON.parse(read(`label-out/${n}.stdout`)!) as { spec: { selector: object } }).spec.selector;
    const got = parseToLabelSelector(sel);
    const trimmed: Record<string, unknown> = {};
    if (Object.keys(got.matchLabels).length > 0) trimmed.matchLabels = got.matchLabels;
    if (got.matchExpressions.length > 0) trimmed.matchExpressions = got.matchExpressions;
    expect(trimmed).toEqual(want);
  });
});

describe('parseLabelSelector', () => {
  it('parses every operator into requirements sorted by key', () => {
    expect(parseLabelSelector('tier!=db,app=web,env in (b,a,a),x notin (c),!canary,n>3,m<1,k==v,z')).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'canary', operator: 'DoesNotExist', values: [] },
      { key: 'env', operator: 'In', values: ['a', 'b'] },
      { key: 'k', operator: '==', values: ['v'] },
      { key: 'm', operator: 'Lt', values: ['1'] },
      { key: 'n', operator: 'Gt', values: ['3'] },
      { key: 'tier', operator: '!=', values: ['db'] },
      { key: 'x', operator: 'NotIn', values: ['c'] },
      { key: 'z', operator: 'Exists', values: [] },
    ]);
  });
  it('selects everything with an empty string', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector('   ')).toEqual([]);
  });
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'db' }, false],
    ['tier!=db', {}, true],
    ['env notin (a)', undefined, true],
    ['env in (a,b)', { env: 'b' }, true],
    ['!canary', { canary: '' }, false],
    ['canary', { canary: '' }, true],
    ['n>3', { n: '4' }, true],
    ['n>3', { n: 'x' }, false],
    ['n<3', { n: '-1' }, true],
  ])('%s matches %j: %s', (sel, labels, want) => {
    expect(labelsMatch(parseLabelSelector(sel), labels as Record<string, string> | undefined)).toBe(want);
  });
  it('prints the canonical string form', () => {
    expect(labelSelectorString(parseLabelSelector('b in (y,x),a,!c,d!=e,f>1'))).toBe('a,b in (x,y),!c,d!=e,f>1');
  });
  it('aggregates several requirement errors', () => {
    expect(() => parseLabelSelector('a>b_')).toThrow(
      "unable to parse requirement: [values[0]: Invalid value: \"b_\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: \"b_\":",
    );
  });
});

describe('field selectors', () => {
  it('parses terms, sorted, with escapes', () => {
    expect(parseFieldSelector('status.phase!=Running,metadata.name=a\\,b,spec.nodeName=')).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a,b' },
      { field: 'spec.nodeName', operator: '=', value: '' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
    expect(parseFieldSelector('a==b')).toEqual([{ field: 'a', operator: '==', value: 'b' }]);
    expect(parseFieldSelector('')).toEqual([]);
  });
  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['b=1,foo', "invalid selector: 'b=1,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: ='],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%s → %s', (sel, msg) => {
    expect(() => parseFieldSelector(sel)).toThrow(msg);
  });
  it('rejects fields a kind does not support, with the API server text', () => {
    const reqs = parseFieldSelector('spec.host=n1,foo=bar');
    expect(convertFieldSelector('Pod', reqs)).toEqual({ ok: false, message: 'field label not supported: foo' });
    expect(convertFieldSelector('Pod', parseFieldSelector('spec.host=n1'))).toEqual({
      ok: true,
      reqs: [{ field: 'spec.nodeName', operator: '=', value: 'n1' }],
    });
    expect(convertFieldSelector('Deployment', parseFieldSelector('status.phase=x'))).toEqual({
      ok: false,
      message: '"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
    expect(convertFieldSelector('Node', parseFieldSelector('metadata.namespace=x'))).toEqual({
      ok: false,
      message: 'field label not supported: metadata.namespace',
    });
    expect(convertFieldSelector('Service', parseFieldSelector('spec.type=NodePort')).ok).toBe(true);
  });
  it('matches pods on their selectable fields', () => {
    const pod = {
      metadata: { name: 'web-1', namespace: 'shop' },
      spec: { nodeName: 'worker-1', restartPolicy: 'Always' },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] },
    };
    const f = selectableFields('Pod', pod);
    expect(f['spec.hostNetwork']).toBe('false');
    expect(fieldsMatch(parseFieldSelector('status.phase!=Running'), f)).toBe(false);
    expect(fieldsMatch(parseFieldSelector('spec.nodeName=worker-1,metadata.namespace=shop'), f)).toBe(true);
    expect(fieldsMatch(parseFieldSelector('status.podIP=10.0.0.5'), f)).toBe(true);
    expect(fieldsMatch(parseFieldSelector('spec.nodeName='), selectableFields('Pod', { metadata: { name: 'p' } }))).toBe(true);
  });
});

describe('parseToLabelSelector on random selectors (kubectl v1.32.4 goldens)', () => {
  const lines = read('fuzz.txt')!
    .split('\n')
    .filter((l) => l.includes('\x01'))
    .map((l) => [l.slice(0, l.lastIndexOf('\x01')), l.slice(l.lastIndexOf('\x01') + 1)]);
  it('has the cases', () => expect(lines.length).toBe(400));
  it.each(lines)('%j', (sel, want) => {
    let got: string;
    try {
      const s = parseToLabelSelector(sel);
      const t: Record<string, unknown> = {};
      if (s.matchExpressions.length > 0) t.matchExpressions = s.matchExpressions;
      if (Object.keys(s.matchLabels).length > 0) t.matchLabels = s.matchLabels;
      got = JSON.stringify(t);
    } catch (e) {
      got = `error: ${(e as Error).message} `;
    }
    expect(got).toBe(want);
  });
});
