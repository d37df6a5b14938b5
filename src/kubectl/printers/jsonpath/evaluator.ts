/**
 * The evaluator of client-go's jsonpath over JSON-shaped data (what kubectl
 * gets from `UnstructuredContent()`), including the v1.32 `range`/`end`
 * semantics (a `range` without `end` runs the rest of the template once per
 * item, then once more on the outer object) and the printing rules: results
 * of one action are joined with spaces, maps and lists print as compact JSON,
 * null as `null`, no trailing newline.
 *
 * Go values are modelled on JSON values: objects are `map[string]interface {}`,
 * arrays `[]interface {}`, integers `int64`, other numbers `float64`. Template
 * literals keep their Go types (`{1}` is an `int`, `{1.0}` a `float64`),
 * which matters for filter comparisons (`incompatible types for comparison`).
 * Where Go iterates a map (wildcards, `..`) in random order, keys are taken in
 * sorted order.
 *
 * @see k8s.io/client-go/util/jsonpath/jsonpath.go
 * @see k8s.io/client-go/third_party/forked/golang/template/funcs.go
 */
import { goFormatFloat, goSprintV } from '../../format/go-fmt.js';
import { compareCodePoints, marshalJson, toJson } from '../json.js';
import type { JpNode, ListNode, ParamsEntry } from './parser.js';
import { parseJsonPath } from './parser.js';

/** A template execution error, with client-go's message. */
export class JsonPathExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathExecError';
  }
}

/** A Go value that JSON cannot carry: an `int` literal, a `float64` literal, or a string's byte. */
class GoScalar {
  constructor(
    readonly kind: 'int' | 'float64' | 'uint8',
    readonly value: number,
  ) {}
}

/** A value during evaluation: JSON data, or a typed literal. */
type Value = unknown;

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function isMap(v: Value): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoScalar);
}

/** Go's reflect type name of a value, as error messages print it. */
function goTypeName(v: Value): string {
  if (v instanceof GoScalar) return v.kind;
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

function basicKind(v: Value): Kind {
  if (v instanceof GoScalar) return v.kind === 'uint8' ? 'uint' : v.kind === 'int' ? 'int' : 'float';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
  }
  return 'invalid';
}

const num = (v: Value): number => (v instanceof GoScalar ? v.value : (v as number));

const ERR_BAD_TYPE = 'invalid type for comparison';
const ERR_BAD_COMPARISON = 'incompatible types for comparison';

/** @see funcs.go Equal */
function goEqual(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new JsonPathExecError(ERR_BAD_TYPE);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new JsonPathExecError(ERR_BAD_TYPE);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) === num(b);
    throw new JsonPathExecError(ERR_BAD_COMPARISON);
  }
  if (k1 === 'string' || k1 === 'bool') return a === b;
  return num(a) === num(b);
}

/** @see funcs.go Less */
function goLess(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new JsonPathExecError(ERR_BAD_TYPE);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new JsonPathExecError(ERR_BAD_TYPE);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new JsonPathExecError(ERR_BAD_COMPARISON);
  }
  if (k1 === 'bool') throw new JsonPathExecError(ERR_BAD_TYPE);
  if (k1 === 'string') return compareCodePoints(a as string, b as string) < 0;
  return num(a) < num(b);
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
  }
  throw new JsonPathExecError(`unrecognized filter operator ${op}`);
}

/** The children Go's reflection iterates for wildcards and `..`. */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort(compareCodePoints).map((k) => v[k]);
  if (typeof v === 'string') return Array.from(Buffer.from(v, 'utf8')).map((b) => new GoScalar('uint8', b));
  return [];
}

/** Options of a {@link JsonPath}. */
export interface JsonPathOptions {
  /** Missing fields yield nothing instead of `<field> is not found` (kubectl's default: true). */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: each action's results print as an indented JSON array (EnableJSONOutput). */
  outputJson?: boolean;
}

/**
 * A parsed template, ready to run against data.
 *
 * @see k8s.io/client-go/util/jsonpath/jsonpath.go JSONPath
 */
export class JsonPath {
  readonly root: ListNode;
  allowMissingKeys: boolean;
  outputJson: boolean;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JpNode | undefined;

  /** Parses the template; throws JsonPathSyntaxError. */
  constructor(template: string, opts: JsonPathOptions = {}) {
    this.root = parseJsonPath(template);
    this.allowMissingKeys = opts.allowMissingKeys ?? false;
    this.outputJson = opts.outputJson ?? false;
  }

  /** Runs the template and returns the printed text. Throws {@link JsonPathExecError}. */
  execute(data: unknown): string {
    this.beginRange = 0;
    this.inRange = 0;
    this.endRange = 0;
    this.lastEndNode = undefined;
    const results = this.findResults(data, this.root.nodes);
    if (this.outputJson) return results.map((r) => toJson(r.map(plainValue))).join('');
    return results.map(printResults).join('');
  }

  /** The values each top-level action produced, in order (FindResults). */
  findResults(data: unknown, nodes: readonly JpNode[] = this.root.nodes): Value[][] {
    const cur: Value[] = [data];
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const body = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, body));
        } else {
          // still walk the body, so that the position advances to its end node
          this.findResults(null, body);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: JpNode): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => new GoScalar('int', node.value));
      case 'float':
        return input.map(() => new GoScalar('float64', node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((l) => this.evalList(input, l));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Value[], node: ListNode): Value[] {
    let cur = input;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    switch (name) {
      case 'range':
        this.beginRange++;
        return input;
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new JsonPathExecError('not in range, nothing to end');
      default:
        throw new JsonPathExecError(`unrecognized identifier ${name}`);
    }
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], nodeParams: readonly ParamsEntry[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathExecError(`${goTypeName(v)} is not array or slice`);
      const params = nodeParams.map((p) => ({ ...p }));
      const len = v.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value === params[0].value) return result;
      if (params[0].value >= len || params[0].value < 0) {
        throw new JsonPathExecError(`array index out of bounds: index ${params[0].value}, length ${len}`);
      }
      if (params[1].value > len || params[1].value < 0) {
        throw new JsonPathExecError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
      }
      if (params[0].value > params[1].value) {
        throw new JsonPathExecError(
          `starting index ${params[0].value} is greater than ending index ${params[1].value}`,
        );
      }
      const slice = v.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathExecError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JpNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) {
        throw new JsonPathExecError(`${goSprintV(v)} is not array or slice and cannot be filtered`);
      }
      for (const item of v) {
        const temp = [item];
        let lefts: Value[];
        let leftError: unknown;
        try {
          lefts = this.evalList(temp, node.left);
        } catch (e) {
          lefts = [];
          leftError = e;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (leftError !== undefined) throw leftError;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** One result as text: maps and lists as compact JSON, scalars as Go's fmt.Fprint prints them. */
export function resultText(v: Value): string {
  if (v instanceof GoScalar) return v.kind === 'float64' ? goFormatFloat(v.value) : String(v.value);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return marshalJson(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFormatFloat(v);
  return String(v);
}

/** One result as Go's `fmt.Sprint` prints it (custom columns): maps as `map[k:v]`, null as `<nil>`. */
export function sprintValue(v: Value): string {
  if (v instanceof GoScalar) return v.kind === 'float64' ? goFormatFloat(v.value) : String(v.value);
  return goSprintV(v);
}

/** A result as plain JSON data (typed literals become numbers). */
function plainValue(v: Value): unknown {
  return v instanceof GoScalar ? v.value : v;
}

function printResults(results: Value[]): string {
  return results.map(resultText).join(' ');
}
