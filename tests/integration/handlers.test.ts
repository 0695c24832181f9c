/**
 * The Lambda handlers with real event shapes, against the fixture sites, the embedded DynamoDB,
 * and a loopback SQS endpoint speaking the SQS JSON protocol (what the AWS SDK sends).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrawlHandler } from '../../functions/crawl-source.ts';
import { decodeCrawlMessage } from '../../functions/crawl-message.ts';
import { createDispatcher, sqsSendBatch, type QueueEntry } from '../../functions/dispatcher.ts';
import { createFeedHandler, handler as productionFeedHandler } from '../../functions/serve-feed.ts';
import { crawlSource, createCrawlFetcher } from '../../lib/crawl/index.ts';
import { parseRegistry } from '../../lib/registry/index.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { REGISTRY_FILE, expectedArticles, startHarness, type Harness } from './crawl-harness.ts';
import { parseJson, type JsonFeed } from '../helpers/json.ts';

// ---- a loopback SQS endpoint ------------------------------------------------------------------

/** The registry file as written: wards and sources. */
type RegistryFile = Pick<Registry, 'wards' | 'sources'>;

interface SqsCall {
  target: string;
  body: { QueueUrl: string; Entries: QueueEntry[] };
}

/**
 * Answers `AmazonSQS.SendMessageBatch` as SQS does (JSON protocol, MD5 of each body, which the
 * SDK checks). `refuse` names message bodies to refuse once, as throttled.
 */
async function startSqsEndpoint() {
  const calls: SqsCall[] = [];
  const refuseOnce = new Set<string>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = parseJson<SqsCall['body']>(Buffer.concat(chunks).toString('utf8'));
      calls.push({ target, body });
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (target !== 'AmazonSQS.SendMessageBatch') {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: target }));
        return;
      }
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const e of body.Entries) {
        if (refuseOnce.delete(e.MessageBody)) {
          Failed.push({ Id: e.Id, Code: 'ThrottlingException', Message: 'slow down', SenderFault: false });
          continue;
        }
        Successful.push({
          Id: e.Id,
          MessageId: `msg-${++seq}`,
          MD5OfMessageBody: createHash('md5').update(e.MessageBody).digest('hex'),
          SequenceNumber: String(10_000_000 + seq),
        });
      }
      res.end(JSON.stringify({ Successful, Failed }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const queueUrl = `http://127.0.0.1:${port}/000000000000/wardfeed-crawl.fifo`;
  const client = new SQSClient({ region: 'ap-southeast-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    calls,
    refuseOnce,
    queueUrl,
    sendBatch: sqsSendBatch(client, queueUrl),
    sent: () => calls.flatMap((c) => c.body.Entries),
    close: async () => {
      client.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

// ---- event shapes ------------------------------------------------------------------------------

/** An SQS record as Lambda delivers it from a FIFO queue. */
function sqsRecord(entry: QueueEntry, n: number): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: `0b6f-${n}`,
    receiptHandle: `receipt-${n}`,
    body: entry.MessageBody,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SequenceNumber: String(18_000_000_000 + n),
      MessageGroupId: entry.MessageGroupId,
      SenderId: 'AROAEXAMPLE:dispatcher',
      MessageDeduplicationId: entry.MessageDeduplicationId,
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(entry.MessageBody).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:wardfeed-crawl.fifo',
    awsRegion: 'ap-southeast-1',
  };
}

/** A Function URL request (payload format 2.0) as CloudFront forwards it. */
function urlEvent(path: string, opts: { query?: string; headers?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: opts.query ?? '',
    headers: {
      host: 'abcdefghij.lambda-url.ap-southeast-1.on.aws',
      'x-forwarded-proto': 'https',
      'user-agent': 'Amazon CloudFront',
      'x-wardfeed-host': 'feeds.example.org',
      ...opts.headers,
    },
    ...(opts.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(opts.query)) } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghij',
      domainName: 'abcdefghij.lambda-url.ap-southeast-1.on.aws',
      domainPrefix: 'abcdefghij',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '130.176.0.1', userAgent: 'Amazon CloudFront' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '20/Jul/2025:14:08:00 +0000',
      timeEpoch: 1753020480000,
    },
    isBase64Encoded: false,
  };
}

/** Lines written to stdout while `fn` runs (Powertools writes logs and EMF metrics there). */
async function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  });
  try {
    return { result: await fn(), lines };
  } finally {
    process.stdout.write = write;
  }
}

/** A Powertools log line or EMF metrics record: the fields the tests read. */
interface LogLine {
  [field: string]: unknown;
  service?: string;
  message?: string;
  sourceId?: string;
  kind?: string;
  _aws?: { CloudWatchMetrics: Array<{ Namespace: string }> };
  NewArticles?: number | number[];
  EmptyRuns?: number | number[];
}

