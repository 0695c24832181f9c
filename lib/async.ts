/** Small async helpers shared by the crawler and the store: sleep, retry backoff, a worker pool. */

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** Full jitter: a uniform wait in [0, min(cap, base * 2^attempt)) (attempt counts from 0). */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * Runs `task` on every item with at most `concurrency` at once, in item order. The first failure
 * stops workers from taking new items (those running finish) and is what the pool rejects with.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const item = items[next++];
      try {
        await task(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * Calls with the same key made while one is running share its promise, so a burst of requests
 * for one thing costs one read. With `reuseMs`, a call's value also answers calls made less than
 * that long after it started (the age counts from the start, so nothing older is ever given);
 * a failure is never kept. Without it, only a call still running is shared.
 */
export class SingleFlight<V> {
  readonly #running = new Map<string, Promise<V>>();
  /** Settled values by key, oldest start first (re-set keys move to the end). */
  readonly #kept = new Map<string, { value: V; startedAt: number }>();

  /**
   * @param reuseMs how long a value answers later calls, ms (0: never)
   * @param maxKept values kept at most: past it the oldest go first
   */
  constructor(
    readonly reuseMs = 0,
    readonly maxKept = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  run(key: string, task: () => Promise<V>): Promise<V> {
    const kept = this.#kept.get(key);
    if (kept && this.now() - kept.startedAt < this.reuseMs) return Promise.resolve(kept.value);
    const running = this.#running.get(key);
    if (running) return running;
    const startedAt = this.now();
    const started = (async () => task())().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    if (this.reuseMs > 0) started.then((value) => this.#keep(key, value, startedAt), () => this.#kept.delete(key));
    return started;
  }

  #keep(key: string, value: V, startedAt: number): void {
    this.#kept.delete(key);
    this.#kept.set(key, { value, startedAt });
    // Oldest first: drop what has expired, and the oldest past the bound.
    const now = this.now();
    for (const [k, v] of this.#kept) {
      if (this.#kept.size <= this.maxKept && now - v.startedAt < this.reuseMs) break;
      this.#kept.delete(k);
    }
  }

  /** Keys with a call running. */
  get size(): number {
    return this.#running.size;
  }

  /** Keys with a value kept for reuse (expired ones may linger until the next value is kept). */
  get keptSize(): number {
    return this.#kept.size;
  }
}
