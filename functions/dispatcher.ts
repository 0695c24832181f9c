/**
 * Scheduler event -> one crawl message per crawlable source on the FIFO queue, grouped by host.
 */
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { runPool } from '../lib/async.ts';
import { loadConfig } from '../lib/config.ts';
import { crawlable, loadRegistry } from '../lib/registry/index.ts';
import type { Registry } from '../lib/registry/types.ts';
import { deduplicationId, encodeCrawlMessage, sourceGroup, type CrawlMessage } from './crawl-message.ts';
import { perContainer } from './per-container.ts';

/** What EventBridge Scheduler sends (the stack's target input), or an EventBridge rule event. */
export interface ScheduledRunEvent {
  scheduledTime?: string;
  executionId?: string;
  /** EventBridge rule events carry the time here. */
  time?: string;
}

export interface QueueEntry {
  Id: string;
  MessageBody: string;
  MessageGroupId: string;
  MessageDeduplicationId: string;
}

export interface FailedEntry {
  Id: string;
  Code?: string;
  Message?: string;
  /** True when retrying the same entry cannot succeed. */
  SenderFault?: boolean;
}

/** Sends up to 10 entries; answers the entries the queue refused. */
export type SendBatch = (entries: QueueEntry[]) => Promise<FailedEntry[]>;

export interface DispatchReport {
  run: string;
  enqueued: number;
  skipped: string[];
  groups: number;
}

/** SQS accepts at most 10 entries per SendMessageBatch. */
const BATCH_LIMIT = 10;
/** Batches in flight at once: enough to enqueue thousands of sources well within the timeout. */
const PARALLEL_BATCHES = 5;

/** The production port: SendMessageBatch on the crawl queue. */
export function sqsSendBatch(client: SQSClient, queueUrl: string): SendBatch {
  return async (entries) => {
    const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    return (out.Failed ?? []).map((f) => ({ Id: f.Id ?? '', Code: f.Code, Message: f.Message, SenderFault: f.SenderFault }));
  };
}

/** The run a message belongs to: the scheduled time, stable across the Scheduler's retries. */
export function runOf(event: ScheduledRunEvent | undefined, now: () => Date = () => new Date()): string {
  const t = event?.scheduledTime ?? event?.time;
  if (t && Number.isFinite(Date.parse(t))) return new Date(Date.parse(t)).toISOString();
  // Invoked by hand: the invocation time names the run.
  return now().toISOString();
}

export interface DispatcherDeps {
  registry: Registry;
  sendBatch: SendBatch;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

export function createDispatcher(deps: DispatcherDeps) {
  return async (event: ScheduledRunEvent | undefined): Promise<DispatchReport> => {
    const run = runOf(event, deps.now);
    const { sources, skipped: passedOver } = crawlable(deps.registry);
    for (const { source, reason } of passedOver) deps.logger?.warn('source skipped', { sourceId: source.id, reason });
    const skipped = passedOver.map(({ source }) => source.id);

    const entries: QueueEntry[] = sources.map((source, i) => {
      const message: CrawlMessage = { sourceId: source.id, run };
      return {
        Id: `m${i % BATCH_LIMIT}`,
        MessageBody: encodeCrawlMessage(message),
        MessageGroupId: sourceGroup(source),
        MessageDeduplicationId: deduplicationId(message),
      };
    });
    const batches: QueueEntry[][] = [];
    for (let i = 0; i < entries.length; i += BATCH_LIMIT) batches.push(entries.slice(i, i + BATCH_LIMIT));

    const refused: FailedEntry[] = [];
    await runPool(batches, PARALLEL_BATCHES, async (batch) => {
      let failed = await deps.sendBatch(batch);
      // One more try for what the queue refused for its own reasons (throttling, internal errors).
      const retry = batch.filter((e) => failed.some((f) => f.Id === e.Id && !f.SenderFault));
      if (retry.length) failed = [...failed.filter((f) => f.SenderFault), ...(await deps.sendBatch(retry))];
      for (const f of failed) {
        const entry = batch.find((e) => e.Id === f.Id);
        refused.push(f);
        deps.logger?.error('queue refused a crawl message', { body: entry?.MessageBody, code: f.Code, reason: f.Message });
      }
    });

    const report: DispatchReport = {
      run,
      enqueued: entries.length - refused.length,
      skipped,
      groups: new Set(entries.map((e) => e.MessageGroupId)).size,
    };
    // A failed run is retried by the Scheduler; deduplication ids keep what did get through from being sent twice.
    if (refused.length) throw new Error(`dispatch of run ${run}: the queue refused ${refused.length} of ${entries.length} messages`);
    deps.logger?.info('run dispatched', { ...report, skipped: skipped.length });
    return report;
  };
}

const production = perContainer(() => {
  const queueUrl = process.env.QUEUE_URL;
  if (!queueUrl) throw new Error('QUEUE_URL is not set');
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const logger = new Logger({ serviceName: 'dispatcher' });
  return createDispatcher({ registry, sendBatch: sqsSendBatch(new SQSClient({ region: config.region }), queueUrl), logger });
});

export const handler = async (event: ScheduledRunEvent): Promise<DispatchReport> => (await production())(event);
