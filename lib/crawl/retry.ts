/**
 * The retry loop of one request: retryable failures (timeouts, dropped connections) and answers
 * asking for another try (5xx, 429) are tried again up to `retries` times, waiting the longest of
 * the backoff, the server's `Retry-After` (capped) and the host's delay.
 */
import { backoffMs, sleep } from '../async.ts';
import { WardfeedError } from '../errors.ts';

/** An answer that asks for another try (5xx, 429), with the server's wait when it gave one. */
export interface RetryAsk {
  kind: 'retry';
  status: number;
  waitMs?: number;
}

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
  maxRetryAfterMs: number;
  random: () => number;
  /** The least wait between two tries (the host's delay). */
  minWaitMs: () => number;
  onRetry: () => void;
  /** A thrown error as a typed one, and whether it is worth another try. */
  classify: (e: unknown) => { error: WardfeedError; retryable: boolean };
}

export async function withRetries<T extends { kind: string }>(url: string, policy: RetryPolicy, attempt: () => Promise<T | RetryAsk>): Promise<T> {
  for (let n = 0; ; n++) {
    let outcome: T | RetryAsk | undefined;
    let failure: WardfeedError | undefined;
    try {
      outcome = await attempt();
    } catch (e) {
      const { error, retryable } = policy.classify(e);
      if (!retryable) throw error;
      failure = error;
    }
    if (outcome && outcome.kind !== 'retry') return outcome as T;
    if (n >= policy.retries) {
      if (failure) throw new WardfeedError(failure.kind, `${failure.message} (after ${n + 1} attempts)`, { url, cause: failure });
      const status = (outcome as RetryAsk).status;
      throw new WardfeedError('http-status', `HTTP ${status} (after ${n + 1} attempts)`, { url, status });
    }
    const ask = outcome as RetryAsk | undefined;
    const asked = ask?.waitMs !== undefined ? Math.min(ask.waitMs, policy.maxRetryAfterMs) : 0;
    const wait = Math.max(asked, backoffMs(n, policy.baseMs, policy.maxMs, policy.random), policy.minWaitMs());
    policy.onRetry();
    await sleep(wait);
  }
}
