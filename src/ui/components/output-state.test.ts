import { describe, expect, it } from 'vitest';
import { displayRows, initialOutput, outputReducer, reflow, textLines, visibleLines, wrapText } from './output-state.js';

describe('scrollback', () => {
  it('keeps command output verbatim (tabs expanded, no wrapping) and wraps prose', () => {
    const out = textLines('NAME   READY\nweb    1/1\n', 'stdout');
    expect(out.map((l) => l.text)).toEqual(['NAME   READY', 'web    1/1']);
    // Tabs stop at multiples of 8, as a terminal shows `cat -n` and diff headers.
    expect(textLines('     1\ta\n--- a.txt\t2026\n', 'stdout').map((l) => l.text)).toEqual(['     1  a', '--- a.txt       2026']);
    const long = 'x'.repeat(120);
    expect(displayRows([{ kind: 'stdout', text: long }], 80)).toHaveLength(1);
    expect(displayRows([{ kind: 'prose', text: `${'word '.repeat(30)}` }], 40).length).toBeGreaterThan(3);
    expect(wrapText('  hint: a b c', 10)).toEqual(['  hint: a', '  b c']);
  });

  it('scrolls up and down within bounds and follows new output', () => {
    let s = outputReducer(initialOutput, { type: 'APPEND', lines: textLines(Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'), 'stdout') });
    expect(visibleLines(s, 10).at(-1)?.text).toBe('line 49');
    s = outputReducer(s, { type: 'SCROLL', by: 9, viewport: 10 });
    expect(visibleLines(s, 10).at(-1)?.text).toBe('line 40');
    s = outputReducer(s, { type: 'SCROLL', by: 1000, viewport: 10 });
    expect(visibleLines(s, 10)[0].text).toBe('line 0');
    s = outputReducer(s, { type: 'SCROLL', by: -1000, viewport: 10 });
    expect(s.scroll).toBe(0);
    s = outputReducer(s, { type: 'HSCROLL', by: -8 });
    expect(s.hscroll).toBe(0);
  });

  it('a held fast-forward key updates one line', () => {
    let s = outputReducer(initialOutput, { type: 'CLOCK', ms: 30_000 });
    s = outputReducer(s, { type: 'CLOCK', ms: 30_000 });
    expect(s.lines).toEqual([{ kind: 'info', text: "(the cluster's clock moved 60s forward)" }]);
    s = outputReducer(outputReducer(s, { type: 'APPEND', lines: [{ kind: 'stdout', text: 'x' }] }), { type: 'CLOCK', ms: 30_000 });
    expect(s.lines).toHaveLength(3);
  });

  it('rejoins hard-wrapped YAML prose but keeps short header lines', () => {
    const text = `From: on-call\n${'a'.repeat(70)}\nb end\n\nnext`;
    expect(reflow(text)).toBe(`From: on-call\n${'a'.repeat(70)} b end\n\nnext\n`);
  });
});
