import type { ClusterSpec } from '../cluster/bootstrap.js';
import type { ImageSpec } from '../cluster/images/index.js';

export type Difficulty = 'easy' | 'medium' | 'hard';

export type Check =
  | { podsReady: { namespace?: string; selector: string; count?: number; stableFor?: string | number } }
  | { podEnv: { namespace?: string; selector: string; container?: string; name: string; equals: string } }
  | { rolloutComplete: { namespace?: string; deployment: string } }
  | {
      field: {
        resource: string;
        namespace?: string;
        name: string;
        path: string;
        equals?: unknown;
        notEquals?: unknown;
        exists?: boolean;
        atLeast?: string;
        atMost?: string;
      };
    }
  | { exists: { resource: string; namespace?: string; name: string } }
  | {
      connectivity: {
        from: { namespace?: string; selector: string };
        to: string;
        port: number;
        protocol?: 'TCP' | 'UDP';
        expect: 'allowed' | 'blocked';
      };
    }
  | { canI: { as: string; verb: string; resource: string; namespace?: string; expect: 'yes' | 'no' } }
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check };

export interface Objective {
  id: string;
  description: string;
  check: Check;
}

export interface WrongFix {
  commands: string[];
  why: string;
}

/** A loaded, validated scenario. */
export interface Scenario {
  id: string;
  title: string;
  difficulty: Difficulty;
  category: string;
  tags: string[];
  /** Challenge-mode time limit, in ms. */
  timeLimitMs: number;
  briefing: string;
  cluster?: ClusterSpec;
  images: Record<string, ImageSpec>;
  manifests: string;
  setup: string[];
  startAfterMs: number;
  objectives: Objective[];
  guards: Objective[];
  hints: string[];
  solution: string[];
  wrongFixes: WrongFix[];
  debrief: string;
  /** Files in the learner's working directory (relative path → content). */
  files?: Record<string, string>;
  /** The parameter values this instance was built with (empty without parameters). */
  parameters?: Record<string, ParameterValue>;
  /** Present when the scenario declares parameters: what `instantiateScenario` builds other seeds from. */
  template?: ScenarioTemplate;
  /** The file it was loaded from, when any. */
  file?: string;
  /** 1-based line where the `manifests` block's content starts in the file. */
  manifestsLine?: number;
}

/** A parameter's value: a scalar, or a mapping of scalars read as `{{name.key}}`. */
export type ParameterValue = string | number | boolean | Record<string, string | number | boolean>;

/** A scenario with parameters, before the seed chooses their values. */
export interface ScenarioTemplate {
  /** The parsed scenario file, placeholders and variants intact. */
  data: Record<string, unknown>;
  /** Each parameter's possible values, in declaration order. */
  parameters: Record<string, ParameterValue[]>;
  /** The text, for `file:line` in messages. */
  text: string;
}
