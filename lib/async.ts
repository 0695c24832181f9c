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
 * for one thing costs one read. Only a call still running is shared, never a settled result:
 * a caller sees data read no earlier than the first caller's start.
 */
export class SingleFlight<V> {
  readonly #running = new Map<string, Promise<V>>();

  run(key: string, task: () => Promise<V>): Promise<V> {
    const running = this.#running.get(key);
    if (running) return running;
    const started = (async () => task())().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    return started;
  }

  /** Keys with a call running. */
  get size(): number {
    return this.#running.size;
  }
}