const jsonLines = (lines: string[]) =>
  lines.flatMap((l) => {
    try {
      return [parseJson<LogLine>(l)];
    } catch {
      return [];
    }
  });

// ---- the tests ---------------------------------------------------------------------------------

const THANH_TRI = 'hoangmai-thanh-tri';
const MY_LONG = 'mylong-tin-tuc';
const MY_LONG_HOST = 'mylong.longxuyen.angiang.gov.vn';

let h: Harness;
let sqs: Awaited<ReturnType<typeof startSqsEndpoint>>;

beforeAll(async () => {
  h = await startHarness('handlers');
  sqs = await startSqsEndpoint();
});

afterAll(async () => {
  await sqs?.close();
  await h?.close();
});

/** The fixture registry with one more source on an already registered host, and one source unverified. */
function dispatchRegistry(): Registry {
  const data = parseJson<RegistryFile>(readFileSync(REGISTRY_FILE, 'utf8'));
  data.sources.push({
    id: 'hoangmai-tin-tuc',
    listUrls: ['https://hoangmai.hanoi.gov.vn/tin-tuc'],
    profile: 'auto',
    ward: 'thanh-tri-hoang-mai',
    verified: true,
  });
  const unverified = data.sources.find((s) => s.id === MY_LONG)!;
  unverified.verified = false;
  unverified.note = 'listing address not attested';
  return parseRegistry(data, 'dispatch-registry.json');
}

describe('dispatcher (Scheduler event -> SendMessageBatch)', () => {
  it('enqueues one message per crawlable source, grouped by host, skipping unverified sources', async () => {
    const registry = dispatchRegistry();
    sqs.calls.length = 0;
    const dispatch = createDispatcher({ registry, sendBatch: sqs.sendBatch });
    const report = await dispatch({ scheduledTime: '2025-07-20T14:00:00Z', executionId: 'exec-1' });

    const crawlableIds = registry.sources.filter((s) => s.verified).map((s) => s.id);
    const sent = sqs.sent();
    expect(sqs.calls.every((c) => c.target === 'AmazonSQS.SendMessageBatch' && c.body.QueueUrl === sqs.queueUrl)).toBe(true);
    expect(sent.map((e) => decodeCrawlMessage(e.MessageBody).sourceId).sort()).toEqual([...crawlableIds].sort());
    expect(sent.map((e) => decodeCrawlMessage(e.MessageBody).sourceId)).not.toContain(MY_LONG);
    expect(report).toMatchObject({ run: '2025-07-20T14:00:00.000Z', enqueued: crawlableIds.length, skipped: [MY_LONG] });

    for (const e of sent) {
      const { sourceId, run } = decodeCrawlMessage(e.MessageBody);
      const source = registry.sources.find((s) => s.id === sourceId)!;
      expect(e.MessageGroupId).toBe(new URL(source.listUrls[0]).hostname);
      expect(run).toBe('2025-07-20T14:00:00.000Z');
    }
    // Two sources of one host share a group: SQS never hands them out at once.
    const hoangmai = sent.filter((e) => e.MessageGroupId === 'hoangmai.hanoi.gov.vn');
    expect(hoangmai).toHaveLength(2);
    expect(new Set(sent.map((e) => e.MessageDeduplicationId)).size).toBe(sent.length);
    // Batch entry ids are unique within each request.
    for (const c of sqs.calls) expect(new Set(c.body.Entries.map((e) => e.Id)).size).toBe(c.body.Entries.length);
  });

  it('gives a retried run the same deduplication ids, and the next run new ones', async () => {
    const registry = dispatchRegistry();
    const dispatch = createDispatcher({ registry, sendBatch: sqs.sendBatch });
    const idsOf = async (scheduledTime: string) => {
      sqs.calls.length = 0;
      await dispatch({ scheduledTime, executionId: Math.random().toString(36) });
      return sqs.sent().map((e) => e.MessageDeduplicationId).sort();
    };
    const first = await idsOf('2025-07-20T14:00:00Z');
    expect(await idsOf('2025-07-20T14:00:00Z')).toEqual(first);
    const next = await idsOf('2025-07-20T14:30:00Z');
    expect(next.filter((id) => first.includes(id))).toEqual([]);
  });

  it('sends at most 10 entries per request and retries entries the queue refused for its own reasons', async () => {
    const base = parseJson<RegistryFile>(readFileSync(REGISTRY_FILE, 'utf8'));
    const many = Array.from({ length: 23 }, (_, i) => ({
      id: `nguon-${i}`,
      listUrls: [`https://site-${i % 7}.example.gov.vn/tin-tuc-${i}`],
      profile: 'auto',
      ward: base.wards[0].id,
      verified: true,
    }));
    const registry = parseRegistry({ wards: base.wards, sources: many }, 'many.json');
    sqs.calls.length = 0;
    sqs.refuseOnce.add(JSON.stringify({ sourceId: 'nguon-4', run: '2025-07-20T15:00:00.000Z' }));
    const report = await createDispatcher({ registry, sendBatch: sqs.sendBatch })({ scheduledTime: '2025-07-20T15:00:00Z' });
    expect(report.enqueued).toBe(23);
    expect(report.groups).toBe(7);
    expect(Math.max(...sqs.calls.map((c) => c.body.Entries.length))).toBeLessThanOrEqual(10);
    expect(sqs.calls.length).toBe(4); // 10 + 10 + 3, and one retry of the refused entry
    const delivered = sqs.sent().map((e) => decodeCrawlMessage(e.MessageBody).sourceId);
    expect(delivered.filter((id) => id === 'nguon-4')).toHaveLength(2);
    expect(new Set(delivered).size).toBe(23);
  });
});

