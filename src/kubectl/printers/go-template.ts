/**
 * `kubectl -o go-template=...`: a port of the parts of Go's text/template
 * that kubectl templates use, over JSON-shaped data (integers are `int64`,
 * other numbers `float64`, as apimachinery's JSON decoding gives them).
 *
 * Supported: text and `{{ }}` actions with `{{-`/`-}}` trimming and
 * comments; fields (`.a.b`), `$`/variables (`$x := ...`), pipelines (`|`),
 * parenthesised pipelines, literals (strings, raw strings, chars, numbers,
 * `true`/`false`/`nil`); `if`/`else if`/`else`, `range` (with `$i, $e :=`,
 * `else`, `break`, `continue`), `with`/`else`; the builtin functions `and`,
 * `or`, `not`, `len`, `index`, `slice`, `print`, `printf`, `println`, `eq`,
 * `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`, plus kubectl's
 * `exists` and `base64decode`. Missing map keys print `<no value>`
 * (kubectl's missingkey=default). Not supported: `define`/`template`/`block`.
 *
 * Output and error texts follow kubectl v1.32 (goldens in
 * testdata/go-template): parse errors become `error: error parsing template
 * <t>, template: output:<line>: <msg>`; execution errors write kubectl's
 * debugging block to stdout after any partial output, and `error: error
 * executing template "<t>": template: output:<line>:<col>: executing "output"
 * at <node>: <msg>` to stderr.
 *
 * @see go/src/text/template (lex.go, parse/parse.go, parse/node.go, exec.go, funcs.go)
 * @see k8s.io/cli-runtime/pkg/printers/template.go
 */
import { goFormatFloat, goQuote, goRuneU, goSprintV } from '../format/go-fmt.js';
import { compareCodePoints, marshalJson } from './json.js';
import { kubectlErrorText } from './jsonpath/printer.js';

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/** A Go value that JSON data cannot express: an `int` constant, a `float64` constant, a byte or rune. */
class GoNum {
  constructor(
    readonly kind: 'int' | 'float64' | 'uint8' | 'int32',
    readonly value: number,
  ) {}
}

/** "no value": Go's invalid reflect.Value (a missing map key). */
const MISSING = Symbol('missing');
type Value = unknown;

const isMap = (v: Value): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoNum);

function typeName(v: Value): string {
  if (v instanceof GoNum) return v.kind;
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
  }
  return 'interface {}';
}

/** fmt.Sprint of one value. */
function sprint1(v: Value): string {
  if (v === MISSING) return '<no value>';
  if (v instanceof GoNum) return v.kind === 'float64' ? goFormatFloat(v.value) : String(v.value);
  return goSprintV(v);
}

/** fmt.Sprint(args...): spaces between operands when neither is a string. */
function sprint(args: Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === MISSING ? '<nil>' : sprint1(a);
  });
  return out;
}

function isTrue(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined) return false;
  if (v instanceof GoNum) return v.value !== 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: Value): Kind {
  if (v === MISSING) return 'invalid';
  if (v instanceof GoNum) return v.kind === 'float64' ? 'float' : v.kind === 'uint8' ? 'uint' : 'int';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
  }
  return v === null ? 'invalid' : 'other';
}
const num = (v: Value): number => (v instanceof GoNum ? v.value : (v as number));

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable' | 'dot' | 'nil'
  | 'block' | 'break' | 'continue' | 'define' | 'else' | 'end' | 'if' | 'range' | 'template' | 'with';

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

/** item.String(): how tokens appear in parse errors. */
function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORDS.has(i.typ) && i.typ !== 'nil') return `<${i.val}>`;
  if (i.val.length > 10) return `${goQuote(i.val.slice(0, 10))}...`;
  return goQuote(i.val);
}

const isAlnum = (c: string): boolean => c === '_' || /[\p{L}\p{Nd}]/u.test(c);

