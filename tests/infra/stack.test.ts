import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { App, Validations } from 'aws-cdk-lib';
import { CRAWL_BATCH_SIZE, CRAWL_MAX_RECEIVES, CRAWL_TIMEOUT } from '../../infra/constructs/crawl-pipeline.ts';
import { registryBundle } from '../../infra/registry-bundle.ts';
import { WardfeedStack, stackPropsFromContext } from '../../infra/wardfeed-stack.ts';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoArticleStore } from '../../lib/store/dynamo-store.ts';
import { startEmbeddedDynamo } from '../../lib/store/embedded.ts';
import { TABLE_LAYOUT } from '../../lib/store/schema.ts';
import { at, CDK_CONTEXT, list, maybeAt, num, one, resourcesOf, synth, text, writeTestRegistry } from './stack-fixture.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown; Condition?: unknown };

let template: Template;
let stack: ReturnType<typeof synth>['stack'];

beforeAll(() => {
  ({ template, stack } = synth());
});

/** Every statement granted to a role: its inline policies and the AWS::IAM::Policy resources attached to it. */
function statementsOf(roleId: string): Statement[] {
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleId];
  expect(role, `role ${roleId}`).toBeDefined();
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  const inline = list(role.Properties.Policies ?? []).flatMap((p) => list(at(p, 'PolicyDocument', 'Statement')));
  const attached = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => list(p.Properties.Roles ?? []).some((r) => at(r, 'Ref') === roleId))
    .flatMap((p) => list(at(p.Properties, 'PolicyDocument', 'Statement')));
  return [...inline, ...attached] as Statement[];
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

function roleOfFunction(prefix: string): string {
  const fn = one(template, 'AWS::Lambda::Function', prefix);
  return text(at(fn.Properties, 'Role', 'Fn::GetAtt', 0));
}

describe('articles table', () => {
  it('is on-demand, with point-in-time recovery, and kept when the stack goes', () => {
    const table = resourcesOf(template, 'AWS::DynamoDB::Table');
    const [id, res] = Object.entries(table)[0];
    expect(Object.keys(table)).toHaveLength(1);
    expect(res.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(res.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    const raw = (template.toJSON() as { Resources: Record<string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }> }).Resources[id];
    expect(raw.DeletionPolicy).toBe('Retain');
    expect(raw.UpdateReplacePolicy).toBe('Retain');
  });

  it('has the key schema and index the store creates', () => {
    const [, res] = Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table'))[0];
    expect(res.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const defs = [...(res.Properties.AttributeDefinitions as Array<{ AttributeName: string }>)].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
    expect(defs).toEqual([...TABLE_LAYOUT.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)));
    expect(res.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
  });
});

describe('articles table against the store', () => {
  it('has the keys and indexes ensureTable() creates on a real (embedded) DynamoDB', async () => {
    const dynamo = await startEmbeddedDynamo({ inMemory: true });
    const client = new DynamoDBClient({ region: 'ap-southeast-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      await new DynamoArticleStore({ client, tableName: 'layout-check' }).ensureTable();
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'layout-check' }));
      const [, res] = Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table'))[0];
      const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => String(a.AttributeName).localeCompare(String(b.AttributeName));
      expect(res.Properties.KeySchema).toEqual(Table!.KeySchema);
      expect([...(res.Properties.AttributeDefinitions as Array<{ AttributeName?: string }>)].sort(byName)).toEqual([...Table!.AttributeDefinitions!].sort(byName));
      const deployed = list(res.Properties.GlobalSecondaryIndexes).map((g) => ({ IndexName: at(g, 'IndexName'), KeySchema: at(g, 'KeySchema'), Projection: at(g, 'Projection') }));
      const created = (Table!.GlobalSecondaryIndexes ?? []).map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }));
      expect(deployed).toEqual(created);
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });
});

