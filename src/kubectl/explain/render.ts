import { typeDef, type FieldDef, type ResourceSchema, type TypeDef, type TypeExpr } from './schema.js';

/**
 * Renders `kubectl explain` output in the layout of kubectl v1.32's
 * plaintext template (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl):
 * GROUP/KIND/VERSION, then either the resource's DESCRIPTION and FIELDS, or
 * `FIELD: name <type>` with the field's.
 */

/**
 * kubectl's `wrap` template function in v1.32: github.com/mitchellh/go-wordwrap
 * v1.0.1's WrapString. Line breaks in the text are kept (so a field's
 * description and its type's, joined with "\n", stay on separate lines), a
 * word longer than the limit is not broken, widths count runes, and a
 * no-break space does not separate words.
 */
export function wrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else buf += space;
      } else buf += space + word;
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** kubectl's `indent`: the pad before every line, the empty last one included. */
function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

export function typeGuess(t: TypeExpr): string {
  switch (t.kind) {
    case 'array':
      return `[]${typeGuess(t.of)}`;
    case 'map':
      return `map[string]${typeGuess(t.of)}`;
    case 'prim':
      return t.name;
    default:
      // `EndpointPort@discovery`: a type name shared by two groups, printed without the qualifier.
      return typeDef(t.name)?.printAs ?? t.name.split('@')[0];
  }
}

/** The named type under arrays and maps, if any. */
function refType(t: TypeExpr): TypeDef | undefined {
  if (t.kind === 'array' || t.kind === 'map') return refType(t.of);
  return t.kind === 'ref' ? typeDef(t.name) : undefined;
}

/** A field's DESCRIPTION: its own text, then its type's (as the template walks allOf/items). */
function fieldDescription(f: FieldDef): string {
  let s = f.description ? `${f.description}\n` : '';
  const ref = refType(f.type);
  if (ref?.description) s += `${ref.description}\n`;
  return s;
}

function enumText(f: FieldDef, long: boolean, indentAmount: number): string {
  if (!f.enum || f.enum.length === 0) return '';
  const show = (v: string) => (v === '' ? '""' : v);
  if (long) return 'ENUM:' + f.enum.map((v) => `\n    ${show(v)}`).join('');
  const shown = f.enum.slice(0, 4).map(show).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${f.enum.length > 4 ? ', ....' : ''}`;
}

function fieldList(t: TypeDef | undefined, level: number, recursive: boolean, seen: readonly string[]): string {
  if (!t) return '';
  let out = '';
  for (const [k, f] of t.fields) {
    const amount = level * 2;
    out += `${' '.repeat(amount)}${k}\t<${typeGuess(f.type)}>${f.required ? ' -required-' : ''}${enumText(f, false, amount)}\n`;
    if (!recursive) {
      out += indent(wrap(f.description || '<no description>', 78 - amount), amount + 2) + '\n\n';
      continue;
    }
    const refName = innerRefName(f.type);
    if (refName && !seen.includes(refName)) out += fieldList(typeDef(refName), level + 1, true, [...seen, refName]);
  }
  return out;
}

function innerRefName(t: TypeExpr): string | undefined {
  if (t.kind === 'array' || t.kind === 'map') return innerRefName(t.of);
  return t.kind === 'ref' ? t.name : undefined;
}

/** DESCRIPTION and FIELDS of a schema reached with no path left. */
function body(description: string, fields: TypeDef | undefined, recursive: boolean, seen: readonly string[]): string {
  let out = 'DESCRIPTION:\n' + indent(wrap(description || '<empty>', 76), 4) + '\n';
  const list = fieldList(fields, 1, recursive, seen);
  if (list) out += 'FIELDS:\n' + list;
  return out;
}

/** The text, or an error; a failing template has already written the header (`partial`). */
export type ExplainOutcome = { ok: true; text: string } | { ok: false; message: string; partial: string };

/** Explains a resource, or a field path inside it. */
export function explain(res: ResourceSchema, path: readonly string[], recursive: boolean): ExplainOutcome {
  let header = '';
  if (res.group) header += `GROUP:      ${res.group}\n`;
  header += `KIND:       ${res.kind}\nVERSION:    ${res.version}\n\n`;
  const root = typeDef(res.type);
  if (!root) return { ok: false, message: `GVK ${res.group}/${res.version}, Kind=${res.kind} not found in OpenAPI schema`, partial: '' };
  if (path.length === 0) return { ok: true, text: header + body(`${root.description}\n`, root, recursive, [res.type]) + '\n' };

  let current: TypeDef | undefined = root;
  let field: FieldDef | undefined;
  const seen = [res.type];
  for (const [i, name] of path.entries()) {
    field = current?.fields.get(name);
    if (!field) return { ok: false, message: `field "${path[path.length - 1]}" does not exist`, partial: header };
    const refName = innerRefName(field.type);
    if (refName) seen.push(refName);
    current = i < path.length - 1 ? refType(field.type) : undefined;
  }
  const f = field!;
  const last = path[path.length - 1];
  const text = `FIELD: ${last} <${typeGuess(f.type)}>\n${enumText(f, true, 0)}\n\n` + body(fieldDescription(f), refType(f.type), recursive, seen);
  return { ok: true, text: header + text + '\n' };
}
