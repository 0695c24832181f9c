import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  deadLetterQueue: sqs.IQueue;
  dispatcher: lambda.IFunction;
  crawler: lambda.IFunction;
  server: lambda.IFunction;
  /** Namespace and service dimension of the crawl function's Powertools metrics. */
  metricsNamespace: string;
  crawlService: string;
  /** Crawl errors (all kinds) per hour that warrant a look; ward sites fail a little all the time. */
  crawlErrorsPerHour: number;
  /** Runs in a row without a single listing item before a source counts as broken. */
  emptyRunsThreshold: number;
  /** Where alarm notifications go, if anywhere. */
  alarmEmail?: string;
}

/** What needs a human: parked messages, failing crawls, a silent source, a failing feed service. */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly deadLetters: cloudwatch.Alarm;
  readonly crawlErrors: cloudwatch.Alarm;
  readonly emptySource: cloudwatch.Alarm;
  readonly feedErrors: cloudwatch.Alarm;
  readonly feed5xx: cloudwatch.Alarm;
  readonly crawlerErrors: cloudwatch.Alarm;
  readonly dispatcherErrors: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    this.topic = new sns.Topic(this, 'Topic', { displayName: 'wardfeed alarms', enforceSSL: true });
    // CloudWatch must be allowed to publish explicitly when the topic policy is managed by the stack.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.topic);

    const crawlMetric = (metricName: string, statistic: string, period: Duration) =>
      new cloudwatch.Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service: props.crawlService },
        statistic,
        period,
      });

    /** Every alarm here: one period, missing data is fine (nothing happened), above the threshold fires. */
    const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold: number, atLeast = false) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: atLeast ? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });

    this.deadLetters = alarm(
      'DeadLetters',
      'Crawl messages were parked in the dead-letter queue after 3 failed deliveries: a source fails every retry.',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      0,
    );
    this.crawlErrors = alarm(
      'CrawlErrors',
      `More than ${props.crawlErrorsPerHour} crawl errors in an hour (metric CrawlErrors; the kind dimension says which).`,
      crawlMetric('CrawlErrors', 'Sum', Duration.hours(1)),
      props.crawlErrorsPerHour,
    );
    this.emptySource = alarm(
      'EmptySource',
      `A source yielded no listing items ${props.emptyRunsThreshold} runs in a row: its layout or address probably changed (the crawl log names it).`,
      crawlMetric('EmptyRuns', 'Maximum', Duration.hours(1)),
      props.emptyRunsThreshold,
      true,
    );

    const functionErrors = (id: string, fn: lambda.IFunction, what: string) =>
      alarm(id, `The ${what} function failed (errors or timeouts).`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 0);
    this.feedErrors = functionErrors('FeedFunctionErrors', props.server, 'feed');
    this.crawlerErrors = functionErrors('CrawlFunctionErrors', props.crawler, 'crawl');
    this.dispatcherErrors = functionErrors('DispatcherErrors', props.dispatcher, 'dispatcher');

    // The web app turns failures into replies, so a 5xx is not a Lambda error: count the Function URL's own 5xx.
    this.feed5xx = alarm(
      'Feed5xx',
      'The feed service answered 5xx (a bug or a DynamoDB failure: bad input only ever gets a 4xx).',
      new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Url5xxCount',
        dimensionsMap: { FunctionName: props.server.functionName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      0,
    );

    for (const a of [this.deadLetters, this.crawlErrors, this.emptySource, this.feedErrors, this.feed5xx, this.crawlerErrors, this.dispatcherErrors]) {
      a.addAlarmAction(notify);
      a.addOkAction(notify);
    }
  }
}