describe('crawl pipeline', () => {
  it('runs the dispatcher on a 30-minute schedule by default, naming the run by its scheduled time', () => {
    const schedule = one(template, 'AWS::Scheduler::Schedule', 'CrawlSchedule');
    expect(schedule.Properties.ScheduleExpression).toBe('rate(30 minutes)');
    expect(schedule.Properties.State).toBe('ENABLED');
    expect(at(schedule.Properties, 'Target', 'Arn')).toEqual({ 'Fn::GetAtt': [one(template, 'AWS::Lambda::Function', 'CrawlDispatcher').id, 'Arn'] });
    expect(JSON.parse(text(at(schedule.Properties, 'Target', 'Input'))) as unknown).toEqual({
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
    });
  });

  it('takes the schedule and concurrency from context', () => {
    const app = new App({ context: { schedule: 'rate(2 hours)', crawlConcurrency: '25', registry: 'x.json', logRetentionDays: '14' } });
    const props = stackPropsFromContext(app.node);
    expect(props).toMatchObject({ schedule: 'rate(2 hours)', crawlConcurrency: 25, registryFile: 'x.json', logRetention: 14 });
    const { template: t } = synth({ schedule: props.schedule, crawlConcurrency: props.crawlConcurrency });
    expect(one(t, 'AWS::Scheduler::Schedule', 'CrawlSchedule').Properties.ScheduleExpression).toBe('rate(2 hours)');
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 25 } });
  });

  it('rejects a malformed schedule or concurrency in context with a message naming it', () => {
    expect(() => stackPropsFromContext(new App({ context: { schedule: 'every 30 minutes' } }).node)).toThrow(/schedule/);
    expect(() => stackPropsFromContext(new App({ context: { crawlConcurrency: '1' } }).node)).toThrow(/crawlConcurrency/);
    expect(() => stackPropsFromContext(new App({ context: { logRetentionDays: '8' } }).node)).toThrow(/logRetentionDays/);
  });

  it('queues sources on a FIFO queue with explicit deduplication and a FIFO dead-letter queue after 3 receives', () => {
    const queue = one(template, 'AWS::SQS::Queue', 'CrawlSourceQueue');
    const dlq = one(template, 'AWS::SQS::Queue', 'CrawlDeadLetterQueue');
    expect(queue.Properties.FifoQueue).toBe(true);
    expect(queue.Properties.ContentBasedDeduplication).toBe(false);
    expect(dlq.Properties.FifoQueue).toBe(true);
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] }, maxReceiveCount: 3 });
    expect(CRAWL_MAX_RECEIVES).toBe(3);
    for (const q of [queue, dlq]) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('keeps a message invisible for at least six crawl timeouts', () => {
    const queue = one(template, 'AWS::SQS::Queue', 'CrawlSourceQueue');
    const crawler = one(template, 'AWS::Lambda::Function', 'CrawlCrawler');
    expect(crawler.Properties.Timeout).toBe(CRAWL_TIMEOUT.toSeconds());
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * num(crawler.Properties.Timeout));
  });

  it('feeds the crawl function small batches with partial failures and bounded concurrency', () => {
    const mapping = one(template, 'AWS::Lambda::EventSourceMapping', 'CrawlCrawler');
    expect(mapping.Properties.BatchSize).toBe(CRAWL_BATCH_SIZE);
    expect(mapping.Properties.BatchSize).toBeGreaterThanOrEqual(1);
    expect(mapping.Properties.BatchSize).toBeLessThanOrEqual(5);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 10 });
    expect(mapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': [one(template, 'AWS::SQS::Queue', 'CrawlSourceQueue').id, 'Arn'] });
  });
});

describe('functions', () => {
  it('are arm64 on Node.js 22, each with its own log group with a retention', () => {
    const fns = resourcesOf(template, 'AWS::Lambda::Function');
    expect(Object.keys(fns).sort()).toEqual(
      [one(template, 'AWS::Lambda::Function', 'CrawlDispatcher').id, one(template, 'AWS::Lambda::Function', 'CrawlCrawler').id, one(template, 'AWS::Lambda::Function', 'FeedServer').id].sort(),
    );
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Handler).toBe('index.handler');
      const group = text(at(fn.Properties, 'LoggingConfig', 'LogGroup', 'Ref'));
      expect(groups[group].Properties.RetentionInDays).toBe(30);
      expect(at(fn.Properties, 'Environment', 'Variables', 'WARDFEED_REGISTRY')).toBe('/var/task/registry.json');
    }
    const table = Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))[0];
    for (const prefix of ['CrawlCrawler', 'FeedServer']) {
      expect(at(one(template, 'AWS::Lambda::Function', prefix).Properties, 'Environment', 'Variables', 'TABLE_NAME')).toEqual({ Ref: table });
    }
    expect(at(one(template, 'AWS::Lambda::Function', 'CrawlDispatcher').Properties, 'Environment', 'Variables', 'QUEUE_URL')).toEqual({
      Ref: one(template, 'AWS::SQS::Queue', 'CrawlSourceQueue').id,
    });
  });
});

