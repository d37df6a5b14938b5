import { describe, expect, it } from 'vitest';
import { JsonPath, JsonPathPrinter, JsonPathSyntaxError, unquoteExtend } from './index.js';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { z: '1', app: 'x' } }, status: { phase: 'Running' } },
    { metadata: { name: 'b' }, status: { phase: 'Failed' } },
  ],
};

const run = (t: string, d: unknown = data, allowMissingKeys = true): string =>
  new JsonPath(t, { allowMissingKeys }).execute(d);

describe('JsonPath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tFailed\n'],
    ['{.items[?(@.status.phase!="Running")].metadata.name}', 'b'],
    ['{.items[0].metadata.labels.*}', 'x 1'],
    ['{.items[0].metadata.labels}', '{"app":"x","z":"1"}'],
    ['{..phase}', 'Running Failed'],
    ['{.items[-1:].metadata.name}', 'b'],
    ["{.items[0]['metadata']['name']}", 'a'],
    ['{.kind}{"<&>"}', 'List<&>'],
  ])('%s', (t, want) => {
    expect(run(t)).toBe(want);
  });

  it('reports missing keys only when asked to', () => {
    expect(run('{.nope}')).toBe('');
    expect(() => run('{.nope}', data, false)).toThrow('nope is not found');
  });

  it('raises the parser messages', () => {
    expect(() => new JsonPath('{.a[}')).toThrow(JsonPathSyntaxError);
    expect(() => new JsonPath('{.a[?(@.x=="y"}')).toThrow('unterminated filter');
    expect(() => new JsonPath('{.a[?(@.x=="y")x}')).toThrow('unclosed array expect ]');
    expect(() => new JsonPath('{.a[1:x]}')).toThrow('invalid array index 1:x');
    expect(() => new JsonPath('{.items[0]["metadata"]}')).toThrow('invalid array index "metadata"');
    expect(() => new JsonPath('{%}')).toThrow("unrecognized character in action: U+0025 '%'");
  });

  it('unquotes like strconv.Unquote, with single quotes too', () => {
    expect(unquoteExtend('"a\\tb"')).toBe('a\tb');
    expect(unquoteExtend("'it\\'s'")).toBe("it's");
    expect(unquoteExtend('"\\u00e9\\x41\\101"')).toBe('éAA');
    expect(unquoteExtend('"a\\qb"')).toBeUndefined();
  });
});

describe('JsonPathPrinter', () => {
  it('frames parse errors like kubectl', () => {
    const r = JsonPathPrinter.create('{.items[}');
    expect(r).toEqual({ ok: false, stderr: 'error: error parsing jsonpath {.items[}, unterminated array\n', exitCode: 1 });
  });
  it('prints without a trailing newline', () => {
    const r = JsonPathPrinter.create('{.kind}');
    if (!r.ok) throw new Error('parse failed');
    expect(r.printer.print(data)).toEqual({ ok: true, stdout: 'List' });
  });
});
