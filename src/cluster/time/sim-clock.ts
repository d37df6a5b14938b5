/**
 * The discrete-event clock: the only source of "now" inside the simulation.
 *
 * It implements XState's `Clock` interface so actors schedule their delayed
 * transitions here. Unlike XState's `SimulatedClock`, advancing by a large
 * jump fires every timer in due order and sets `now` to each timer's due time
 * before firing it, so one 10-minute jump gives the same result as 600 steps
 * of one second (timers scheduled while firing are honoured in the same jump).
 */
export class SimClock {
  private current: number;
  private seq = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; seq: number; fn: () => void }>();
  /** Min-heap of timer ids ordered by (due, seq); cancelled ids are skipped lazily. */
  private heap: number[] = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + Math.max(0, ms), seq: this.seq++, fn });
    this.push(id);
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** The due time of the earliest pending timer, if any. */
  nextDueAt(): number | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    return top === undefined ? undefined : this.timers.get(top)!.due;
  }

  /** Number of pending timers (for diagnostics and tests). */
  pending(): number {
    return this.timers.size;
  }

  /**
   * Fires the earliest timer due at or before `limit`, setting now to its due
   * time. Returns false when no timer is due by then.
   */
  fireNext(limit: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return false;
    const timer = this.timers.get(top)!;
    if (timer.due > limit) return false;
    this.pop();
    this.timers.delete(top);
    if (timer.due > this.current) this.current = timer.due;
    timer.fn();
    return true;
  }

  /** Fires every timer due up to `t` in order, then sets now to `t`. */
  advanceTo(t: number): void {
    while (this.fireNext(t)) {
      /* keep firing */
    }
    if (t > this.current) this.current = t;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /**
   * Heap order by (due, seq). Keys outlive cancellation (cancelled ids stay in
   * the heap until they surface), so comparisons never change under a node.
   */
  private readonly keys = new Map<number, { due: number; seq: number }>();

  private less(a: number, b: number): boolean {
    const x = this.keys.get(a)!;
    const y = this.keys.get(b)!;
    return x.due < y.due || (x.due === y.due && x.seq < y.seq);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && !this.timers.has(this.heap[0])) this.pop();
  }

  private push(id: number): void {
    const t = this.timers.get(id)!;
    this.keys.set(id, { due: t.due, seq: t.seq });
    const h = this.heap;
    h.push(id);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(id, h[p])) {
        h[i] = h[p];
        i = p;
      } else break;
    }
    h[i] = id;
  }

  private pop(): void {
    const h = this.heap;
    this.keys.delete(h[0]);
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(h[r], h[l])) c = r;
      if (this.less(h[c], last)) {
        h[i] = h[c];
        i = c;
      } else break;
    }
    h[i] = last;
  }
}