describe('crawl handler (SQS batch -> crawl -> partial batch failure)', () => {
  it('reports only the failing source as failed, stores the other, and logs and counts per source', async () => {
    // Entries as the dispatcher makes them, for one healthy source and one whose listing fails.
    const registry = h.registry;
    sqs.calls.length = 0;
    const chosen = parseRegistry({ wards: registry.wards, sources: registry.sources.filter((s) => s.id === THANH_TRI || s.id === MY_LONG) }, registry.file);
    await createDispatcher({ registry: chosen, sendBatch: sqs.sendBatch })({ scheduledTime: '2025-07-20T14:00:00Z' });
    const entries = sqs.sent();
    expect(entries).toHaveLength(2);
    const event: SQSEvent = { Records: entries.map((e, i) => sqsRecord(e, i)) };
    const failing = event.Records.find((r) => decodeCrawlMessage(r.body).sourceId === MY_LONG)!;

    const myLongListing = new URL(registry.sources.find((s) => s.id === MY_LONG)!.listUrls[0]);
    h.server.setFault(MY_LONG_HOST, myLongListing.pathname + myLongListing.search, { kind: '5xx', times: 1000, status: 503 });

    const fetcher = createCrawlFetcher(registry, {
      resolve: h.server.resolve,
      allowPrivate: true,
      delayMs: 0,
      caCerts: [h.server.caCert!],
      retries: 1,
      retryBaseMs: 2,
      retryMaxMs: 10,
    });
    const handler = createCrawlHandler({
      registry,
      store: h.store,
      fetcher,
      logger: new Logger({ serviceName: 'crawl' }),
      metrics: new Metrics({ namespace: 'WardfeedTest', serviceName: 'crawl' }),
    });
    let response;
    let lines: string[];
    try {
      ({ result: response, lines } = await captureStdout(() => handler(event)));
    } finally {
      h.server.clearFaults();
      await fetcher.close();
    }

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });

    // The healthy source's articles are in the store: its ward feed lists the fixture's titles.
    const expected = expectedArticles(registry).filter((a) => a.wardIds.includes('thanh-tri-hoang-mai'));
    expect(expected.length).toBeGreaterThan(0);
    const page = await h.store.list({ kind: 'ward', wardId: 'thanh-tri-hoang-mai' }, { limit: 100 });
    expect(page.items.map((a) => a.title).sort()).toEqual(expected.map((a) => a.title).sort());
    expect((await h.store.getCrawlState(MY_LONG))?.lastError?.kind).toBe('http-status');

    // Every log line of a source's crawl carries its id.
    const logs = jsonLines(lines).filter((l) => l.service === 'crawl' && l.message);
    const crawled = logs.filter((l) => l.message === 'source crawled');
    expect(crawled.map((l) => l.sourceId).sort()).toEqual([THANH_TRI, MY_LONG].sort());
    for (const l of logs) expect([THANH_TRI, MY_LONG]).toContain(l.sourceId);

    // Metrics (EMF): errors by kind for the failed source, new articles for the healthy one.
    const emf = jsonLines(lines).filter((l) => l._aws?.CloudWatchMetrics);
    const byKind = emf.filter((l) => l.kind === 'http-status' && 'CrawlErrors' in l);
    expect(byKind.length).toBeGreaterThan(0);
    const totals = emf.find((l) => 'NewArticles' in l && l.service === 'crawl')!;
    expect(totals._aws!.CloudWatchMetrics[0].Namespace).toBe('WardfeedTest');
    const newArticles = ([] as number[]).concat(totals.NewArticles!);
    expect(newArticles.reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(([] as number[]).concat(totals.EmptyRuns!).every((n) => n === 0)).toBe(true);
  });

  it('drops a message for a source no longer registered and fails an unreadable one', async () => {
    const fetcher = createCrawlFetcher(h.registry, { resolve: h.server.resolve, allowPrivate: true, caCerts: [h.server.caCert!] });
    const handler = createCrawlHandler({
      registry: h.registry,
      store: h.store,
      fetcher,
      logger: new Logger({ serviceName: 'crawl', logLevel: 'ERROR' }),
      metrics: new Metrics({ namespace: 'WardfeedTest', serviceName: 'crawl' }),
    });
    const gone: QueueEntry = { Id: 'm0', MessageBody: JSON.stringify({ sourceId: 'da-xoa', run: 'r' }), MessageGroupId: 'a.gov.vn', MessageDeduplicationId: 'd1' };
    const garbled: QueueEntry = { Id: 'm1', MessageBody: '{"sourceId":', MessageGroupId: 'b.gov.vn', MessageDeduplicationId: 'd2' };
    try {
      const { result } = await captureStdout(() => handler({ Records: [sqsRecord(gone, 1), sqsRecord(garbled, 2)] }));
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '0b6f-2' }] });
    } finally {
      await fetcher.close();
    }
  });
});

