/**
 * client-go jsonpath, as kubectl uses it.
 *
 * @see k8s.io/client-go/util/jsonpath
 */
export { JsonPath, JsonPathExecError, resultText, sprintValue } from './evaluator.js';
export type { JsonPathOptions } from './evaluator.js';
export { JsonPathSyntaxError, parseJsonPath, unquoteExtend } from './parser.js';
export type { JpNode, ListNode, ParamsEntry } from './parser.js';
export { JsonPathPrinter, kubectlErrorText } from './printer.js';
export type { PrintOutcome } from './printer.js';