describe('feed service', () => {
  it('puts the feed function behind an IAM-authenticated Function URL', () => {
    const url = one(template, 'AWS::Lambda::Url', 'FeedServer');
    expect(url.Properties.AuthType).toBe('AWS_IAM');
    expect(url.Properties.TargetFunctionArn).toEqual({ 'Fn::GetAtt': [one(template, 'AWS::Lambda::Function', 'FeedServer').id, 'Arn'] });
  });

  it('lets only this CloudFront distribution invoke it, signed with Origin Access Control', () => {
    const oac = Object.values(resourcesOf(template, 'AWS::CloudFront::OriginAccessControl'));
    expect(oac).toHaveLength(1);
    expect(oac[0].Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const distribution = one(template, 'AWS::CloudFront::Distribution', 'FeedDistribution');
    const origin = at(distribution.Properties, 'DistributionConfig', 'Origins', 0);
    expect(at(origin, 'OriginAccessControlId')).toEqual({ 'Fn::GetAtt': [Object.keys(resourcesOf(template, 'AWS::CloudFront::OriginAccessControl'))[0], 'Id'] });
    expect(at(origin, 'CustomOriginConfig', 'OriginProtocolPolicy')).toBe('https-only');
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    const feedUrl = one(template, 'AWS::Lambda::Url', 'FeedServer').id;
    const forFeed = permissions.filter((p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [feedUrl, 'FunctionArn'] }));
    expect(forFeed).toHaveLength(permissions.length);
    expect(forFeed.map((p) => text(p.Properties.Action)).sort()).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
    for (const p of forFeed) {
      expect(p.Properties.Principal).toBe('cloudfront.amazonaws.com');
      expect(JSON.stringify(p.Properties.SourceArn)).toContain(distribution.id);
    }
  });

  it('caches by the reply\'s own Cache-Control, keyed by the parameters the app takes and no others, compressed', () => {
    const policy = one(template, 'AWS::CloudFront::CachePolicy', 'FeedCachePolicy').Properties.CachePolicyConfig as Record<string, unknown>;
    expect(policy.MinTTL).toBe(0);
    expect(policy.DefaultTTL).toBeLessThanOrEqual(60);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(3600);
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin as Record<string, unknown>;
    expect(at(key, 'QueryStringsConfig', 'QueryStringBehavior')).toBe('whitelist');
    expect(list(at(key, 'QueryStringsConfig', 'QueryStrings')).map(text).sort()).toEqual(['bom', 'cursor', 'district', 'format', 'from', 'limit', 'province', 'q', 'to', 'ward']);
    const forwarded = one(template, 'AWS::CloudFront::OriginRequestPolicy', 'FeedOriginRequestPolicy').Properties.OriginRequestPolicyConfig;
    expect(at(forwarded, 'QueryStringsConfig', 'QueryStringBehavior')).toBe('none');
    expect(key.EnableAcceptEncodingGzip).toBe(true);
    expect(key.EnableAcceptEncodingBrotli).toBe(true);
    expect(at(key, 'CookiesConfig', 'CookieBehavior')).toBe('none');
    const behaviour = at(one(template, 'AWS::CloudFront::Distribution', 'FeedDistribution').Properties, 'DistributionConfig', 'DefaultCacheBehavior') as Record<string, unknown>;
    expect(behaviour.Compress).toBe(true);
    expect(behaviour.CachePolicyId).toEqual({ Ref: one(template, 'AWS::CloudFront::CachePolicy', 'FeedCachePolicy').id });
    expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('passes the public host to the function through a viewer-request CloudFront Function', () => {
    const fn = one(template, 'AWS::CloudFront::Function', 'FeedForwardHost');
    expect(text(fn.Properties.FunctionCode)).toContain("request.headers['x-wardfeed-host']");
    const orp = one(template, 'AWS::CloudFront::OriginRequestPolicy', 'FeedOriginRequestPolicy').Properties.OriginRequestPolicyConfig;
    expect(at(orp, 'HeadersConfig')).toEqual({ HeaderBehavior: 'whitelist', Headers: ['x-wardfeed-host'] });
    const behaviour = at(one(template, 'AWS::CloudFront::Distribution', 'FeedDistribution').Properties, 'DistributionConfig', 'DefaultCacheBehavior') as Record<string, unknown>;
    expect(behaviour.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn.id, 'FunctionARN'] } }]);
  });

  it('reserves (and caps) the feed function\'s concurrency, 20 by default or from context', () => {
    expect(one(template, 'AWS::Lambda::Function', 'FeedServer').Properties.ReservedConcurrentExecutions).toBe(20);
    const app = new App({ context: { feedConcurrency: '7' } });
    expect(stackPropsFromContext(app.node).feedConcurrency).toBe(7);
    const custom = synth({ feedConcurrency: 7 }).template;
    expect(one(custom, 'AWS::Lambda::Function', 'FeedServer').Properties.ReservedConcurrentExecutions).toBe(7);
    expect(() => stackPropsFromContext(new App({ context: { feedConcurrency: 'many' } }).node)).toThrow(/feedConcurrency/);
  });

  it('signs cursors with a key generated per deployment, resolved into the feed function\'s environment', () => {
    const secrets = Object.entries(resourcesOf(template, 'AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0];
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    const key = at(one(template, 'AWS::Lambda::Function', 'FeedServer').Properties, 'Environment', 'Variables', 'WARDFEED_CURSOR_KEY');
    expect(JSON.stringify(key)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(key)).toContain(secretId);
    // No other function gets it.
    const others = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => !id.startsWith('FeedServer'));
    for (const [, fn] of others) expect(maybeAt(fn.Properties, 'Environment', 'Variables', 'WARDFEED_CURSOR_KEY')).toBeUndefined();
  });

  it('outputs the public https base URL and the table name', () => {
    const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    expect(outputs.FeedBaseUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [one(template, 'AWS::CloudFront::Distribution', 'FeedDistribution').id, 'DomainName'] }]] });
    expect(outputs.TableName.Value).toEqual({ Ref: Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))[0] });
  });
});