describe('feed handler (Function URL payload 2.0)', () => {
  // The feed tests read what a crawl stored; crawl here when run on their own.
  beforeAll(async () => {
    if ((await h.store.list({ kind: 'ward', wardId: 'thanh-tri-hoang-mai' }, { limit: 1 })).items.length) return;
    const fetcher = createCrawlFetcher(h.registry, { resolve: h.server.resolve, allowPrivate: true, delayMs: 0, caCerts: [h.server.caCert!] });
    try {
      await crawlSource(h.registry.sources.find((s) => s.id === THANH_TRI)!, { registry: h.registry, store: h.store, fetcher });
    } finally {
      await fetcher.close();
    }
  });

  it('serves a ward feed naming the public host, and answers 304 to its ETag', async () => {
    const handler = createFeedHandler({ store: h.store, registry: h.registry });
    const res = (await handler(urlEvent('/feeds/thanh-tri-hoang-mai.rss'))) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    const headers = res.headers as Record<string, string>;
    expect(headers['content-type']).toMatch(/xml/);
    expect(headers['cache-control']).toBeTruthy();
    const etag = headers.etag;
    expect(etag).toBeTruthy();
    const body = String(res.body);
    const rss = new XMLParser({ ignoreAttributes: false }).parse(body) as { rss: { channel: { item?: { title: string; link: string } | { title: string; link: string }[] } } };
    const items = ([] as { title: string; link: string }[]).concat(rss.rss.channel.item ?? []);
    const expected = expectedArticles(h.registry).filter((e) => e.wardIds.includes('thanh-tri-hoang-mai'));
    expect(items.map((i) => String(i.title)).sort()).toEqual(expected.map((e) => e.title).sort());
    expect(items.map((i) => i.link).sort()).toEqual(expected.map((e) => e.url).sort());
    // Self links name the public (CloudFront) host, never the Function URL behind it.
    expect(body).toContain('https://feeds.example.org/feeds/thanh-tri-hoang-mai.rss');
    expect(body).not.toContain('lambda-url');

    const again = (await handler(urlEvent('/feeds/thanh-tri-hoang-mai.rss', { headers: { 'if-none-match': etag } }))) as APIGatewayProxyStructuredResultV2;
    expect(again.statusCode).toBe(304);
    expect(again.body ?? '').toBe('');
  });

  it('answers bad input with a 4xx, never a 5xx', async () => {
    const handler = createFeedHandler({ store: h.store, registry: h.registry });
    const unknown = (await handler(urlEvent('/feeds/khong-co-phuong-nay.rss'))) as APIGatewayProxyStructuredResultV2;
    expect(unknown.statusCode).toBe(404);
    const badLimit = (await handler(urlEvent('/feeds/thanh-tri-hoang-mai.rss', { query: 'limit=abc' }))) as APIGatewayProxyStructuredResultV2;
    expect(badLimit.statusCode).toBe(400);
  });

  it('wires itself from the Lambda environment (TABLE_NAME, WARDFEED_REGISTRY) like the deployed function', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      TABLE_NAME: h.config.tableName,
      WARDFEED_REGISTRY: REGISTRY_FILE,
      DYNAMODB_ENDPOINT: h.config.dynamoEndpoint,
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    try {
      const res = (await productionFeedHandler(urlEvent('/feeds/thanh-tri-hoang-mai.json'), {} as never)) as APIGatewayProxyStructuredResultV2;
      expect(res.statusCode).toBe(200);
      const feed = parseJson<JsonFeed>(String(res.body));
      const expected = expectedArticles(h.registry).filter((e) => e.wardIds.includes('thanh-tri-hoang-mai'));
      expect(feed.items.map((i) => i.title).sort()).toEqual(expected.map((e) => e.title).sort());
    } finally {
      process.env = saved;
    }
  });
});
