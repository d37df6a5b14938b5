/**
 * kubectl's `-o jsonpath=<template>` printer: parse once, print each object,
 * and kubectl's error texts for both phases.
 *
 * - parse errors: `error: error parsing jsonpath <template>, <reason>`;
 * - execution errors: `error: error executing jsonpath "<template>": Error
 *   executing template: <reason>. Printing more information for debugging the
 *   template:` followed by the template and the object in Go `%#v` syntax.
 *
 * Missing keys print nothing (kubectl sets AllowMissingKeys(true) unless
 * `--allow-missing-template-keys=false`). `-o jsonpath-as-json` sets
 * `outputJson`: each action's results print as an indented JSON array.
 *
 * @see k8s.io/cli-runtime/pkg/printers/jsonpath.go JSONPathPrinter
 * @see k8s.io/cli-runtime/pkg/genericclioptions/jsonpath_flags.go ToPrinter
 * @see k8s.io/kubectl/pkg/cmd/util/helpers.go CheckErr
 */
import { goQuote, goSprintSharpV } from '../../format/go-fmt.js';
import { JsonPath, JsonPathExecError } from './evaluator.js';
import { JsonPathSyntaxError } from './parser.js';

/** What kubectl writes for one print: stdout text, or the error on stderr with exit code 1. */
export type PrintOutcome = { ok: true; stdout: string } | { ok: false; stderr: string; exitCode: 1 };

/** kubectl's CheckErr framing of an error message: `error: ` prefix, one trailing newline. */
export function kubectlErrorText(message: string): string {
  const msg = message.startsWith('error: ') ? message : `error: ${message}`;
  return msg.endsWith('\n') ? msg : `${msg}\n`;
}

/** A compiled `-o jsonpath` printer. */
export class JsonPathPrinter {
  private constructor(
    readonly template: string,
    private readonly jsonPath: JsonPath,
  ) {}

  /**
   * Parses the template. On a syntax error returns kubectl's stderr text.
   */
  static create(
    template: string,
    opts: { allowMissingKeys?: boolean; outputJson?: boolean } = {},
  ): { ok: true; printer: JsonPathPrinter } | { ok: false; stderr: string; exitCode: 1 } {
    try {
      const jp = new JsonPath(template, {
        allowMissingKeys: opts.allowMissingKeys ?? true,
        outputJson: opts.outputJson ?? false,
      });
      return { ok: true, printer: new JsonPathPrinter(template, jp) };
    } catch (e) {
      if (e instanceof JsonPathSyntaxError) {
        return { ok: false, stderr: kubectlErrorText(`error parsing jsonpath ${template}, ${e.message}\n`), exitCode: 1 };
      }
      throw e;
    }
  }

  /** Prints one object (kubectl prints no trailing newline). */
  print(obj: unknown): PrintOutcome {
    try {
      return { ok: true, stdout: this.jsonPath.execute(obj) };
    } catch (e) {
      if (!(e instanceof JsonPathExecError)) throw e;
      const debug =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSprintSharpV(obj)}\n\n`;
      return {
        ok: false,
        stderr: kubectlErrorText(`error executing jsonpath ${goQuote(this.template)}: ${debug}\n`),
        exitCode: 1,
      };
    }
  }
}