const isSpaceChar = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** @see go/src/text/template/parse/lex.go */
function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  const lineAt = (p: number): number => 1 + (input.slice(0, p).match(/\n/g) ?? []).length;
  const emit = (typ: ItemType): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: lineAt(start) });
    start = pos;
  };
  const fail = (msg: string): Item[] => {
    items.push({ typ: 'error', pos: start, val: msg, line: lineAt(start) });
    return items;
  };
  const hasLeftTrimMarker = (p: number): boolean => input[p] === '-' && isSpaceChar(input[p + 1]);
  const hasRightTrimMarker = (p: number): boolean => isSpaceChar(input[p]) && input[p + 1] === '-';
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrimMarker(pos) && input.startsWith('}}', pos + 2)) return { delim: true, trim: true };
    return { delim: input.startsWith('}}', pos), trim: false };
  };
  const leftTrimLength = (p: number): number => {
    let n = 0;
    while (isSpaceChar(input[p + n])) n++;
    return n;
  };
  const codePointAt = (p: number): string => (p < input.length ? String.fromCodePoint(input.codePointAt(p)!) : '');
  const next = (): string => {
    const c = codePointAt(pos);
    pos += c.length;
    return c;
  };
  const atTerminator = (): boolean => {
    const c = input[pos];
    if (c === undefined || isSpaceChar(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return input.startsWith('}}', pos);
  };
  const scanNumber = (): boolean => {
    if (input[pos] === '+' || input[pos] === '-') pos++;
    let digits = '0123456789_';
    if (input[pos] === '0' && /[xXoObB]/.test(input[pos + 1] ?? '')) {
      const b = input[pos + 1].toLowerCase();
      pos += 2;
      digits = b === 'x' ? '0123456789abcdefABCDEF_' : b === 'o' ? '01234567_' : '01_';
    }
    const run = (set: string): void => {
      while (pos < input.length && set.includes(input[pos])) pos++;
    };
    run(digits);
    if (input[pos] === '.') {
      pos++;
      run(digits);
    }
    if (digits.length === 11 && /[eE]/.test(input[pos] ?? '')) {
      pos++;
      if (input[pos] === '+' || input[pos] === '-') pos++;
      run('0123456789_');
    }
    if (digits.length === 23 && /[pP]/.test(input[pos] ?? '')) {
      pos++;
      if (input[pos] === '+' || input[pos] === '-') pos++;
      run('0123456789_');
    }
    if (input[pos] === 'i') pos++;
    return !isAlnum(codePointAt(pos) || ' ');
  };
  const scanQuoted = (quote: string, unterminated: string): string | undefined => {
    for (;;) {
      let d = next();
      if (d === '\\') {
        d = next();
        if (d !== '' && d !== '\n') continue;
      }
      if (d === '' || d === '\n') return unterminated;
      if (d === quote) return undefined;
    }
  };

  for (;;) {
    // lexText
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      items.push({ typ: 'eof', pos, val: '', line: lineAt(pos) });
      return items;
    }
    if (x > pos || x > start) {
      let end = x;
      if (hasLeftTrimMarker(x + 2)) while (end > start && isSpaceChar(input[end - 1])) end--;
      pos = end;
      if (pos > start) emit('text');
    }
    pos = x;
    start = pos;
    // lexLeftDelim
    pos += 2;
    const trimSpace = hasLeftTrimMarker(pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      pos += afterMarker + 2;
      const end = input.indexOf('*/', pos);
      if (end < 0) return fail('unclosed comment');
      pos = end + 2;
      const rd = atRightDelim();
      if (!rd.delim) return fail('comment ends before closing delimiter');
      if (rd.trim) pos += 2;
      pos += 2;
      if (rd.trim) pos += leftTrimLength(pos);
      start = pos;
      continue;
    }
    emit('leftDelim');
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    // lexInsideAction
    for (;;) {
      const rd = atRightDelim();
      if (rd.delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (rd.trim) {
          pos += 2;
          start = pos;
        }
        pos += 2;
        emit('rightDelim');
        if (rd.trim) {
          pos += leftTrimLength(pos);
          start = pos;
        }
        break;
      }
      const c = next();
      if (c === '') return fail('unclosed action');
      if (isSpaceChar(c)) {
        let numSpaces = 1;
        while (isSpaceChar(input[pos])) {
          pos++;
          numSpaces++;
        }
        if (hasRightTrimMarker(pos - 1) && input.startsWith('}}', pos + 1)) {
          pos--;
          if (numSpaces === 1) continue;
        }
        emit('space');
      } else if (c === '=') {
        emit('assign');
      } else if (c === ':') {
        if (next() !== '=') return fail('expected :=');
        emit('declare');
      } else if (c === '|') {
        emit('pipe');
      } else if (c === '"') {
        const err = scanQuoted('"', 'unterminated quoted string');
        if (err) return fail(err);
        emit('string');
      } else if (c === '`') {
        const end = input.indexOf('`', pos);
        if (end < 0) return fail('unterminated raw quoted string');
        pos = end + 1;
        emit('rawString');
      } else if (c === "'") {
        const err = scanQuoted("'", 'unterminated character constant');
        if (err) return fail(err);
        emit('charConstant');
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(input[pos] ?? ''))) {
        while (pos < input.length && isAlnum(codePointAt(pos))) next();
        if (c === '.' && pos === start + 1) {
          emit('dot');
          continue;
        }
        if (!atTerminator()) return fail(`bad character ${goRuneU(input.codePointAt(pos)!)}`);
        emit(c === '$' ? 'variable' : 'field');
      } else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        pos -= 1;
        if (!scanNumber()) {
          while (pos < input.length && isAlnum(codePointAt(pos))) pos++;
          return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        }
        emit('number');
      } else if (isAlnum(c)) {
        while (pos < input.length && isAlnum(codePointAt(pos))) next();
        if (!atTerminator()) return fail(`bad character ${goRuneU(input.codePointAt(pos)!)}`);
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit(word as ItemType);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
      } else if (c === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
      } else if (/^[\x20-\x7e]$/.test(c)) {
        emit('char');
      } else {
        return fail(`unrecognized character in action: ${goRuneU(c.codePointAt(0)!)}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Parse tree
// ---------------------------------------------------------------------------

type Node =
  | { type: 'list'; pos: number; nodes: Node[] }
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: Pipe }
  | { type: 'if' | 'with'; pos: number; line: number; pipe: Pipe; list: NodeList; elseList?: NodeList }
  | { type: 'range'; pos: number; line: number; pipe: Pipe; list: NodeList; elseList?: NodeList }
  | { type: 'break' | 'continue'; pos: number; line: number }
  | { type: 'template'; pos: number; line: number; name: string; pipe?: Pipe };

type NodeList = Extract<Node, { type: 'list' }>;

interface Pipe {
  pos: number;
  isAssign: boolean;
  decl: string[];
  cmds: Command[];
}

interface Command {
  pos: number;
  args: Arg[];
}

type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'chain'; pos: number; node: Arg; field: string[] }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; value: GoNum }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'pipe'; pos: number; pipe: Pipe };

function pipeString(p: Pipe): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(commandString).join(' | ');
}

function commandString(c: Command): string {
  return c.args.map((a) => (a.type === 'pipe' ? `(${pipeString(a.pipe)})` : argString(a))).join(' ');
}

function argString(a: Arg): string {
  switch (a.type) {
    case 'field':
      return a.ident.map((i) => '.' + i).join('');
    case 'variable':
      return a.ident.join('.');
    case 'chain':
      return (a.node.type === 'pipe' ? `(${pipeString(a.node.pipe)})` : argString(a.node)) + a.field.map((f) => '.' + f).join('');
    case 'identifier':
      return a.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.value);
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'pipe':
      return pipeString(a.pipe);
  }
}

/** A template syntax error (`template: output:<line>: <msg>`). */
export class GoTemplateParseError extends Error {}

/** A template execution error (`template: output:<line>:<col>: executing "output" at <node>: <msg>`). */
export class GoTemplateExecError extends Error {}

const FUNCS = new Set([
  'and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'html', 'js', 'urlquery', 'call', 'exists', 'base64decode',
]);

/** strconv.UnquoteChar-based decoding of a Go string or char literal body. */
function unquoteGo(body: string, quote: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e === undefined) return undefined;
    if (e in simple) {
      out += simple[e];
      i += 2;
    } else if (e === quote) {
      out += e;
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
      out += e === 'x' ? String.fromCharCode(parseInt(h, 16)) : String.fromCodePoint(parseInt(h, 16));
      i += 2 + n;
    } else if (/[0-7]/.test(e)) {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      out += String.fromCharCode(parseInt(o, 8));
      i += 4;
    } else {
      return undefined;
    }
  }
  return out;
}

class TemplateParser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  constructor(private readonly items: Item[]) {}

  private next(): Item {
    return this.items[this.i++];
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    return this.items[this.i];
  }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private errorf(line: number, msg: string): never {
    throw new GoTemplateParseError(`template: output:${line}: ${msg}`);
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === 'error') this.errorf(t.line, t.val);
    this.errorf(t.line, `unexpected ${itemString(t)} in ${context}`);
  }

  /** Templates defined with {{define}} or {{block}}. */
  readonly defined = new Map<string, NodeList>();

  parse(): NodeList {
    const root: NodeList = { type: 'list', pos: 0, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.peekNonSpace().typ === 'define') {
          const d = this.nextNonSpace();
          const name = this.templateName(d, 'define clause');
          this.expectRight('define clause');
          const body: NodeList = { type: 'list', pos: this.peek().pos, nodes: [] };
          const end = this.itemList(body);
          if (end.kind !== 'end') this.errorf(end.line, 'unexpected {{else}}');
          this.defined.set(name, body);
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(n.line, `unexpected ${n.kind === 'end' ? '{{end}}' : '{{else}}'}`);
      root.nodes.push(n.node!);
    }
    return root;
  }

  private textOrAction(): { kind: 'node' | 'end' | 'else'; node?: Node; line: number; elseIf?: boolean } {
    const t = this.nextNonSpace();
    if (t.typ === 'text') return { kind: 'node', node: { type: 'text', pos: t.pos, text: t.val }, line: t.line };
    if (t.typ === 'leftDelim') return this.action();
    if (t.typ === 'error') this.errorf(t.line, t.val);
    this.unexpected(t, 'input');
  }

  private action(): { kind: 'node' | 'end' | 'else'; node?: Node; line: number; elseIf?: boolean } {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'end':
        this.expectRight('end');
        return { kind: 'end', line: t.line };
      case 'else': {
        const p = this.peekNonSpace();
        if (p.typ === 'if' || p.typ === 'with') return { kind: 'else', line: t.line, elseIf: true };
        this.expectRight('else');
        return { kind: 'else', line: t.line };
      }
      case 'if':
      case 'with':
      case 'range':
        return { kind: 'node', node: this.control(t), line: t.line };
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) this.errorf(t.line, `{{${t.typ}}} outside {{range}}`);
        this.expectRight(t.typ);
        return { kind: 'node', node: { type: t.typ, pos: t.pos, line: t.line }, line: t.line };
      case 'template':
      case 'block':
        return { kind: 'node', node: this.templateControl(t), line: t.line };
      case 'define':
        this.errorf(t.line, 'unexpected <define> in command');
    }
    this.backup();
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'node', node: { type: 'action', pos: t.pos, line: t.line, pipe }, line: t.line };
  }

  private templateName(t: Item, context: string): string {
    const n = this.nextNonSpace();
    if (n.typ !== 'string' && n.typ !== 'rawString') this.unexpected(n, context);
    const name = n.typ === 'rawString' ? n.val.slice(1, -1) : unquoteGo(n.val.slice(1, -1), '"');
    if (name === undefined) this.errorf(n.line, 'invalid syntax');
    void t;
    return name;
  }

  /** {{template "name" [pipeline]}} and {{block "name" pipeline}}...{{end}}. */
  private templateControl(t: Item): Node {
    const context = t.typ === 'block' ? 'block clause' : 'template clause';
    const nameTok = this.peekNonSpace();
    const name = this.templateName(t, context);
    let pipe: Pipe | undefined;
    if (this.peekNonSpace().typ !== 'rightDelim') pipe = this.pipeline(context, 'rightDelim');
    else this.nextNonSpace();
    if (t.typ === 'block') {
      const body: NodeList = { type: 'list', pos: this.peek().pos, nodes: [] };
      const end = this.itemList(body);
      if (end.kind !== 'end') this.errorf(end.line, 'unexpected {{else}}');
      this.defined.set(name, body);
    }
    return { type: 'template', pos: nameTok.pos, line: t.line, name, pipe };
  }

  private expectRight(context: string): void {
    const t = this.nextNonSpace();
    if (t.typ !== 'rightDelim') this.unexpected(t, context);
  }

  private control(t: Item): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(t.typ, 'rightDelim');
    if (t.typ === 'range') this.rangeDepth++;
    const list: NodeList = { type: 'list', pos: this.peek().pos, nodes: [] };
    let elseList: NodeList | undefined;
    let end = this.itemList(list);
    if (t.typ === 'range') this.rangeDepth--;
    if (end.kind === 'else') {
      const kw = end.elseIf ? this.peekNonSpace() : undefined;
      if (kw !== undefined && kw.typ === t.typ && (t.typ === 'if' || t.typ === 'with')) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}}, sharing the final end (same for with)
        this.nextNonSpace();
        elseList = { type: 'list', pos: kw.pos, nodes: [this.control(kw)] };
        end = { kind: 'end', line: kw.line };
      } else {
        elseList = { type: 'list', pos: this.peek().pos, nodes: [] };
        end = this.itemList(elseList);
        if (end.kind !== 'end') this.errorf(end.line, 'expected end; found {{else}}');
      }
    }
    this.vars.length = mark;
    return { type: t.typ as 'if' | 'with' | 'range', pos: t.pos, line: t.line, pipe, list, elseList };
  }

  private itemList(list: NodeList): { kind: 'end' | 'else'; line: number; elseIf?: boolean } {
    for (;;) {
      const p = this.peekNonSpace();
      if (p.typ === 'eof') this.errorf(p.line, 'unexpected EOF');
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return { kind: n.kind, line: n.line, elseIf: n.elseIf };
      list.nodes.push(n.node!);
    }
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipe {
    const token = this.peekNonSpace();
    const pipe: Pipe = { pos: token.pos, isAssign: false, decl: [], cmds: [] };
    // declarations
    const v = this.peekNonSpace();
    if (v.typ === 'variable') {
      this.nextNonSpace();
      const tokenAfter = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        this.nextNonSpace();
        pipe.isAssign = next.typ === 'assign';
        pipe.decl.push(v.val);
        if (!pipe.isAssign) this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const v2 = this.peekNonSpace();
          if (v2.typ === 'variable') {
            this.nextNonSpace();
            const d = this.nextNonSpace();
            if (d.typ !== 'declare' && d.typ !== 'assign') this.errorf(d.line, 'expected := or = in range');
            pipe.decl.push(v2.val);
            this.vars.push(v2.val);
          } else {
            this.errorf(v2.line, 'range can only initialize variables');
          }
        } else {
          this.errorf(next.line, `too many declarations in ${context}`);
        }
      } else if (tokenAfter.typ === 'space') {
        this.backup();
        this.backup();
      } else {
        this.backup();
      }
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(t.line, `missing value for ${context}`);
        for (const c of pipe.cmds.slice(1)) {
          const first = c.args[0];
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
            this.errorf(t.line, `non executable command in pipeline stage ${pipe.cmds.indexOf(c) + 1}`);
          }
        }
        return pipe;
      }
      switch (t.typ) {
        case 'bool': case 'charConstant': case 'dot': case 'field': case 'identifier': case 'number': case 'nil':
        case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private command(): Command {
    const cmd: Command = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      switch (t.typ) {
        case 'space':
          continue;
        case 'rightDelim':
        case 'rightParen':
          this.backup();
          break;
        case 'pipe':
          break;
        default:
          this.unexpected(t, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf(this.peek().line, 'empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === 'field') {
      const fields: string[] = [];
      const pos = this.peek().pos;
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          return { type: 'field', pos, ident: [...node.ident, ...fields] };
        case 'variable':
          return { type: 'variable', pos, ident: [...node.ident, ...fields] };
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(this.peek().line, `unexpected . after term ${goQuote(argString(node))}`);
          break;
        default:
          return { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!FUNCS.has(t.val)) this.errorf(t.line, `function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable': {
        if (!this.vars.includes(t.val)) this.errorf(t.line, `undefined variable ${goQuote(t.val)}`);
        return { type: 'variable', pos: t.pos, ident: [t.val] };
      }
      case 'field':
        return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'number':
        return this.number(t);
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { type: 'pipe', pos: t.pos, pipe };
      }
      case 'string':
      case 'rawString': {
        const text = t.typ === 'rawString' ? t.val.slice(1, -1).replaceAll('\r', '') : unquoteGo(t.val.slice(1, -1), '"');
        if (text === undefined) this.errorf(t.line, 'invalid syntax');
        return { type: 'string', pos: t.pos, quoted: t.val, text };
      }
    }
    this.backup();
    return undefined;
  }

  private number(t: Item): Arg {
    const text = t.val;
    if (t.typ === 'charConstant') {
      const s = unquoteGo(text.slice(1, -1), "'");
      if (s === undefined || Array.from(s).length !== 1) this.errorf(t.line, `malformed character constant: ${text}`);
      return { type: 'number', pos: t.pos, text, value: new GoNum('int', s.codePointAt(0)!) };
    }
    const clean = text.replaceAll('_', '');
    let value: GoNum | undefined;
    if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.test(clean)) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[+-]/, '');
      const n = body.startsWith('0') && /^0[0-7]+$/.test(body) ? Number.parseInt(body, 8) : Number(body.replace(/^0[oO]/, '0o'));
      value = new GoNum('int', neg ? -n : n);
    } else if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(clean)) {
      value = new GoNum('float64', Number(clean));
    }
    if (value === undefined) this.errorf(t.line, `illegal number syntax: ${goQuote(text)}`);
    return { type: 'number', pos: t.pos, text, value };
  }
}

