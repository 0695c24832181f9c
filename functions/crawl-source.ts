/**
 * SQS batch (FIFO, one message per source) -> crawl each source into the store -> report the
 * sources that failed, and only those, for redelivery.
 */
import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { crawlSource, createCrawlFetcher, isTransient, type Fetcher, type SourceReport } from '../lib/crawl/index.ts';
import { WardfeedError, type ErrorKind } from '../lib/errors.ts';
import type { Registry } from '../lib/registry/types.ts';
import type { ArticleStore } from '../lib/store/types.ts';
import { decodeCrawlMessage } from './crawl-message.ts';
import { lambdaEnvironment } from './environment.ts';
import { perContainer } from './per-container.ts';

export interface CrawlHandlerDeps {
  registry: Registry;
  store: ArticleStore;
  fetcher: Fetcher;
  logger: Logger;
  metrics: Metrics;
}

export function createCrawlHandler(deps: CrawlHandlerDeps) {
  const { registry, store, fetcher, logger, metrics } = deps;
  const sources = new Map(registry.sources.map((s) => [s.id, s]));

  const crawlRecord = async (record: SQSRecord): Promise<SourceReport | undefined> => {
    // A message that cannot be read is a bug: let it fail its way to the dead-letter queue for a look.
    const message = decodeCrawlMessage(record.body);
    logger.appendKeys({ sourceId: message.sourceId, run: message.run });
    try {
      const source = sources.get(message.sourceId);
      if (!source) {
        // The registry changed since the run was dispatched; the message has nothing left to do.
        logger.warn('source no longer in the registry; message dropped');
        return undefined;
      }
      const report = await crawlSource(source, { registry, store, fetcher, log: (line) => logger.info(line) });
      recordOutcome(report, report.emptyRuns ?? 0);
      // Worth another delivery only when the site or the table may answer next time (5xx, 429,
      // timeouts, network, store). A 404, a robots refusal or a bad certificate will not change in
      // minutes: recorded in the crawl state and counted, and the next scheduled run tries again.
      if (report.error && isTransient(report.error)) {
        throw new WardfeedError(report.error.kind, `source ${source.id}: ${report.error.message}`);
      }
      return report;
    } finally {
      logger.removeKeys(['sourceId', 'run']);
    }
  };

  const recordOutcome = (report: SourceReport, emptyRuns: number) => {
    const errors = Object.entries(report.errors ?? {}) as [ErrorKind, number][];
    const total = errors.reduce((n, [, c]) => n + (c ?? 0), 0);
    logger.info('source crawled', { report: { ...report }, emptyRuns });
    metrics.addMetric('NewArticles', MetricUnit.Count, report.new);
    metrics.addMetric('UpdatedArticles', MetricUnit.Count, report.updated);
    metrics.addMetric('CrawlErrors', MetricUnit.Count, total);
    metrics.addMetric('EmptyRuns', MetricUnit.Count, emptyRuns);
    metrics.addMetric('SourcesCrawled', MetricUnit.Count, 1);
    for (const [kind, count] of errors) {
      if (!count) continue;
      // Per kind as its own metric: service-wide totals above feed the alarm, these say why.
      const byKind = metrics.singleMetric();
      byKind.addDimension('kind', kind);
      byKind.addMetric('CrawlErrors', MetricUnit.Count, count);
    }
  };

  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    if (context) logger.addContext(context);
    const processor = new SqsFifoPartialProcessorAsync();
    try {
      return await processPartialResponse(event, crawlRecord, processor, {
        context,
        // Another host's source goes on when one fails; later messages of the failed host wait (FIFO order).
        skipGroupOnError: true,
        // A batch of failures is still a partial answer, not a function error (which would redeliver all of it).
        throwOnFullBatchFailure: false,
      });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

const production = perContainer(() => {
  const { registry, store } = lambdaEnvironment();
  const logger = new Logger({ serviceName: 'crawl' });
  const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Wardfeed', serviceName: 'crawl' });
  // Production fetcher: the registry's hosts only, never private, loopback or link-local addresses.
  const fetcher = createCrawlFetcher(registry);
  return createCrawlHandler({ registry, store, fetcher, logger, metrics });
});

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => (await production())(event, context);
