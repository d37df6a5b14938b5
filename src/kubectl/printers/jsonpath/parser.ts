/**
 * The template parser of client-go's jsonpath, as kubectl uses it for
 * `-o jsonpath=...` and custom columns.
 *
 * A template is text with `{...}` actions. Inside an action: `.field`,
 * `['key']`, `[0]`, `[-1]`, `[1:3]`, `[::2]`, `[*]`, `[a,b]` unions, `..`
 * recursive descent, `*` wildcards, `[?(@.x=="y")]` filters (`==`, `!=`,
 * `<`, `>`, `<=`, `>=`, or existence), quoted literals `{"\n"}`, numbers,
 * `true`/`false`, and the `range`/`end` identifiers. There is no regex
 * operator (`=~` is a syntax error in kubectl v1.32).
 *
 * Error messages are the parser's own (`unterminated array`, `invalid array
 * index a`, `unclosed action`, ...); kubectl prefixes them with
 * `error parsing jsonpath <template>, `.
 *
 * @see k8s.io/client-go/util/jsonpath/parser.go
 * @see k8s.io/client-go/util/jsonpath/node.go
 */
import { goRuneU } from '../../format/go-fmt.js';

/** One slice parameter of an array node (`[start:end:step]`). */
export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end derived from a single index (`[i]` means `[i:i+1]`). */
  derived: boolean;
}

export type JpNode =
  | { type: 'list'; nodes: JpNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export type ListNode = Extract<JpNode, { type: 'list' }>;

/** A template syntax error, with the parser's message. */
export class JsonPathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathSyntaxError';
  }
}

const EOF = -1;
const DICT_KEY = /^'([^']*)'$/;
const SLICE_OPERATOR = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

const newList = (): ListNode => ({ type: 'list', nodes: [] });

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09;
const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
const isDigitRune = (r: number): boolean => r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number): boolean =>
  r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));

function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  switch (r) {
    case EOF:
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
  }
  return false;
}

/** Go strconv.Atoi for the text a number token can hold. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return undefined;
  return Number(n);
}

class Parser {
  root: ListNode = newList();
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = newList();
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith('}')) return this.parseRightDelim();
    if (rest.startsWith('[?(')) return this.parseFilter(cur);
    if (rest.startsWith('..')) return this.parseRecursive(cur);

    const r = this.next();
    if (r === EOF || isEndOfLine(r)) throw new JsonPathSyntaxError('unclosed action');
    if (r === 0x20 || r === 0x40 || r === 0x24) {
      // a space, or @ / $ (the current object): nothing to add
      this.consumeText();
    } else if (r === 0x5b) {
      return this.parseArray(cur);
    } else if (r === 0x22 || r === 0x27) {
      return this.parseQuote(cur, r);
    } else if (r === 0x2e) {
      return this.parseField(cur);
    } else if (r === 0x2b || r === 0x2d || isDigitRune(r)) {
      this.backup();
      return this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    } else {
      throw new JsonPathSyntaxError(`unrecognized character in action: ${goRuneU(r)}`);
    }
    return this.parseInsideAction(cur);
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    return this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
    return this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last !== undefined && last.type === 'recursive') {
      throw new JsonPathSyntaxError('invalid multiple recursive descent');
    }
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    return this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigitRune(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== undefined) {
      cur.nodes.push({ type: 'int', value: i });
      return this.parseInsideAction(cur);
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
      return this.parseInsideAction(cur);
    }
    throw new JsonPathSyntaxError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathSyntaxError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const str of strs) union.push(parseAction(`[${str.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }

    const key = DICT_KEY.exec(text);
    if (key) {
      for (const node of parseAction(`.${key[1]}`).nodes) cur.nodes.push(node);
      return this.parseInsideAction(cur);
    }

    const m = SLICE_OPERATOR.exec(text);
    if (!m) throw new JsonPathSyntaxError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') {
          params[i].known = false;
        } else {
          params[i].known = true;
          const n = atoi(value[i]);
          if (n === undefined) throw new JsonPathSyntaxError(`array index ${value[i]} is not a number`);
          params[i].value = n;
        }
      } else if (i === 1) {
        params[i].known = true;
        params[i].value = params[0].value + 1;
        params[i].derived = true;
      } else {
        params[i].known = false;
        params[i].value = 0;
      }
    }
    cur.nodes.push({ type: 'array', params });
    return this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    loop: for (;;) {
      const r = this.next();
      switch (r) {
        case EOF:
        case 0x0a:
          throw new JsonPathSyntaxError('unterminated filter');
        case 0x22:
        case 0x27:
          if (!begin) {
            begin = true;
            pair = r;
            continue;
          }
          if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
          break;
        case 0x29:
          // quotes appear zero times or once as a pair, so ')' closes only outside them
          if (begin === end) break loop;
          break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathSyntaxError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: newList(), operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
    return this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathSyntaxError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JsonPathSyntaxError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: s });
    return this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      // scan to the next unescaped terminator
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replaceAll('\\', '') });
    return this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** Parses `{text}` and returns the action's list (parser.go parseAction). */
function parseAction(text: string): ListNode {
  const root = new Parser().parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

/**
 * Go strconv.Unquote extended to single-quoted strings of any length
 * (jsonpath's UnquoteExtend). Returns undefined on invalid syntax.
 */
export function unquoteExtend(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  while (i < body.length) {
    const c = body[i];
    if (c === quote) return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (e in simple) {
      out += simple[e];
      i += 2;
    } else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
      const v = parseInt(h, 16);
      if (e === 'x') {
        // a byte; only valid UTF-8 sequences survive as text in JavaScript
        out += String.fromCharCode(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
        out += String.fromCodePoint(v);
      }
      i += 2 + n;
    } else if (e >= '0' && e <= '7') {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      const v = parseInt(o, 8);
      if (v > 255) return undefined;
      out += String.fromCharCode(v);
      i += 4;
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * Parses a jsonpath template into its root list of nodes.
 * Throws {@link JsonPathSyntaxError} with the client-go message.
 */
export function parseJsonPath(template: string): ListNode {
  return new Parser().parse(template);
}
