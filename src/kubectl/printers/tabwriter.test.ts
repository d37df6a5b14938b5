import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AlignRight,
  Debug,
  DiscardEmptyColumns,
  FilterHTML,
  GET_TABWRITER,
  RememberWidths,
  StripEscape,
  TabWriter,
  formatTable,
  runeCount,
} from './tabwriter.js';

interface Vector {
  name: string;
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
  src: string;
  expected: string;
}

const v = (
  name: string,
  minwidth: number,
  tabwidth: number,
  padding: number,
  padchar: string,
  flags: number,
  src: string,
  expected: string,
): Vector => ({ name, minwidth, tabwidth, padding, padchar, flags, src, expected });

// Vectors in the spirit of go/src/text/tabwriter/tabwriter_test.go.
const vectors: Vector[] = [
  v('empty', 8, 0, 1, '.', 0, '', ''),
  v('empty debug', 8, 0, 1, '.', Debug, '', ''),
  v('escape stripped', 8, 0, 1, '.', StripEscape, '\xff\xff', ''),
  v('escape kept', 8, 0, 1, '.', 0, '\xff\xff', '\xff\xff'),
  v('escaped tab stripped', 8, 0, 1, '.', StripEscape, '\xff\t\xff', '\t'),
  v('escaped tab kept', 8, 0, 1, '.', 0, '\xff\t\xff', '\xff\t\xff'),
  v('escaped text', 8, 0, 1, '.', StripEscape, '\xff"foo\t\n\tbar"\xff', '"foo\t\n\tbar"'),
  v('newlines only', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'),
  v('no cells', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'),
  v('lone tab', 8, 0, 1, '.', 0, '\t', ''),
  v('lone tab right', 8, 0, 1, '.', AlignRight, '\t', ''),
  v('one cell + trailing text', 8, 0, 1, '.', 0, '*\t*', '*.......*'),
  v('one cell + trailing text + nl', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'),
  v('two cells, no nl', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'),
  v('two cells debug', 8, 0, 1, '.', Debug, '*\t*\t', '*.......|*'),
  v('two cells right', 8, 0, 1, '.', AlignRight, '*\t*\t', '.......**'),
  v('empty cell line', 8, 0, 1, '.', 0, '\t\n', '........\n'),
  v('plain', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'),
  v('space pad', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'),
  v('c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'),
  v('d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'),
  v('e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'),
  v('html', 8, 0, 1, '.', FilterHTML, 'f) f&lt;o\t<b>bar</b>\t\n', 'f) f&lt;o..<b>bar</b>.....\n'),
  v(
    'html unterminated entity',
    8, 0, 1, '.', FilterHTML,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..<b>bar</b>..... non-terminated entity &amp',
  ),
  v(
    'html debug',
    8, 0, 1, '.', FilterHTML | Debug,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp',
  ),
  v('no tabs', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'),
  v(
    'padding 8',
    1, 0, 8, '.', 0,
    '1\t2\t3\t4\n11\t222\t3333\t44444\n',
    '1.........2..........3...........4\n11........222........3333........44444\n',
  ),
  v(
    'formfeed in html ignored',
    1, 0, 0, '.', FilterHTML,
    '1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n',
    '1.2<!---\f--->..3...4\n11222333344444\n',
  ),
  v('formfeed flushes', 1, 0, 0, '.', 0, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'),
  v(
    'formfeed debug',
    1, 0, 0, '.', Debug,
    '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    '1|2|3|4\n---\n11|222|3333|44444\n',
  ),
  v('minwidth 5', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'),
  v('minwidth 5 trailing tab', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'),
  v(
    'runes count once',
    8, 0, 1, '.', 0,
    '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
    '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
  ),
  v(
    'align right',
    8, 0, 1, ' ', AlignRight,
    'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
    '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n',
  ),
  v('no padding', 2, 0, 0, ' ', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'),
  v(
    'underscore',
    8, 0, 1, '_', 0,
    'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
  ),
  v(
    'blocks',
    4, 0, 1, '-', 0,
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  ),
  v(
    'blocks padding 3',
    4, 0, 3, '.', 0,
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........日本語...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  ),
  v(
    'tab padding',
    8, 8, 1, '\t', FilterHTML,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
    '4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
  ),
  v('hard empty column kept', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'),
  v('hard empty column not discarded', 4, 0, 0, '.', DiscardEmptyColumns, 'a\t\tb', 'a.......b'),
  v('soft empty column discarded', 4, 0, 0, '.', DiscardEmptyColumns, 'a\v\vb', 'a...b'),
  v('soft empty column discarded right', 4, 0, 0, '.', AlignRight | DiscardEmptyColumns, 'a\v\vb', '...ab'),
  v(
    'tab padding, wide',
    100, 100, 0, '\t', 0,
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ),
  v(
    'tab padding, discard soft',
    100, 100, 0, '\t', DiscardEmptyColumns,
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ),
  v(
    'tab padding, discard soft, debug',
    100, 100, 0, '\t', DiscardEmptyColumns | Debug,
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  ),
];

function run(vec: Vector, chunk: number): string {
  const w = new TabWriter(vec);
  if (chunk <= 0) w.write(vec.src);
  else for (let i = 0; i < vec.src.length; i += chunk) w.write(vec.src.slice(i, i + chunk));
  return w.flush().take();
}

describe('TabWriter (Go text/tabwriter semantics)', () => {
  it.each(vectors)('$name', (vec) => {
    expect(run(vec, 0)).toBe(vec.expected);
    expect(run(vec, 1)).toBe(vec.expected);
    expect(run(vec, 3)).toBe(vec.expected);
  });

  it('emits lines above a one-cell line before flush', () => {
    const w = new TabWriter(GET_TABWRITER);
    w.write('a\tb\nheader only\n');
    expect(w.output).toBe('a     b\nheader only\n');
  });

  it('counts code points, not UTF-16 units or bytes', () => {
    expect(runeCount('héllo')).toBe(5);
    expect(runeCount('😀x')).toBe(2);
    expect(formatTable([['😀', 'x'], ['ab', 'y']], { minwidth: 0, padding: 1, padchar: '.', flags: 0 })).toBe(
      '😀..x\nab.y\n',
    );
    // the same through the character-by-character path (\v), and a cell written in pieces
    const opts = { minwidth: 0, padding: 1, padchar: '.', flags: 0 };
    expect(new TabWriter(opts).write('😀\vx\nab\vy\n').flush().output).toBe('😀..x\nab.y\n');
    expect(new TabWriter(opts).write('😀').write('😀\tx\n').write('abc\ty\n').flush().output).toBe('😀😀..x\nabc.y\n');
  });
});

describe('RememberWidths (liggitt fork, kubectl get --watch)', () => {
  it('keeps the widest width per column across flushes', () => {
    const w = new TabWriter(GET_TABWRITER);
    w.write('NAME\tREADY\tSTATUS\nlong-pod-name-123\t1/1\tRunning\n').flush();
    w.write('x\t0/1\tPending\n').flush();
    expect(w.take()).toBe(
      'NAME                READY   STATUS\nlong-pod-name-123   1/1     Running\nx                   0/1     Pending\n',
    );
    expect(w.rememberedWidths()).toEqual([20, 8]);
  });

  it('grows when a later row is wider', () => {
    const w = new TabWriter(GET_TABWRITER);
    w.write('a\tb\n').flush();
    w.write('abcdefgh\tb\n').flush();
    expect(w.take()).toBe('a     b\nabcdefgh   b\n');
  });

  it('does not remember without the flag', () => {
    const w = new TabWriter({ ...GET_TABWRITER, flags: 0 });
    w.write('long-pod-name\tx\n').flush();
    w.write('a\tx\n').flush();
    expect(w.take()).toBe('long-pod-name   x\na     x\n');
  });

  it('can transfer widths to another writer', () => {
    const w = new TabWriter(GET_TABWRITER).setRememberedWidths([12]);
    expect(w.write('a\tb\n').flush().take()).toBe('a           b\n');
  });
});

describe('kubectl v1.32.4 tables (goldens)', () => {
  // kubectl config get-contexts writes "%s\t%s\t%s\t%s\t%s\n" rows through printers.GetNewTabWriter.
  const contexts = (file: string): string[][] => {
    const cfg = readFileSync(new URL(`./testdata/tabwriter/${file}.kubeconfig.yaml`, import.meta.url), 'utf8');
    const current = /current-context: (.*)/.exec(cfg)![1];
    const rows: string[][] = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
    const re = /- name: (.*)\n {2}context: \{cluster: ([^,]*), user: ([^,}]*)(?:, namespace: ([^}]*))?\}/g;
    const found: string[][] = [];
    for (const m of cfg.matchAll(re)) {
      const name = JSON.parse(m[1].startsWith('"') ? m[1] : JSON.stringify(m[1])) as string;
      const unq = (s: string | undefined) => (s === undefined ? '' : s.replace(/^"(.*)"$/, '$1'));
      found.push([name === current ? '*' : '', name, m[2], unq(m[3]), unq(m[4])]);
    }
    found.sort((a, b) => (a[1] < b[1] ? -1 : 1));
    return [...rows, ...found];
  };
  it.each(['contexts-unicode', 'contexts-tab', 'contexts-wide'])('%s', (file) => {
    const want = readFileSync(new URL(`./testdata/tabwriter/${file}.stdout`, import.meta.url), 'utf8');
    expect(formatTable(contexts(file), GET_TABWRITER)).toBe(want);
  });

  it('RememberWidths is the flag of the get writer', () => {
    expect(GET_TABWRITER.flags).toBe(RememberWidths);
  });
});

describe('random kubectl config get-contexts tables (v1.32.4 goldens)', () => {
  const dir = new URL('./testdata/tabwriter/fuzz/', import.meta.url);
  const files = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  interface Ctx {
    name: string;
    context: { cluster: string; user: string; namespace?: string };
  }
  it.each(files)('%s', (f) => {
    const cfg = JSON.parse(readFileSync(new URL(`${f}.json`, dir), 'utf8')) as { contexts: Ctx[]; 'current-context': string };
    const ctxs = [...cfg.contexts].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
    for (const c of ctxs) {
      rows.push([c.name === cfg['current-context'] ? '*' : '', c.name, c.context.cluster, c.context.user, c.context.namespace ?? '']);
    }
    expect(formatTable(rows, GET_TABWRITER)).toBe(readFileSync(new URL(`${f}.out`, dir), 'utf8'));
  });
});