// ---------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------

class BreakSignal {}
class ContinueSignal {}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function eq(a: Value, ...bs: Value[]): boolean {
  if (bs.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of bs) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) truth = num(a) === num(b);
      else if (a !== MISSING && b !== MISSING && a !== null && b !== null) throw new Error(errBadComparison);
    } else if (k1 === 'int' || k1 === 'float' || k1 === 'uint') {
      truth = num(a) === num(b);
    } else if (k1 === 'other') {
      throw new Error(`non-comparable types ${sprint1(a)}: ${typeName(a)}, ${typeName(b)}: ${sprint1(b)}`);
    } else {
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid' || k1 === 'other') throw new Error(errBadComparisonType);
  const k2 = basicKind(b);
  if (k2 === 'invalid' || k2 === 'other') throw new Error(errBadComparisonType);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new Error(errBadComparison);
  }
  if (k1 === 'bool') throw new Error(errBadComparisonType);
  if (k1 === 'string') return compareCodePoints(a as string, b as string) < 0;
  return num(a) < num(b);
}

function toIndex(v: Value, cap: number): number {
  const k = basicKind(v);
  if (k !== 'int' && k !== 'uint') throw new Error(`cannot index slice/array with type ${typeName(v)}`);
  const x = num(v);
  if (x < 0 || x >= cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function goLen(v: Value): number {
  if (v === MISSING) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  throw new Error(`len of type ${typeName(v)}`);
}

function goIndex(item: Value, ...indexes: Value[]): Value {
  let v = item;
  if (v === MISSING || v === null) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    if (v === null) throw new Error('index of nil pointer');
    if (Array.isArray(v)) v = v[toIndex(idx, v.length)];
    else if (typeof v === 'string') v = new GoNum('uint8', Buffer.from(v, 'utf8')[toIndex(idx, Buffer.byteLength(v))]);
    else if (isMap(v)) {
      if (typeof idx !== 'string') throw new Error(`value has type ${typeName(idx)}; should be string`);
      v = Object.prototype.hasOwnProperty.call(v, idx) ? v[idx] : null;
    } else throw new Error(`can't index item of type ${typeName(v)}`);
  }
  return v;
}

function goSlice(item: Value, ...idx: Value[]): Value {
  if (item === MISSING || item === null) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (idx.length === 3) throw new Error('cannot 3-index slice a string');
    len = Buffer.byteLength(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const ix = [0, len];
  idx.forEach((v, i) => {
    ix[i] = toIndex(v, len + 1);
  });
  if (ix[0] > ix[1]) throw new Error(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  return typeof item === 'string'
    ? Buffer.from(item, 'utf8').subarray(ix[0], ix[1]).toString('utf8')
    : (item as unknown[]).slice(ix[0], ix[1]);
}

function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\ufffd' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case "'": out += "\\'"; break;
      case '"': out += '\\"'; break;
      case '<': out += '\\u003C'; break;
      case '>': out += '\\u003E'; break;
      case '&': out += '\\u0026'; break;
      case '=': out += '\\u003D'; break;
      default:
        if (cp < 0x20) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
        else out += ch;
    }
  }
  return out;
}