describe('least privilege', () => {
  const READ_ACTIONS = new Set([
    'dynamodb:BatchGetItem',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:DescribeTable',
    'dynamodb:ConditionCheckItem',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
  ]);
  const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
  const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

  const table = () => Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))[0];
  const logGroupOf = (prefix: string) => text(at(one(template, 'AWS::Lambda::Function', prefix).Properties, 'LoggingConfig', 'LogGroup', 'Ref'));

  /** Each statement is an Allow on exactly the resources named. */
  function expectOnlyOn(statements: Statement[], allowed: (s: Statement) => boolean) {
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      expect(allowed(s), JSON.stringify(s)).toBe(true);
    }
  }
  const onTable = (s: Statement) => JSON.stringify(s.Resource).includes(`"${table()}"`) && !JSON.stringify(s.Resource).includes('"*"');
  const onOwnLogs = (prefix: string) => (s: Statement) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [logGroupOf(prefix), 'Arn'] });
  const onQueue = (s: Statement) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [one(template, 'AWS::SQS::Queue', 'CrawlSourceQueue').id, 'Arn'] });

  it('the feed function can only read the table and write its own logs', () => {
    const statements = statementsOf(roleOfFunction('FeedServer'));
    const actions = actionsOf(statements);
    for (const a of actions.filter((a) => a.startsWith('dynamodb:'))) expect(READ_ACTIONS.has(a), a).toBe(true);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', ...LOG_ACTIONS]));
    expect(actions.filter((a) => !a.startsWith('dynamodb:') && !LOG_ACTIONS.includes(a))).toEqual([]);
    expectOnlyOn(statements, (s) => (actionsOf([s]).every((a) => a.startsWith('dynamodb:')) ? onTable(s) : onOwnLogs('FeedServer')(s)));
  });

  it('the crawl function reads and writes the table, consumes its queue, writes its logs, and nothing else', () => {
    const statements = statementsOf(roleOfFunction('CrawlCrawler'));
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining([...WRITE_ACTIONS, 'dynamodb:GetItem', 'dynamodb:Query', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', ...LOG_ACTIONS]));
    const sqsAllowed = new Set(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']);
    for (const a of actions) {
      const ok = a.startsWith('dynamodb:') ? READ_ACTIONS.has(a) || WRITE_ACTIONS.includes(a) : a.startsWith('sqs:') ? sqsAllowed.has(a) : LOG_ACTIONS.includes(a);
      expect(ok, a).toBe(true);
    }
    expectOnlyOn(statements, (s) => {
      const kinds = new Set(actionsOf([s]).map((a) => a.split(':')[0]));
      if (kinds.size !== 1) return false;
      if (kinds.has('dynamodb')) return onTable(s);
      if (kinds.has('sqs')) return onQueue(s);
      return onOwnLogs('CrawlCrawler')(s);
    });
  });

  it('the dispatcher can only send to the queue and write its logs', () => {
    const statements = statementsOf(roleOfFunction('CrawlDispatcher'));
    expect(actionsOf(statements).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage']);
    expectOnlyOn(statements, (s) => (actionsOf([s])[0] === 'sqs:SendMessage' ? onQueue(s) : onOwnLogs('CrawlDispatcher')(s)));
  });

  it('the schedule may only invoke the dispatcher', () => {
    const schedule = one(template, 'AWS::Scheduler::Schedule', 'CrawlSchedule');
    const statements = statementsOf(text(at(schedule.Properties, 'Target', 'RoleArn', 'Fn::GetAtt', 0)));
    expect([...new Set(actionsOf(statements))]).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements.map((s) => s.Resource))).toContain(one(template, 'AWS::Lambda::Function', 'CrawlDispatcher').id);
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const topic = () => Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))[0];

  it('fire when anything lands in the dead-letter queue', () => {
    const dlq = one(template, 'AWS::SQS::Queue', 'CrawlDeadLetterQueue').id;
    const alarm = alarms().find((a) => a.Namespace === 'AWS/SQS');
    expect(alarm).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('watch crawl errors and sources that stay empty for 3 runs, from the crawl metrics', () => {
    const errors = alarms().find((a) => a.MetricName === 'CrawlErrors');
    expect(errors).toMatchObject({ Namespace: 'Wardfeed', Dimensions: [{ Name: 'service', Value: 'crawl' }], Statistic: 'Sum' });
    const empty = alarms().find((a) => a.MetricName === 'EmptyRuns');
    expect(empty).toMatchObject({ Namespace: 'Wardfeed', Statistic: 'Maximum', Threshold: 3, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('watch the feed function for errors and 5xx replies', () => {
    const feedFn = one(template, 'AWS::Lambda::Function', 'FeedServer').id;
    const onFeed = alarms().filter((a) => a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: feedFn } }]));
    expect(onFeed.map((a) => a.MetricName).sort()).toEqual(['Errors', 'Url5xxCount']);
  });

  it('all notify the alarm topic, which CloudWatch of this account may publish to over TLS only', () => {
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topic() }]);
    const policy = list(at(Object.values(resourcesOf(template, 'AWS::SNS::TopicPolicy'))[0].Properties, 'PolicyDocument', 'Statement')) as Statement[];
    expect(policy.find((s) => s.Effect === 'Deny')?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(policy.find((s) => s.Effect === 'Allow')).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' });
  });

  it('subscribe an address when one is given', () => {
    const { template: t } = synth({ alarmEmail: 'ops@example.org' });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    expect(Object.keys(template.findResources('AWS::SNS::Subscription'))).toEqual([]);
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('has no finding left unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const open = report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ')}`);
    expect(open).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('finds something without the acknowledgements (the check is live) and every acknowledgement gives a reason', () => {
    const acknowledged: { id: string; reason: string }[] = [];
    for (const c of stack.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acknowledged.push({ id, reason });
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) expect(a.reason?.length ?? 0, a.id).toBeGreaterThan(60);
    const ids = new Set(acknowledged.map((a) => /AwsSolutions-[A-Z]+\d+/.exec(a.id)?.[0]));
    expect([...ids].sort()).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR3', 'AwsSolutions-CFR4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-SMG4']);
    // Without them, the same checks do find these.
    const bare = synth().stack;
    for (const c of bare.node.findAll()) (c.node as unknown as { _metadata: unknown[] })._metadata = c.node.metadata.filter((m) => m.type !== 'aws:cdk:acknowledged-rules');
    const found = new AwsSolutionsChecks().validateScope(bare).violations.map((v) => /AwsSolutions-[A-Z]+\d+/.exec(v.ruleName)?.[0]);
    expect([...new Set(found)].sort()).toEqual([...ids].sort());
  });

  it('passes as a synth-time validation plugin, the way `cdk synth` runs it', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'wardfeed-cdkout-'));
    const app = new App({ outdir, context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    new WardfeedStack(app, 'WardfeedNag', { registryFile: writeTestRegistry().file });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('synthesises without warnings or errors', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});

describe('registry bundle', () => {
  it('copies the registry and the certificates it names into the package', () => {
    const { file } = writeTestRegistry();
    const bundle = registryBundle(file);
    expect(bundle.files.map((f) => f.to)).toEqual(['registry.json', 'certs/chain.pem']);
    const out = mkdtempSync(join(tmpdir(), 'wardfeed-bundle-'));
    execFileSync('sh', ['-c', bundle.copyCommands(out).join(' && ')]);
    expect(readFileSync(join(out, 'registry.json'), 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(existsSync(join(out, 'certs', 'chain.pem'))).toBe(true);
  });

  it('stops the synth on a missing or broken registry, naming the file', () => {
    expect(() => synth({ registryFile: '/nonexistent/registry.json' })).toThrow(/\/nonexistent\/registry\.json/);
    const { dir } = writeTestRegistry();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ wards: [], sources: [{ id: 'Bad Id' }] }));
    expect(() => synth({ registryFile: broken })).toThrow(/broken\.json/);
  });
});
