import type { KubectlResult } from './context.js';

/**
 * A program the learner types into after a kubectl command started it: the
 * shell of `kubectl exec -it POD -- sh`, or the one `kubectl run -it` attached
 * to. The trainer's shell sends it each line until it ends.
 */
export interface InteractiveSession {
  /** What the program prints before each line (`/ # `, `root@web-0:/# `); empty without a TTY. */
  prompt(): string;
  /** Where the learner is, for the screen: `pod/web-0, container web`. */
  readonly where: string;
  /** Runs one line typed into the program; `ended` when it ended (`exit`), with kubectl's last words in `result`. */
  run(line: string): SessionStep;
  /** End of input (Ctrl+D on an empty line): the program ends, as `exit` would. */
  eof(): KubectlResult;
  /**
   * After simulated time passed: kubectl's last words when the program ended
   * meanwhile (its container died, the pod went away), else undefined.
   */
  poll(): KubectlResult | undefined;
}

export interface SessionStep {
  result: KubectlResult;
  ended: boolean;
}

/**
 * kubectl's standard input when it is the learner's terminal (the trainer's
 * prompt, a play script's lines): `-it` then hands it an interactive session.
 * Absent when input is piped, redirected or captured by `$(…)`.
 */
export interface Terminal {
  attach(session: InteractiveSession): void;
}
