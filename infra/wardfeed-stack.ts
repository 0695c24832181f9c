import { CfnElement, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, Node } from 'constructs';
import { TABLE_LAYOUT } from '../lib/store/schema.ts';
import { ArticlesTable, type TableKeyLayout } from './constructs/articles-table.ts';
import { Alarms } from './constructs/alarms.ts';
import { CrawlPipeline } from './constructs/crawl-pipeline.ts';
import { FeedService } from './constructs/feed-service.ts';
import { registryBundle } from './registry-bundle.ts';

export const METRICS_NAMESPACE = 'Wardfeed';
export const DEFAULT_SCHEDULE = 'rate(30 minutes)';
export const DEFAULT_REGISTRY = 'lib/registry/registry.json';

export interface WardfeedStackProps extends StackProps {
  /** Registry file to crawl and serve (resolved against the working directory). */
  registryFile?: string;
  /** Validates the registry at synth, so a broken file stops the deploy instead of every crawl. */
  validateRegistry?: (data: unknown, file: string) => unknown;
  /** EventBridge Scheduler expression. */
  schedule?: string;
  crawlConcurrency?: number;
  /** Reserved concurrency of the feed function (`-c feedConcurrency=`). */
  feedConcurrency?: number;
  logRetention?: logs.RetentionDays;
  crawlErrorsPerHour?: number;
  emptyRunsThreshold?: number;
  alarmEmail?: string;
  /** Key layout of the articles table; defaults to the store's own. */
  tableLayout?: TableKeyLayout;
}

/** The whole deployment: articles table, crawl pipeline, feed service, alarms. */
export class WardfeedStack extends Stack {
  readonly articles: ArticlesTable;
  readonly crawl: CrawlPipeline;
  readonly feed: FeedService;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: WardfeedStackProps = {}) {
    super(scope, id, { description: 'wardfeed: feeds for Vietnamese ward and commune news', ...props });
    const registry = registryBundle(props.registryFile ?? DEFAULT_REGISTRY, props.validateRegistry);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    this.articles = new ArticlesTable(this, 'Articles', { layout: props.tableLayout ?? TABLE_LAYOUT });
    const table = this.articles.table;

    this.crawl = new CrawlPipeline(this, 'Crawl', {
      table,
      registry,
      schedule: props.schedule ?? DEFAULT_SCHEDULE,
      crawlConcurrency: props.crawlConcurrency ?? 10,
      logRetention,
      metricsNamespace: METRICS_NAMESPACE,
    });

    this.feed = new FeedService(this, 'Feed', { table, registry, logRetention, maxCacheTtl: Duration.days(1), reservedConcurrency: props.feedConcurrency });

    this.alarms = new Alarms(this, 'Alarms', {
      deadLetterQueue: this.crawl.deadLetterQueue,
      dispatcher: this.crawl.dispatcher.fn,
      crawler: this.crawl.crawler.fn,
      server: this.feed.server.fn,
      metricsNamespace: METRICS_NAMESPACE,
      crawlService: 'crawl',
      crawlErrorsPerHour: props.crawlErrorsPerHour ?? 100,
      emptyRunsThreshold: props.emptyRunsThreshold ?? 3,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'FeedBaseUrl', { value: this.feed.baseUrl, description: 'Public address of the feeds (CloudFront)' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'DynamoDB table holding the articles (kept when the stack is deleted)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'SNS topic the alarms notify; subscribe to it' });

    acknowledgeFindings(this);
  }
}

/** Stack props from `-c key=value` context: registry, schedule, crawlConcurrency, feedConcurrency, logRetentionDays, alarmEmail. */
export function stackPropsFromContext(node: Node): WardfeedStackProps {
  const str = (key: string): string | undefined => {
    const v: unknown = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
  };
  const int = (key: string): number | undefined => {
    const v = str(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`context ${key} must be a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  const schedule = str('schedule');
  if (schedule !== undefined && !/^(rate|cron|at)\(.+\)$/.test(schedule)) {
    throw new Error(`context schedule must be a Scheduler expression like "rate(30 minutes)", got ${JSON.stringify(schedule)}`);
  }
  const concurrency = int('crawlConcurrency');
  if (concurrency !== undefined && (concurrency < 2 || concurrency > 1000)) {
    throw new Error(`context crawlConcurrency must be between 2 and 1000 (SQS event source limits), got ${concurrency}`);
  }
  const feedConcurrency = int('feedConcurrency');
  const retentionDays = int('logRetentionDays');
  if (retentionDays !== undefined && !Object.values(logs.RetentionDays).includes(retentionDays)) {
    throw new Error(`context logRetentionDays must be one CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, …), got ${retentionDays}`);
  }
  return {
    registryFile: str('registry'),
    schedule,
    crawlConcurrency: concurrency,
    feedConcurrency,
    logRetention: retentionDays,
    alarmEmail: str('alarmEmail'),
  };
}

/** cdk-nag findings that are decisions, each with the reason a reviewer can check. */
function acknowledgeFindings(stack: WardfeedStack): void {
  const functions = [stack.crawl.dispatcher, stack.crawl.crawler, stack.feed.server];
  for (const f of functions) {
    Validations.of(f.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the handlers are built (esbuild target node22) and tested for; moving to a newer runtime is a deliberate change, not an automatic one.',
    });
  }

  const indexes = `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(stack.articles.table.node.defaultChild as CfnElement)}.Arn>/index/*]`;
  for (const f of [stack.crawl.crawler, stack.feed.server]) {
    Validations.of(f.role).acknowledge({
      id: indexes,
      reason: "The wildcard covers the indexes of the articles table only (the stack defines one, gsi1); the actions are the table grant's own (read, or read/write for the crawler).",
    });
  }

  const dispatcherVersions = `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(stack.crawl.dispatcher.fn.node.defaultChild as CfnElement)}.Arn>:*]`;
  Validations.of(stack).acknowledge({
    id: dispatcherVersions,
    reason: "The Scheduler's role may invoke the dispatcher function and its versions/aliases (the ':*' suffix) and nothing else.",
  });

  Validations.of(stack.feed.cursorKey).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'The secret only signs pagination cursors of public data; rotating it would only void the cursors in flight, and it is replaced with the stack when needed.',
  });

  const distribution = stack.feed.distribution;
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason: 'Public feeds of Vietnamese local government news are meant for readers anywhere, including the diaspora; no geographic restriction.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason: 'Read-only GET/HEAD service with cached replies and bounded, validated parameters (bad input gets a 4xx from the app); a web ACL would cost more than the function time it could save.',
    },
    {
      id: 'AwsSolutions-CFR3',
      reason: 'No per-request access logs for anonymous feed readers: the distribution metrics and the function logs (with retention) cover operations without keeping visitor addresses.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason: 'The distribution uses the default *.cloudfront.net certificate, whose viewer security policy CloudFront fixes; a deployment with its own domain sets TLSv1.2_2021 with its certificate.',
    },
  );
}
