import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoTemplatePrinter } from './go-template.js';

const dir = new URL('./testdata/go-template/', import.meta.url);
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

describe('kubectl -o go-template goldens (v1.32.4)', () => {
  it.each(cases)('$name: $template', ({ name, template }) => {
    const created = GoTemplatePrinter.create(template);
    let stdout = '';
    let stderr = '';
    let exit = 0;
    if (!created.ok) {
      stderr = created.stderr;
      exit = 1;
    } else {
      const out = created.printer.print(fixture());
      stdout = out.stdout;
      if (!out.ok) {
        stderr = out.stderr;
        exit = 1;
      }
    }
    expect(stdout).toBe(read(`out/${name}.stdout`));
    expect(stderr).toBe(read(`out/${name}.stderr`) ?? '');
    expect(exit).toBe(Number(read(`out/${name}.exit`) ?? 0));
  });
});

describe('kubectl -o go-template on random templates (v1.32.4 goldens)', () => {
  for (const seed of [9, 10, 11, 12]) {
    const records = read(`fuzz-${seed}.txt`)!
      .split('\x02\n')
      .filter((r) => r.includes('\x01'))
      .map((r) => [r.slice(0, r.indexOf('\x01')), r.slice(r.indexOf('\x01') + 1)]);
    it(`seed ${seed} has the cases`, () => expect(records.length).toBe(300));
    it.each(records)(`seed ${seed}: %s`, (template, want) => {
      let out: string;
      let rc = 0;
      const created = GoTemplatePrinter.create(template);
      if (!created.ok) {
        out = created.stderr;
        rc = 1;
      } else {
        const r = created.printer.print(fixture());
        out = r.ok ? r.stdout : r.stdout + r.stderr;
        if (!r.ok) rc = 1;
      }
      expect(`${out}|rc=${rc}`).toBe(want);
    });
  }
});
