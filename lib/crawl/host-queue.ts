import { sleep } from '../async.ts';

/**
 * Politeness: one request at a time per host, and at least `delayMs` between the end of one
 * request and the start of the next to the same host.
 */
export class HostQueue {
  private tails = new Map<string, Promise<unknown>>();
  private lastEnd = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  run<T>(host: string, delayMs: number | (() => number), task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(host) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        const last = this.lastEnd.get(host);
        const delay = typeof delayMs === 'function' ? delayMs() : delayMs;
        if (last !== undefined && delay > 0) {
          const wait = last + delay - this.now();
          if (wait > 0) await sleep(wait);
        }
        try {
          return await task();
        } finally {
          this.lastEnd.set(host, this.now());
        }
      });
    this.tails.set(host, next);
    // Forget idle hosts so a long-lived queue does not grow without bound.
    void next.finally(() => {
      if (this.tails.get(host) === next) this.tails.delete(host);
    }).catch(() => undefined);
    return next;
  }
}
