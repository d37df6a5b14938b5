/**
 * `kubectl get -o custom-columns=NAME:.metadata.name,...` and
 * `-o custom-columns-file=FILE`, with kubectl's error texts.
 *
 * Behaviour mirrored from kubectl v1.32:
 * - each column path is "relaxed" into `{.path}` (`metadata.name`,
 *   `.metadata.name`, `{metadata.name}` all work);
 * - a column with no result prints `<none>`; several results are joined with
 *   `,`; values print as Go's `fmt.Sprint` (`map[k:v]`, `[1 2]`, `<nil>`);
 * - ESC and CR in values are escaped (`^[`, `\r`);
 * - rows go through the `get` tabwriter; the header is written first, so a
 *   jsonpath error in a column still prints the header (and rows printed
 *   before the failing object), then `error: <reason>`;
 * - a columns file has a header line and a spec line, split on whitespace;
 *   `--no-headers` does not apply to it.
 *
 * @see k8s.io/kubectl/pkg/cmd/get/customcolumn.go
 * @see k8s.io/kubectl/pkg/cmd/get/customcolumn_flags.go
 * @see k8s.io/cli-runtime/pkg/printers/terminal.go EscapeTerminal
 */
import { JsonPath, JsonPathExecError, JsonPathSyntaxError, sprintValue } from './jsonpath/index.js';
import { GET_TABWRITER, TabWriter } from './tabwriter.js';

/** A spec or template error, with kubectl's message (printed as `error: <message>`). */
export class CustomColumnsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomColumnsError';
  }
}

/** One user-defined column. */
export interface Column {
  header: string;
  /** A jsonpath template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * Turns `metadata.name`, `.metadata.name`, `{metadata.name}` or
 * `{.metadata.name}` into `{.metadata.name}`; the empty string stays empty.
 *
 * @see k8s.io/kubectl/pkg/cmd/get/customcolumn.go RelaxedJSONPathExpression
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = JSON_REGEXP.exec(expr);
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] !== undefined && m[1] !== '' ? m[1] : m[2]}}`;
}

/**
 * Parses the value of `-o custom-columns=<spec>`.
 *
 * @see customcolumn.go NewCustomColumnsPrinterFromSpec
 */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) {
      throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

/** Go bufio.ScanWords: split on Unicode white space. */
function splitOnWhitespace(line: string): string[] {
  return line.split(/[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u).filter((w) => w !== '');
}

const TEMPLATE_HELP =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * Parses the contents of a `-o custom-columns-file=FILE` template: a header
 * line and a spec line (later lines are ignored).
 *
 * @see customcolumn.go NewCustomColumnsPrinterFromTemplate
 */
export function parseCustomColumnsTemplate(text: string): Column[] {
  // bufio.Scanner lines: split on \n, drop one trailing \r; no line at all for empty input
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length < 1) throw new CustomColumnsError(`invalid template, missing header line. ${TEMPLATE_HELP}`);
  const headers = splitOnWhitespace(lines[0]);
  if (lines.length < 2) throw new CustomColumnsError(`invalid template, missing spec line. ${TEMPLATE_HELP}`);
  const specs = splitOnWhitespace(lines[1]);
  if (headers.length !== specs.length) {
    throw new CustomColumnsError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/**
 * kubectl's message when the columns file cannot be read, e.g.
 * `templateReadError('x.txt', 'open x.txt: no such file or directory')`.
 */
export function templateReadError(path: string, reason: string): string {
  return `error reading template ${path}, ${reason}\n`;
}

/** Replaces terminal control characters as kubectl does (`\x1b` → `^[`, `\r` → `\r` literally). */
export function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** What one print produced: the text (possibly partial) and an error message if it failed. */
export interface CustomColumnsOutput {
  stdout: string;
  /** kubectl's message, printed as `error: <message>` with exit code 1. */
  error?: string;
}

/**
 * A custom-columns printer for one `kubectl get` invocation.
 *
 * @see customcolumn.go CustomColumnsPrinter
 */
export class CustomColumnsPrinter {
  constructor(
    readonly columns: readonly Column[],
    readonly noHeaders = false,
  ) {}

  /** From `-o custom-columns=<spec>` (throws {@link CustomColumnsError}). */
  static fromSpec(spec: string, noHeaders = false): CustomColumnsPrinter {
    return new CustomColumnsPrinter(parseCustomColumnsSpec(spec), noHeaders);
  }

  /** From a custom-columns file's contents; `--no-headers` is ignored there, as in kubectl. */
  static fromTemplate(text: string): CustomColumnsPrinter {
    return new CustomColumnsPrinter(parseCustomColumnsTemplate(text), false);
  }

  /**
   * Prints the objects `kubectl get` found: the items of a list, or a single
   * object, under one header.
   */
  print(objects: readonly unknown[]): CustomColumnsOutput {
    const w = new TabWriter(GET_TABWRITER);
    const done = (error?: string): CustomColumnsOutput =>
      error === undefined ? { stdout: w.flush().take() } : { stdout: w.flush().take(), error };
    if (!this.noHeaders) w.write(this.columns.map((c) => c.header).join('\t') + '\n');
    const parsers: JsonPath[] = [];
    try {
      for (const c of this.columns) parsers.push(new JsonPath(c.fieldSpec, { allowMissingKeys: true }));
    } catch (e) {
      if (e instanceof JsonPathSyntaxError) return done(e.message);
      throw e;
    }
    for (const obj of objects) {
      const cells: string[] = [];
      for (const p of parsers) {
        let values: unknown[][];
        try {
          values = p.findResults(obj);
        } catch (e) {
          if (e instanceof JsonPathExecError) return done(e.message);
          throw e;
        }
        const strs: string[] = [];
        if (values.length === 0 || values[0].length === 0) strs.push('<none>');
        for (const vs of values) for (const v of vs) strs.push(escapeTerminal(sprintValue(v)));
        cells.push(strs.join(','));
      }
      w.write(cells.join('\t') + '\n');
    }
    return done();
  }
}
