import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJson, toJsonList } from './json.js';
import { listWrapper, toYaml, toYamlList } from './yaml.js';
import { JsonPathPrinter } from './jsonpath/index.js';
import { GoTemplatePrinter } from './go-template.js';

const read = (f: string): string => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');
const items = JSON.parse(read('custom-columns/items.json')) as { metadata: { name: string } }[];
const alpha = items.find((i) => i.metadata.name === 'alpha');

describe('kubectl get list output goldens (v1.32.4)', () => {
  it('-o yaml wraps several objects in a List', () => expect(toYamlList(items)).toBe(read('list/get-cm.yaml')));
  it('-o json wraps several objects in a List', () => expect(toJsonList(items)).toBe(read('list/get-cm.json')));
  it('-o yaml prints one named object alone', () => expect(toYaml(alpha)).toBe(read('list/get-cm-alpha.yaml')));
  it('-o json prints one named object alone', () => expect(toJson(alpha)).toBe(read('list/get-cm-alpha.json')));
  it('-o jsonpath sees the List', () => {
    const p = JsonPathPrinter.create('{.kind}|{.metadata}|{.items[*].metadata.name}');
    if (!p.ok) throw new Error(p.stderr);
    expect(p.printer.print(listWrapper(items))).toEqual({ ok: true, stdout: read('list/get-cm-jsonpath.txt') });
  });
  it('-o go-template sees the List', () => {
    const p = GoTemplatePrinter.create('{{.kind}}{{range .items}} {{.metadata.name}}{{end}}');
    if (!p.ok) throw new Error(p.stderr);
    expect(p.printer.print(listWrapper(items))).toEqual({ ok: true, stdout: read('list/get-cm-gotemplate.txt') });
  });
});
