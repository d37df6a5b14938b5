/**
 * Keys reach the screen as it is now.
 *
 * Ink's `useInput` (re)subscribes a handler in a passive effect, which can run
 * after the frame it belongs to is on screen and after the next key was read.
 * And the render a key causes is committed in a later task, so the keys that
 * follow it in the same read (↓ then Enter) or before that task (a busy
 * machine) went to the handler of the frame before: with that frame's state,
 * or to nobody when a screen or dialog had just mounted.
 *
 * Here one Ink listener, subscribed once for the app's life, hands the keys
 * out one at a time: each goes to the handlers of the latest commit
 * (registered and refreshed in layout effects, which run in the same task as
 * the commit that paints their frame), and the next waits until the render
 * the previous one caused is committed. Keys read while no screen listens (a
 * drill still starting) wait for the next screen.
 */
import { useInput, type Key } from 'ink';
import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export type KeyHandler = (input: string, key: Key) => void;

interface Entry {
  handler: KeyHandler;
  active: boolean;
}

class KeyRouter {
  private entries: Entry[] = [];
  /** Keys not handed out yet, oldest first. */
  private waiting: [string, Key][] = [];
  /** A key was handed out and the render it asked for is not committed yet. */
  private settling = false;
  private scheduled = false;
  /** Asks the root for a render; it commits together with whatever the key's handlers changed. */
  requestCommit: () => void = () => {};

  add(entry: Entry): () => void {
    this.entries.push(entry);
    this.schedule();
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  dispatch(input: string, key: Key): void {
    this.waiting.push([input, key]);
    this.next();
  }

  /** The root committed: the handlers in place now saw the previous key's changes. */
  committed(): void {
    this.settling = false;
    this.schedule();
  }

  /** A handler was registered or refreshed: a screen may listen now. */
  wake(): void {
    this.schedule();
  }

  /** Continues after the current commit has finished (its layout effects included). */
  private schedule(): void {
    if (this.scheduled || this.settling || !this.waiting.length) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    if (this.scheduled || this.settling || !this.waiting.length) return;
    // To the handlers listening when the key is handed out (one of them may close a dialog and wake another).
    const targets = this.entries.filter((e) => e.active);
    if (!targets.length) return;
    const [input, key] = this.waiting.shift()!;
    this.settling = true;
    this.requestCommit();
    for (const e of targets) e.handler(input, key);
  }
}

const KeyRouterContext = createContext<KeyRouter | null>(null);

/** The one Ink input listener of the app; nested providers reuse the outer one. */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const outer = useContext(KeyRouterContext);
  if (outer) return <>{children}</>;
  return <RootKeyboard>{children}</RootKeyboard>;
}

function RootKeyboard({ children }: { children: ReactNode }) {
  const [router] = useState(() => new KeyRouter());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    router.requestCommit = rerender;
  }, [router]);
  // Every commit of this component (its children are a stable prop, so they do not re-render with it).
  useLayoutEffect(() => router.committed());
  useInput(useCallback((input: string, key: Key) => router.dispatch(input, key), [router]));
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>;
}

/**
 * Like Ink's `useInput`, but the handler that runs is always the one of the
 * component's latest render, and `isActive` is read when the key arrives.
 */
export function useKeys(
  handler: KeyHandler,
  { isActive = true }: { isActive?: boolean } = {},
): void {
  const router = useContext(KeyRouterContext);
  if (!router) throw new Error('useKeys outside <KeyboardProvider>');
  const entry = useRef<Entry>({ handler, active: isActive });
  useLayoutEffect(() => {
    entry.current.handler = handler;
    entry.current.active = isActive;
    router.wake();
  });
  useLayoutEffect(() => router.add(entry.current), [router]);
}
