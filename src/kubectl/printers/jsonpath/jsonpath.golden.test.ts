import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonPathPrinter } from './index.js';

const dir = new URL('../testdata/jsonpath/', import.meta.url);
const read = (f: string): string | undefined => {
  const u = new URL(f, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
};

const cases = read('cases.tsv')!
  .split('\n')
  .filter((l) => l.includes('\t'))
  .map((l) => {
    const i = l.indexOf('\t');
    return { name: l.slice(0, i), template: l.slice(i + 1) };
  });

/** The fixture as `kubectl label --local -f fixture.json x=y` hands it to the printer. */
function fixture(): Record<string, unknown> {
  const obj = JSON.parse(read('fixture.json')!) as Record<string, unknown>;
  const meta = obj.metadata as Record<string, unknown>;
  meta.labels = { ...(meta.labels as Record<string, string>), x: 'y' };
  return obj;
}

describe('kubectl -o jsonpath goldens (v1.32.4)', () => {
  it('has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });
  it.each(cases)('$name: $template', ({ name, template }) => {
    const created = JsonPathPrinter.create(template, {
      allowMissingKeys: !name.startsWith('strict-'),
      outputJson: name.startsWith('asjson-'),
    });
    let stdout = '';
    let stderr = '';
    let exit = 0;
    if (!created.ok) {
      stderr = created.stderr;
      exit = created.exitCode;
    } else {
      const out = created.printer.print(fixture());
      if (out.ok) stdout = out.stdout;
      else {
        stderr = out.stderr;
        exit = out.exitCode;
      }
    }
    expect(stdout).toBe(read(`out/${name}.stdout`));
    expect(stderr).toBe(read(`out/${name}.stderr`) ?? '');
    expect(exit).toBe(Number(read(`out/${name}.exit`) ?? 0));
  });
});

describe('kubectl -o jsonpath on random templates (v1.32.4 goldens)', () => {
  const records = read('fuzz.txt')!
    .split('\x02\n')
    .filter((r) => r.includes('\x01'))
    .map((r) => [r.slice(0, r.indexOf('\x01')), r.slice(r.indexOf('\x01') + 1)]);
  it('has the cases', () => expect(records.length).toBe(300));
  it.each(records)('%s', (template, want) => {
    let out: string;
    let rc = 0;
    const created = JsonPathPrinter.create(template);
    if (!created.ok) {
      out = created.stderr;
      rc = 1;
    } else {
      const r = created.printer.print(fixture());
      out = r.ok ? r.stdout : r.stderr;
      if (!r.ok) rc = 1;
    }
    expect(`${out}|rc=${rc}`).toBe(want);
  });
});
