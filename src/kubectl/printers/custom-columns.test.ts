import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  CustomColumnsPrinter,
  escapeTerminal,
  parseCustomColumnsTemplate,
  relaxedJsonPathExpression,
  templateReadError,
} from './custom-columns.js';
import { kubectlErrorText } from './jsonpath/index.js';

const dir = new URL('./testdata/custom-columns/', import.meta.url);
const read = (f: string): string | undefined => {
  const u = new URL(f, dir);
  return existsSync(u) ? readFileSync(u, 'utf8') : undefined;
};
const items = JSON.parse(read('items.json')!) as { metadata: { name: string } }[];

const cases = read('cases.tsv')!
  .split('\n')
  .filter((l) => l.includes('\t'))
  .map((l) => {
    const [name, args] = l.split('\t');
    return { name, args };
  });

/** Runs `kubectl get cm [NAME] [--no-headers] -o <format>` the way the golden recorded it. */
function run(args: string): { stdout: string; stderr: string; exit: number } {
  const [before, output] = [args.slice(0, args.indexOf(' -o ')), args.slice(args.indexOf(' -o ') + 4)];
  const words = before.split(' ').slice(2);
  const noHeaders = words.includes('--no-headers');
  const name = words.find((w) => !w.startsWith('-'));
  const objects = name ? items.filter((i) => i.metadata.name === name) : items;
  const fail = (msg: string) => ({ stdout: '', stderr: kubectlErrorText(msg), exit: 1 });
  let printer: CustomColumnsPrinter;
  try {
    if (output.startsWith('custom-columns-file=')) {
      const file = output.slice('custom-columns-file='.length);
      const text = read(file);
      if (text === undefined) return fail(templateReadError(file, `open ${file}: no such file or directory`));
      printer = CustomColumnsPrinter.fromTemplate(text);
    } else {
      printer = CustomColumnsPrinter.fromSpec(output.slice('custom-columns='.length), noHeaders);
    }
  } catch (e) {
    if (e instanceof CustomColumnsError) return fail(e.message);
    throw e;
  }
  const out = printer.print(objects);
  return out.error === undefined
    ? { stdout: out.stdout, stderr: '', exit: 0 }
    : { stdout: out.stdout, stderr: kubectlErrorText(out.error), exit: 1 };
}

describe('kubectl get -o custom-columns goldens (v1.32.4)', () => {
  it.each(cases)('$name: $args', ({ name, args }) => {
    const got = run(args);
    expect(got.stdout).toBe(read(`out/${name}.stdout`));
    expect(got.stderr).toBe(read(`out/${name}.stderr`) ?? '');
    expect(got.exit).toBe(Number(read(`out/${name}.exit`) ?? 0));
  });
});

describe('custom-columns helpers', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['', ''],
  ])('relaxes %j', (input, want) => expect(relaxedJsonPathExpression(input)).toBe(want));

  it('splits template lines on any white space', () => {
    expect(parseCustomColumnsTemplate('A\tB\r\n.a   {.b}\n')).toEqual([
      { header: 'A', fieldSpec: '{.a}' },
      { header: 'B', fieldSpec: '{.b}' },
    ]);
  });

  it('escapes terminal control characters', () => {
    expect(escapeTerminal('a\x1b[0m\r\n')).toBe('a^[[0m\\r\n');
  });
});

describe('kubectl get -o custom-columns on random specs (v1.32.4 goldens)', () => {
  const records = read('fuzz-4.txt')!
    .split('\x02\n')
    .filter((r) => r.includes('\x01'))
    .map((r) => [r.slice(0, r.indexOf('\x01')), r.slice(r.indexOf('\x01') + 1)]);
  it('has the cases', () => expect(records.length).toBe(200));
  it.each(records)('%s', (spec, want) => {
    let out: string;
    let rc = 0;
    try {
      const r = CustomColumnsPrinter.fromSpec(spec).print(items);
      out = r.stdout + (r.error !== undefined ? kubectlErrorText(r.error) : '');
      if (r.error !== undefined) rc = 1;
    } catch (e) {
      if (!(e instanceof CustomColumnsError)) throw e;
      out = kubectlErrorText(e.message);
      rc = 1;
    }
    expect(`${out}|rc=${rc}`).toBe(want);
  });
});
