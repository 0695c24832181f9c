/**
 * The message the dispatcher puts on the crawl queue and the crawl function reads: one per source
 * and scheduled run.
 */
import { sourceHost } from '../lib/crawl/source-hosts.ts';
import { createHash } from 'node:crypto';
import { WardfeedError } from '../lib/errors.ts';
import type { Source } from '../lib/registry/types.ts';

export interface CrawlMessage {
  sourceId: string;
  /** The scheduled time of the run that asked for it (ISO 8601). */
  run: string;
}

/**
 * FIFO group of a source: its host. SQS hands out one group's messages one at a time, so two
 * sources on one site are never crawled at once anywhere in the fleet.
 */
export function sourceGroup(source: Source): string {
  const first = source.listUrls[0];
  if (!first) throw new WardfeedError('registry', `source ${source.id} has no listing URL`);
  return sourceHost(source);
}

/** Same source, same run -> same id: SQS drops the copy a retried dispatch would send. */
export function deduplicationId(message: CrawlMessage): string {
  return createHash('sha256').update(`${message.sourceId}\n${message.run}`).digest('hex');
}

export function encodeCrawlMessage(message: CrawlMessage): string {
  return JSON.stringify({ sourceId: message.sourceId, run: message.run });
}

export function decodeCrawlMessage(body: string): CrawlMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new WardfeedError('bad-request', 'crawl message is not JSON');
  }
  const m = raw as Partial<CrawlMessage> | null;
  if (!m || typeof m !== 'object' || typeof m.sourceId !== 'string' || !m.sourceId || typeof m.run !== 'string') {
    throw new WardfeedError('bad-request', 'crawl message needs a sourceId and a run');
  }
  return { sourceId: m.sourceId, run: m.run };
}