function urlQueryEscape(s: string): string {
  return Array.from(Buffer.from(s, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return '%' + b.toString(16).toUpperCase().padStart(2, '0');
    })
    .join('');
}

/**
 * Go's base64.StdEncoding.DecodeString, with its "illegal base64 data at
 * input byte N" errors (newlines are skipped; padding is required).
 *
 * @see go/src/encoding/base64/base64.go decodeQuantum
 */
function base64Decode(src: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const corrupt = (i: number): Error => new Error(`illegal base64 data at input byte ${i}`);
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out).toString('utf8');
        throw corrupt(si - j);
      }
      const c = src[si++];
      const v = alphabet.indexOf(c);
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=') throw corrupt(si - 1);
      // padding
      if (j < 2) throw corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
        if (si === src.length) throw corrupt(src.length);
        if (src[si] !== '=') throw corrupt(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
      if (si < src.length) throw corrupt(si);
      dlen = j;
      break;
    }
    const n = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (dlen < 4) return Buffer.from(out).toString('utf8');
  }
}

/** fmt's %s: strings as is, containers element by element, other kinds as `%!s(type=value)`. */
function formatS(a: Value): string {
  if (typeof a === 'string') return a;
  if (a === null || a === MISSING) return '%!s(<nil>)';
  if (Array.isArray(a)) return '[' + a.map(formatS).join(' ') + ']';
  if (isMap(a)) {
    return 'map[' + Object.keys(a).sort(compareCodePoints).map((k) => `${k}:${formatS(a[k])}`).join(' ') + ']';
  }
  return `%!s(${typeName(a)}=${sprint1(a)})`;
}

