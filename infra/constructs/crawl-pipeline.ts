import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RegistryBundle } from '../registry-bundle.ts';
import { WardfeedFunction } from './wardfeed-function.ts';

export interface CrawlPipelineProps {
  table: dynamodb.ITable;
  registry: RegistryBundle;
  /** EventBridge Scheduler expression, e.g. `rate(30 minutes)` or `cron(0/30 * * * ? *)`. */
  schedule: string;
  /** Crawl functions running at once, fleet-wide (SQS event source maximum concurrency, 2–1000). */
  crawlConcurrency: number;
  logRetention: logs.RetentionDays;
  /** CloudWatch namespace of the crawl metrics. */
  metricsNamespace: string;
}

/** Time one crawl invocation may take: a slow ward site, polite delays, a few new articles. */
export const CRAWL_TIMEOUT = Duration.minutes(5);
/** Sources per crawl invocation; small, so one slow site holds back little else. */
export const CRAWL_BATCH_SIZE = 2;
/** Deliveries of one source message before it is parked in the dead-letter queue. */
export const CRAWL_MAX_RECEIVES = 3;

/**
 * schedule -> dispatcher -> FIFO queue (one message per source, grouped by host) -> crawl function.
 *
 * The FIFO group is the source's host: SQS hands out one group's messages one at a time, so two
 * sources on the same site are never crawled at once anywhere in the fleet.
 */
export class CrawlPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatcher: WardfeedFunction;
  readonly crawler: WardfeedFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: CrawlPipelineProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: true,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, 'SourceQueue', {
      fifo: true,
      // Deduplication ids are explicit (source + scheduled run), so a retried dispatch enqueues nothing twice.
      contentBasedDeduplication: false,
      // Six times the function timeout, as Lambda advises for SQS sources: retries inside one batch stay invisible.
      visibilityTimeout: Duration.seconds(CRAWL_TIMEOUT.toSeconds() * 6),
      // A source not crawled within a day is stale; the next scheduled run asks for it again.
      retentionPeriod: Duration.days(1),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: CRAWL_MAX_RECEIVES },
    });

    this.dispatcher = new WardfeedFunction(this, 'Dispatcher', {
      handler: 'dispatcher',
      description: 'wardfeed: puts one crawl message per registered source on the queue',
      memorySize: 256,
      timeout: Duration.minutes(1),
      logRetention: props.logRetention,
      registry: props.registry,
      environment: {
        QUEUE_URL: this.queue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'dispatcher',
      },
    });
    // Only SendMessage (SendMessageBatch is authorised by it); the dispatcher reads nothing else.
    this.dispatcher.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );

    this.crawler = new WardfeedFunction(this, 'Crawler', {
      handler: 'crawl-source',
      description: 'wardfeed: crawls one source into the articles table',
      memorySize: 512,
      timeout: CRAWL_TIMEOUT,
      logRetention: props.logRetention,
      registry: props.registry,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'crawl',
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
      },
    });
    this.crawler.bindTable(props.table, 'read-write');
    this.crawler.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: CRAWL_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: props.crawlConcurrency,
      }),
    );

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'wardfeed: start a crawl of every registered source',
      schedule: scheduler.ScheduleExpression.expression(props.schedule),
      target: new targets.LambdaInvoke(this.dispatcher.fn, {
        // The scheduled time names the run: a retried invocation produces the same deduplication ids.
        input: scheduler.ScheduleTargetInput.fromObject({
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
          executionId: scheduler.ContextAttribute.executionId,
        }),
        retryAttempts: 2,
        // A run that could not start within ten minutes is dropped: the next one is due soon.
        maxEventAge: Duration.minutes(10),
      }),
    });
  }
}
