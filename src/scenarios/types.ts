import type { ClusterSpec } from '../cluster/bootstrap.js';
import type { ImageSpec } from '../cluster/images/index.js';

export type Difficulty = 'easy' | 'medium' | 'hard';

export type Check =
  | { podsReady: { namespace?: string; selector: string; count?: number; stableFor?: string | number } }
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
  /** The file it was loaded from, when any. */
  file?: string;
  /** 1-based line where the `manifests` block's content starts in the file. */
  manifestsLine?: number;
}
