/** POSIX regular expressions (grep's and sed's BRE and ERE) as JavaScript RegExp sources. */

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * Translates a POSIX pattern: in a basic one (BRE) `\|`, `\(`, `\{`, `\+`,
 * `\?` are the operators and the bare characters literal; in both, bracket
 * expressions take `[:alpha:]`-style classes and a backslash inside brackets
 * is an ordinary character.
 */
export function posixToJs(p: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (p[j] === '^') {
        body += '^';
        j++;
      }
      if (p[j] === ']') {
        body += '\\]';
        j++;
      }
      let closed = false;
      while (j < p.length) {
        if (p.startsWith('[:', j)) {
          const end = p.indexOf(':]', j + 2);
          const cls = end > 0 ? CLASSES[p.slice(j + 2, end)] : undefined;
          if (cls !== undefined) {
            body += cls;
            j = end + 2;
            continue;
          }
        }
        if (p[j] === ']') {
          closed = true;
          break;
        }
        body += p[j] === '\\' || p[j] === '[' ? `\\${p[j]}` : p[j];
        j++;
      }
      if (!closed) throw new Error('Unmatched [, [^, [:, [., or [=');
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += !extended && '|(){}+?'.includes(n) ? n : `\\${n}`;
      continue;
    }
    out += !extended && '|(){}+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}