/** Go fmt.Sprintf for the verbs templates use (%s %v %d %q %f %t %x %X %c %%, width, precision, flags - and 0). */
function sprintf(format: string, args: Value[]): string {
  let ai = 0;
  return format.replace(/%([-+ #0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (ai >= args.length) return `%!${verb}(MISSING)`;
    const a = args[ai++];
    let s: string;
    const k = basicKind(a);
    if ((a === null || a === MISSING) && verb !== 'v') return `%!${verb}(<nil>)`;
    switch (verb) {
      case 'v':
        s = a === MISSING ? '<nil>' : sprint1(a);
        break;
      case 's':
        s = formatS(a);
        if (prec !== undefined && typeof a === 'string') s = Array.from(s).slice(0, Number(prec)).join('');
        break;
      case 'd':
        s = k === 'int' || k === 'uint' ? String(num(a)) : `%!d(${typeName(a)}=${sprint1(a)})`;
        break;
      case 'q':
        if (typeof a === 'string') s = goQuote(a);
        else if (k === 'int' || k === 'uint') s = `'${goQuote(String.fromCodePoint(num(a))).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
        else s = `%!q(${typeName(a)}=${sprint1(a)})`;
        break;
      case 'f':
        s = k === 'float' || k === 'int' ? num(a).toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${typeName(a)}=${sprint1(a)})`;
        if (k === 'int') s = `%!f(${typeName(a)}=${sprint1(a)})`;
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : `%!t(${typeName(a)}=${sprint1(a)})`;
        break;
      case 'x':
      case 'X':
        s = k === 'int' || k === 'uint' ? num(a).toString(16) : typeof a === 'string' ? Buffer.from(a).toString('hex') : `%!${verb}(${typeName(a)}=${sprint1(a)})`;
        if (verb === 'X') s = s.toUpperCase();
        break;
      case 'c':
        s = k === 'int' || k === 'uint' ? String.fromCodePoint(num(a)) : `%!c(${typeName(a)}=${sprint1(a)})`;
        break;
      default:
        s = `%!${verb}(${typeName(a)}=${sprint1(a)})`;
    }
    const w = width === undefined ? 0 : Number(width);
    const len = Array.from(s).length;
    if (len < w) {
      if (flags.includes('-')) s = s + ' '.repeat(w - len);
      else if (flags.includes('0') && /^[dfxX]$/.test(verb!)) s = (s.startsWith('-') ? '-' : '') + '0'.repeat(w - len) + s.replace(/^-/, '');
      else s = ' '.repeat(w - len) + s;
    }
    return s;
  }) + (ai < args.length
      ? `%!(EXTRA ${args.slice(ai).map((a) => (a === null || a === MISSING ? '<nil>' : `${typeName(a)}=${sprint1(a)}`)).join(', ')})`
      : '');
}

interface ExecState {
  out: string[];
  vars: { name: string; value: Value }[];
  node?: { pos: number; text: string };
}

class Executor {
  /** The static Go type of dot, as field errors name it (`map[string]interface {}` at the root). */
  private dotType = 'map[string]interface {}';

  constructor(
    private readonly source: string,
    private readonly state: ExecState,
    private readonly defined: ReadonlyMap<string, NodeList>,
  ) {}

  private errorf(msg: string): never {
    let loc = 'output';
    let at = '';
    if (this.state.node) {
      const before = this.source.slice(0, this.state.node.pos);
      const line = 1 + (before.match(/\n/g) ?? []).length;
      const nl = before.lastIndexOf('\n');
      const col = Buffer.byteLength(before.slice(nl + 1), 'utf8');
      loc = `output:${line}:${col}`;
      at = ` at <${this.state.node.text}>`;
    }
    throw new GoTemplateExecError(`template: ${loc}: executing "output"${at}: ${msg}`);
  }

  private at(pos: number, text: string): void {
    this.state.node = { pos, text };
  }

  walk(dot: Value, node: Node): void {
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'text':
        this.state.out.push(node.text);
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.state.out.push(sprint1(v));
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.state.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (isTrue(v)) {
          if (node.type === 'with') this.withDot(v, typeName(v), () => this.walk(v, node.list));
          else this.walk(dot, node.list);
        } else if (node.elseList) this.walk(dot, node.elseList);
        this.state.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'template': {
        const body = this.defined.get(node.name);
        if (body === undefined) {
          this.at(node.pos, `{{template ${goQuote(node.name)}${node.pipe ? ' ' + pipeString(node.pipe) : ''}}}`);
          this.errorf(`template ${goQuote(node.name)} not defined`);
        }
        const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
        const saved = this.state.vars;
        this.state.vars = [{ name: '$', value: newDot }];
        try {
          this.withDot(newDot, newDot === MISSING ? 'interface {}' : typeName(newDot), () => this.walk(newDot, body));
        } finally {
          this.state.vars = saved;
        }
        return;
      }
    }
  }

  private withDot(_dot: Value, type: string, fn: () => void): void {
    const saved = this.dotType;
    this.dotType = type;
    try {
      fn();
    } finally {
      this.dotType = saved;
    }
  }

  private walkRange(dot: Value, r: Extract<Node, { type: 'range' }>): void {
    const mark = this.state.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark2 = this.state.vars.length;
    const one = (index: Value, elem: Value): boolean => {
      if (r.pipe.decl.length > 0) {
        if (r.pipe.decl.length === 1) this.setTop(r.pipe.decl[0], elem);
        else {
          this.setTop(r.pipe.decl[0], index);
          this.setTop(r.pipe.decl[1], elem);
        }
      }
      try {
        // range elements keep the static type of the container's elements
        this.withDot(elem, 'interface {}', () => this.walk(elem, r.list));
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.state.vars.length = mark2;
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (!one(new GoNum('int', i), val[i])) break;
      }
    } else if (isMap(val)) {
      for (const k of Object.keys(val).sort(compareCodePoints)) {
        ran = true;
        if (!one(k, val[k])) break;
      }
    } else if (val !== MISSING && val !== null) {
      // reported at the node evaluated last (Go's s.at), as kubectl's Go version does
      this.errorf(`range can't iterate over ${sprint1(val)}`);
    }
    if (!ran && r.elseList) this.walk(dot, r.elseList);
    this.state.vars.length = mark;
  }

  private setTop(name: string, value: Value): void {
    for (let i = this.state.vars.length - 1; i >= 0; i--) {
      if (this.state.vars[i].name === name) {
        this.state.vars[i].value = value;
        return;
      }
    }
  }

  evalPipeline(dot: Value, pipe: Pipe): Value {
    let value: Value = MISSING;
    let final: Value = MISSING;
    let hasFinal = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, hasFinal, final);
      // a nil inside interface{} is no value at all once a command returns it
      if (value === null) value = MISSING;
      final = value;
      hasFinal = true;
    }
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.state.vars.push({ name, value });
    }
    return value;
  }

  private setVar(name: string, value: Value): void {
    for (let i = this.state.vars.length - 1; i >= 0; i--) {
      if (this.state.vars[i].name === name) {
        this.state.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): Value {
    for (let i = this.state.vars.length - 1; i >= 0; i--) if (this.state.vars[i].name === name) return this.state.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  private evalCommand(dot: Value, cmd: Command, hasFinal: boolean, final: Value): Value {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        this.at(first.pos, argString(first));
        return this.evalFieldChain(dot, dot, this.dotType, first.ident, cmd.args, hasFinal);
      case 'chain': {
        this.at(first.pos, argString(first));
        const base = first.node.type === 'pipe' ? this.evalPipeline(dot, first.node.pipe) : this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, 'interface {}', first.field, cmd.args, hasFinal);
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, cmd, hasFinal, final);
      case 'pipe':
        if (cmd.args.length > 1 || hasFinal) this.errorf("can't give argument to non-function " + argString(first));
        return this.evalPipeline(dot, first.pipe);
      case 'variable': {
        this.at(first.pos, argString(first));
        const v = this.varValue(first.ident[0]);
        if (first.ident.length === 1) {
          if (cmd.args.length > 1 || hasFinal) this.errorf(`can't give argument to non-function ${argString(first)}`);
          return v;
        }
        return this.evalFieldChain(dot, v, 'interface {}', first.ident.slice(1), cmd.args, hasFinal);
      }
    }
    if (cmd.args.length > 1 || hasFinal) {
      this.at(first.pos, argString(first));
      this.errorf(`can't give argument to non-function ${argString(first)}`);
    }
    if (first.type === 'nil') {
      this.at(first.pos, 'nil');
      this.errorf('nil is not a command');
    }
    return this.evalArg(dot, first);
  }

  private evalFieldChain(dot: Value, receiver: Value, typ: string, ident: string[], args: Arg[], hasFinal: boolean): Value {
    let r = receiver;
    let t = typ;
    for (let i = 0; i < ident.length; i++) {
      const last = i === ident.length - 1;
      r = this.evalField(r, t, ident[i], last ? args.length > 1 || hasFinal : false);
      t = 'interface {}';
    }
    void dot;
    return r;
  }

  private evalField(receiver: Value, typ: string, name: string, hasArgs: boolean): Value {
    if (receiver === MISSING) return MISSING;
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return Object.prototype.hasOwnProperty.call(receiver, name) ? receiver[name] : MISSING;
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalArg(dot: Value, a: Arg): Value {
    this.at(a.pos, a.type === 'pipe' ? pipeString(a.pipe) : argString(a));
    switch (a.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
        return a.value;
      case 'number':
        this.at(a.pos, a.text);
        return a.value;
      case 'string':
        return a.text;
      case 'field':
        this.at(a.pos, argString(a));
        return this.evalFieldChain(dot, dot, this.dotType, a.ident, [a], false);
      case 'variable': {
        this.at(a.pos, argString(a));
        const v = this.varValue(a.ident[0]);
        return a.ident.length === 1 ? v : this.evalFieldChain(dot, v, 'interface {}', a.ident.slice(1), [a], false);
      }
      case 'chain': {
        const base = a.node.type === 'pipe' ? this.evalPipeline(dot, a.node.pipe) : this.evalArg(dot, a.node);
        this.at(a.pos, argString(a));
        return this.evalFieldChain(dot, base, 'interface {}', a.field, [a], false);
      }
      case 'pipe':
        return this.evalPipeline(dot, a.pipe);
      case 'identifier':
        return this.evalFunction(dot, a.name, { pos: a.pos, args: [a] }, false, MISSING);
    }
  }

  /** An argument for a `string` parameter (evalArg with a string type). */
  private evalStringArg(dot: Value, a: Arg): Value {
    if (a.type === 'string') return a.text;
    if (a.type === 'bool' || a.type === 'number' || a.type === 'nil' || a.type === 'dot') {
      if (a.type === 'dot') {
        this.at(a.pos, '.');
        this.checkString(dot);
        return dot;
      }
      this.at(a.pos, argString(a));
      if (a.type === 'nil') this.errorf('cannot assign nil to string');
      this.errorf(`expected string; found ${argString(a)}`);
    }
    const v = this.evalArg(dot, a);
    this.checkString(v);
    return v;
  }

  /** text/template validateType for a `string` parameter. */
  private checkString(v: Value): void {
    if (typeof v === 'string') return;
    if (v === MISSING) this.errorf('invalid value; expected string');
    this.errorf(`wrong type for value; expected string; got ${v === null ? 'interface {}' : typeName(v)}`);
  }

  private evalFunction(dot: Value, name: string, cmd: Command, hasFinal: boolean, final: Value): Value {
    const argNodes = cmd.args.slice(1);
    const callText = commandString(cmd);
    if (name === 'and' || name === 'or') {
      if (argNodes.length + (hasFinal ? 1 : 0) === 0) {
        this.at(cmd.pos, callText);
        this.errorf(`wrong number of args for ${name}: want at least 1 got 0`);
      }
      let v: Value = MISSING;
      const all: (() => Value)[] = [...argNodes.map((n) => () => this.evalArg(dot, n)), ...(hasFinal ? [() => final] : [])];
      for (const get of all) {
        v = get();
        if (isTrue(v) === (name === 'or')) return v;
      }
      return v;
    }
    // arity is checked at the function name, before any argument is evaluated
    const numIn = argNodes.length + (hasFinal ? 1 : 0);
    const sig = SIGNATURES[name];
    this.at(cmd.args[0].pos, name);
    if (sig.variadic) {
      if (numIn < sig.fixed) this.errorf(`wrong number of args for ${name}: want at least ${sig.fixed} got ${argNodes.length}`);
    } else if (numIn !== sig.fixed) {
      this.errorf(`wrong number of args for ${name}: want ${sig.fixed} got ${numIn}`);
    }
    const args = argNodes.map((n, i) => {
      if (sig.stringArgs?.includes(i)) return this.evalStringArg(dot, n);
      // a nil literal for a reflect.Value parameter is the zero Value: no value at all
      if (n.type === 'nil' && !sig.anyArgs) {
        this.at(n.pos, 'nil');
        return MISSING;
      }
      return this.evalArg(dot, n);
    });
    if (hasFinal) {
      if (sig.stringArgs?.includes(args.length)) this.checkString(final);
      args.push(final);
    }
    // parameters of type interface{} receive a missing value as nil
    if (sig.anyArgs) for (let i = 0; i < args.length; i++) if (args[i] === MISSING) args[i] = null;
    const want = (n: number): void => {
      if (args.length !== n) this.errorf(`wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    try {
      switch (name) {
        case 'not':
          want(1);
          return !isTrue(args[0]);
        case 'len':
          want(1);
          return new GoNum('int', goLen(args[0]));
        case 'index':
          if (args.length < 1) this.errorf(`wrong number of args for index: want at least 1 got 0`);
          return goIndex(args[0], ...args.slice(1));
        case 'slice':
          if (args.length < 1) this.errorf(`wrong number of args for slice: want at least 1 got 0`);
          return goSlice(args[0], ...args.slice(1));
        case 'print':
          return sprint(args);
        case 'println':
          return args.map((a) => (a === MISSING ? '<nil>' : sprint1(a))).join(' ') + '\n';
        case 'printf':
          return sprintf(args[0] as string, args.slice(1));
        case 'eq':
          if (args.length < 1) this.errorf(`wrong number of args for eq: want at least 1 got 0`);
          return eq(args[0], ...args.slice(1));
        case 'ne':
          want(2);
          return !eq(args[0], args[1]);
        case 'lt':
          want(2);
          return lt(args[0], args[1]);
        case 'le':
          want(2);
          return lt(args[0], args[1]) || eq(args[0], args[1]);
        case 'gt':
          want(2);
          return !(lt(args[0], args[1]) || eq(args[0], args[1]));
        case 'ge':
          want(2);
          return !lt(args[0], args[1]);
        case 'html':
          return htmlEscape(evalArgs(args));
        case 'js':
          return jsEscape(evalArgs(args));
        case 'urlquery':
          return urlQueryEscape(evalArgs(args));
        case 'exists':
          return exists(args[0], ...args.slice(1));
        case 'base64decode':
          want(1);
          try {
            return base64Decode(args[0] as string);
          } catch (e) {
            throw new Error(`base64 decode failed: ${(e as Error).message}`);
          }
        case 'call':
          throw new Error('non-function of type ' + typeName(args[0]));
      }
    } catch (e) {
      if (e instanceof GoTemplateExecError) throw e;
      this.at(cmd.pos, callText);
      this.errorf(`error calling ${name}: ${(e as Error).message}`);
    }
    this.errorf(`${goQuote(name)} is not a defined function`);
  }
}

/** text/template evalArgs: one string as is, otherwise Sprint with nil shown as `<no value>`. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === MISSING ? '<no value>' : a)));
}

/**
 * Parameter shapes of the builtin functions: arity, `string` parameters, and
 * whether parameters are `interface{}` (a missing value arrives as nil) rather
 * than reflect.Value.
 */
const SIGNATURES: Record<string, { fixed: number; variadic?: boolean; stringArgs?: number[]; anyArgs?: boolean }> = {
  and: { fixed: 1, variadic: true },
  or: { fixed: 1, variadic: true },
  not: { fixed: 1 },
  len: { fixed: 1 },
  index: { fixed: 1, variadic: true },
  slice: { fixed: 1, variadic: true },
  print: { fixed: 0, variadic: true, anyArgs: true },
  printf: { fixed: 1, variadic: true, stringArgs: [0], anyArgs: true },
  println: { fixed: 0, variadic: true, anyArgs: true },
  eq: { fixed: 1, variadic: true },
  ne: { fixed: 2 },
  lt: { fixed: 2 },
  le: { fixed: 2 },
  gt: { fixed: 2 },
  ge: { fixed: 2 },
  html: { fixed: 0, variadic: true, anyArgs: true },
  js: { fixed: 0, variadic: true, anyArgs: true },
  urlquery: { fixed: 0, variadic: true, anyArgs: true },
  call: { fixed: 1, variadic: true },
  exists: { fixed: 1, variadic: true, anyArgs: true },
  base64decode: { fixed: 1, stringArgs: [0] },
};

/** kubectl's `exists` template function. */
function exists(item: Value, ...indices: Value[]): boolean {
  // reflect.ValueOf(nil) is not a nil pointer: with no indices anything exists
  if (indices.length === 0) return true;
  let v = item;
  for (const index of indices) {
    if (v === null || v === MISSING) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      const k = basicKind(index);
      if (k !== 'int' && k !== 'uint') return false;
      const x = num(index);
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      if (x < 0 || x >= len) return false;
      v = typeof v === 'string' ? new GoNum('uint8', Buffer.from(v)[x]) : v[x];
    } else if (isMap(v)) {
      if (typeof index !== 'string') return false;
      v = Object.prototype.hasOwnProperty.call(v, index) ? v[index] : null;
    } else {
      return false;
    }
  }
  return v !== null && v !== MISSING;
}

/** Output of one print: stdout (possibly partial) plus an error on stderr, as kubectl shows them. */
export type GoTemplateOutcome = { ok: true; stdout: string } | { ok: false; stdout: string; stderr: string; exitCode: 1 };

/**
 * A parsed `-o go-template` template.
 *
 * @see k8s.io/cli-runtime/pkg/printers/template.go GoTemplatePrinter
 */
export class GoTemplatePrinter {
  private constructor(
    readonly template: string,
    private readonly root: NodeList,
    private readonly defined: ReadonlyMap<string, NodeList>,
  ) {}

  /** Parses the template; on a syntax error returns kubectl's stderr text. */
  static create(template: string): { ok: true; printer: GoTemplatePrinter } | { ok: false; stderr: string; exitCode: 1 } {
    try {
      const parser = new TemplateParser(lex(template));
      const root = parser.parse();
      return { ok: true, printer: new GoTemplatePrinter(template, root, parser.defined) };
    } catch (e) {
      if (e instanceof GoTemplateParseError) {
        return { ok: false, stderr: kubectlErrorText(`error parsing template ${template}, ${e.message}\n`), exitCode: 1 };
      }
      throw e;
    }
  }

  /** Executes the template against one object (its JSON form). */
  print(obj: unknown): GoTemplateOutcome {
    const state: ExecState = { out: [], vars: [{ name: '$', value: obj }] };
    try {
      new Executor(this.template, state, this.defined).walk(obj, this.root);
      return { ok: true, stdout: state.out.join('') };
    } catch (e) {
      if (!(e instanceof GoTemplateExecError)) throw e;
      const debug =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\traw data was:\n\t\t${rawJson(obj)}\n` +
        `\tobject given to template engine was:\n\t\t${goSprintV(obj)}\n\n`;
      return {
        ok: false,
        stdout: state.out.join('') + debug,
        stderr: kubectlErrorText(`error executing template ${goQuote(this.template)}: ${e.message}`),
        exitCode: 1,
      };
    }
  }
}

/** json.Marshal of the object: compact, sorted keys, Go escaping. */
function rawJson(obj: unknown): string {
  return marshalJson(obj);
}
