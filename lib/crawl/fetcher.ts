/**
 * The polite fetcher (DESIGN: crawling manners) on undici: identifying User-Agent, robots.txt,
 * one request at a time per host with a delay, bounded timeouts/redirects/body size, retries
 * with backoff on 5xx, 429, timeouts and dropped connections, conditional requests, registered
 * hosts only, no private addresses, and per-source extra CA certificates.
 */
import type { Dispatcher } from 'undici';
import { USER_AGENT } from '../config.ts';
import { WardfeedError, type ErrorKind } from '../errors.ts';
import { discard, readBody } from './body-reader.ts';
import { createConnector, type Connector } from './connector.ts';
import { retryAfterMs } from './backoff.ts';
import { withRetries, type RetryAsk, type RetryPolicy } from './retry.ts';
import { decodeBody } from './charset.ts';
import { HostQueue } from './host-queue.ts';
import { ALLOW_ALL, type Robots } from './robots.ts';
import { createRobotsCache } from './robots-cache.ts';

export const TLS_CHAIN_HINT = "the site's certificate chain is incomplete; add its intermediate CA to the source's fetch.caCerts";

export interface FetcherOptions {
  userAgent?: string;
  /** Hosts that may be fetched, redirects included; undefined: any host. */
  allowedHosts?: Iterable<string>;
  /** Allow private and loopback targets (tests, demo). Link-local and metadata addresses stay refused. */
  allowPrivate?: boolean;
  /** Like curl's `--resolve`: host -> "ip:port"; TLS names and Host headers stay the real host's. */
  resolve?: Record<string, string>;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Body size cap in bytes (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Longest `Retry-After` honoured (default 60 s); longer asks are cut to this. */
  maxRetryAfterMs?: number;
  /** Default minimum delay between two requests to one host (default 1000 ms). */
  delayMs?: number;
  /** Longest robots.txt `Crawl-delay` honoured, in ms (default 60 s). */
  maxCrawlDelayMs?: number;
  /** Honour robots.txt (default true). */
  robots?: boolean;
  /** How long a robots.txt is kept before it is asked again, conditionally (default and most 24 h). */
  robotsTtlMs?: number;
  /** Overall deadline of one request, headers and body (default 60 s; a source's `timeoutMs` replaces it). */
  requestTimeoutMs?: number;
  now?: () => number;
  /** Extra CA certificates for every request: PEM text or PEM file paths. */
  caCerts?: string[];
  random?: () => number;
}

export interface FetchStats {
  requests: number;
  bytes: number;
  retries: number;
}

export interface FetchRequest {
  /** Validators from the last answer: makes the request conditional. */
  etag?: string;
  lastModified?: string;
  /** This source's delay and timeout (registry `fetch` options). */
  delayMs?: number;
  timeoutMs?: number;
  /** This source's extra CA certificates (PEM text or file paths), added to the default trust store. */
  caCerts?: string[];
  /** `html` (default) refuses bodies that are not HTML; `text` takes any text; `bytes` does not decode. */
  expect?: 'html' | 'text' | 'bytes';
  /** Also counted here (a source's own tally). */
  stats?: FetchStats;
}

export interface FetchResult {
  url: string;
  /** Where the answer came from, after redirects. */
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  body: Buffer;
  /** Decoded text ('' for 304 and `expect: 'bytes'`). */
  text: string;
  charset?: string;
}

export interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
  /** The robots.txt rules of a URL's origin (kept up to 24 hours, then asked again conditionally). */
  robotsFor(url: string, req?: FetchRequest): Promise<Robots>;
  stats(): FetchStats & { byHost: Record<string, FetchStats> };
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

function toWardfeedError(e: unknown, url: string): WardfeedError {
  if (e instanceof WardfeedError) return e;
  const err = e as { code?: string; message?: string; cause?: unknown };
  const cause = err.cause as { code?: string; message?: string } | undefined;
  const code = err.code ?? '';
  const inner = cause?.code ?? '';
  if (cause instanceof WardfeedError) return cause;
  const codes = [code, inner];
  if (codes.some((c) => /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/.test(c))) {
    return new WardfeedError('tls', `TLS: ${err.message ?? code}`, { url, hint: TLS_CHAIN_HINT, cause: e });
  }
  if (codes.some((c) => /CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|^EPROTO$/.test(c))) {
    return new WardfeedError('tls', `TLS: ${err.message ?? code}`, { url, cause: e });
  }
  if (codes.some((c) => /^(UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ETIMEDOUT)$/.test(c))) {
    return new WardfeedError('timeout', `timed out (${code || inner})`, { url, cause: e });
  }
  return new WardfeedError('network', `${err.message ?? 'network error'}${code ? ` (${code})` : ''}`, { url, cause: e });
}

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['timeout', 'network']);

/** Timeouts and dropped connections are worth another try; a name that does not exist is not. */
function retryable(e: WardfeedError): boolean {
  return RETRYABLE.has(e.kind) && !/\bENOTFOUND\b/.test(e.message);
}

type Attempt = { kind: 'done'; result: FetchResult } | { kind: 'redirect'; location: string } | RetryAsk;

/** What one request of `attempt` needs from its fetcher. */
interface AskContext {
  connector: Connector;
  userAgent: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBytes: number;
  count: (host: string, req: FetchRequest, field: keyof FetchStats, n?: number) => void;
}

/** One request and its answer: done (2xx, 304), a redirect, or a retry asked by the status. */
async function answer(ctx: AskContext, url: URL, req: FetchRequest, conditional: boolean, signal: AbortSignal): Promise<Attempt> {
  const { connector, userAgent, headersTimeoutMs, bodyTimeoutMs, maxBytes, count } = ctx;
  const host = url.hostname.toLowerCase();
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: req.expect === 'bytes' ? '*/*' : 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    'accept-language': 'vi,en;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (conditional && req.etag) headers['if-none-match'] = req.etag;
  if (conditional && req.lastModified) headers['if-modified-since'] = req.lastModified;
  const timeout = req.timeoutMs;
  count(host, req, 'requests');
  let res: Dispatcher.ResponseData;
  try {
    res = await connector.agentFor(req.caCerts ?? []).request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'GET',
      headers,
      headersTimeout: timeout ?? headersTimeoutMs,
      bodyTimeout: timeout ?? bodyTimeoutMs,
      signal,
    });
  } catch (e) {
    throw toWardfeedError(e, url.href);
  }
  const h = (name: string) => {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const status = res.statusCode;
  if (REDIRECTS.has(status) && h('location')) {
    await res.body.dump().catch(() => undefined);
    return { kind: 'redirect', location: h('location')! };
  }
  if (status === 429 || status >= 500) {
    await res.body.dump().catch(() => undefined);
    return { kind: 'retry', status, waitMs: retryAfterMs(h('retry-after')) };
  }
  const base = { url: url.href, finalUrl: url.href, status, contentType: h('content-type'), etag: h('etag'), lastModified: h('last-modified') };
  if (status === 304) {
    await res.body.dump().catch(() => undefined);
    return { kind: 'done', result: { ...base, notModified: true, body: Buffer.alloc(0), text: '' } };
  }
  if (status < 200 || status >= 300) {
    await res.body.dump().catch(() => undefined);
    throw new WardfeedError('http-status', `HTTP ${status}`, { url: url.href, status });
  }
  const length = Number(h('content-length'));
  if (Number.isFinite(length) && length > maxBytes) {
    discard(res.body);
    throw new WardfeedError('too-large', `body of ${length} bytes is over the ${maxBytes}-byte cap`, { url: url.href });
  }
  if ((req.expect ?? 'html') === 'html' && base.contentType && !HTML_TYPES.test(base.contentType)) {
    discard(res.body);
    throw new WardfeedError('parse', `not an HTML page (Content-Type: ${base.contentType})`, { url: url.href, status });
  }
  let body: Buffer;
  try {
    body = await readBody(res.body, h('content-encoding'), url.href, maxBytes, (n) => count(host, req, 'bytes', n));
  } catch (e) {
    throw toWardfeedError(e, url.href);
  }
  if (req.expect === 'bytes') return { kind: 'done', result: { ...base, notModified: false, body, text: '' } };
  const { text, charset } = decodeBody(body, base.contentType, url.href);
  return { kind: 'done', result: { ...base, notModified: false, body, text, charset } };
}

/** The fetcher's options with their defaults filled in. */
function settingsOf(opts: FetcherOptions) {
  return {
    userAgent: opts.userAgent ?? USER_AGENT,
    connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: opts.headersTimeoutMs ?? 20_000,
    bodyTimeoutMs: opts.bodyTimeoutMs ?? 30_000,
    requestTimeoutMs: opts.requestTimeoutMs ?? 60_000,
    maxBytes: opts.maxBytes ?? 5 * 1024 * 1024,
    maxRedirects: opts.maxRedirects ?? 5,
    retries: opts.retries ?? 3,
    retryBaseMs: opts.retryBaseMs ?? 1000,
    retryMaxMs: opts.retryMaxMs ?? 30_000,
    maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
    defaultDelayMs: opts.delayMs ?? 1000,
    maxCrawlDelayMs: opts.maxCrawlDelayMs ?? 60_000,
    random: opts.random ?? Math.random,
  };
}

/** Requests, bytes and retries counted in total, by host and in the request's own tally. */
function createTally() {
  const total: FetchStats = { requests: 0, bytes: 0, retries: 0 };
  const byHost: Record<string, FetchStats> = {};
  return {
    count: (host: string, req: FetchRequest, field: keyof FetchStats, n = 1): void => {
      total[field] += n;
      (byHost[host] ??= { requests: 0, bytes: 0, retries: 0 })[field] += n;
      if (req.stats) req.stats[field] += n;
    },
    stats: () => ({ ...total, byHost: structuredClone(byHost) }),
  };
}

/**
 * One request under one overall deadline for headers and body: undici's own timeouts are idle
 * timeouts, which a server sending a byte now and then never trips.
 */
async function attemptWithin(deadlineMs: number, ctx: AskContext, url: URL, req: FetchRequest, conditional: boolean): Promise<Attempt> {
  const expired = new WardfeedError('timeout', `no complete answer within ${deadlineMs} ms`, { url: url.href });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(expired), deadlineMs);
  try {
    return await answer(ctx, url, req, conditional, controller.signal);
  } catch (e) {
    throw controller.signal.aborted ? expired : e;
  } finally {
    clearTimeout(timer);
  }
}

/** What following one address through its redirects needs of the fetcher. */
interface Follow {
  connector: Connector;
  maxRedirects: number;
  robotsFor(url: string, req: FetchRequest): Promise<Robots>;
  hop(url: URL, req: FetchRequest, conditional: boolean): Promise<Attempt>;
}

/** Fetches an address, asking robots.txt before every hop and checking every redirect target. */
async function fetchFollowing(f: Follow, input: string, req: FetchRequest): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new WardfeedError('bad-request', `not a URL: ${input}`, { url: input });
  }
  f.connector.checkTarget(url, 'URL');
  for (let redirects = 0; ; redirects++) {
    const robots = await f.robotsFor(url.href, req);
    if (!robots.isAllowed(url.pathname + url.search)) {
      throw new WardfeedError('robots', `robots.txt of ${url.host} disallows ${url.pathname}${url.search}`, { url: url.href });
    }
    const out = await f.hop(url, req, true);
    if (out.kind === 'done') return { ...out.result, url: input, finalUrl: url.href };
    if (out.kind !== 'redirect') throw new WardfeedError('network', 'unexpected retry outcome', { url: url.href });
    if (redirects >= f.maxRedirects) {
      throw new WardfeedError('redirect', `more than ${f.maxRedirects} redirects`, { url: input });
    }
    let next: URL;
    try {
      next = new URL(out.location, url);
    } catch {
      throw new WardfeedError('redirect', `bad redirect target ${out.location}`, { url: url.href });
    }
    f.connector.checkTarget(next, 'redirect to');
    url = next;
  }
}

export function createFetcher(opts: FetcherOptions = {}): Fetcher {
  const s = settingsOf(opts);
  const queue = new HostQueue();
  const crawlDelayMs = new Map<string, number>();
  const connector = createConnector({ ...opts, connectTimeoutMs: s.connectTimeoutMs, headersTimeoutMs: s.headersTimeoutMs, bodyTimeoutMs: s.bodyTimeoutMs });
  const { count, stats } = createTally();
  const askContext: AskContext = { connector, userAgent: s.userAgent, headersTimeoutMs: s.headersTimeoutMs, bodyTimeoutMs: s.bodyTimeoutMs, maxBytes: s.maxBytes, count };

  function delayFor(host: string, req: FetchRequest): number {
    return Math.max(req.delayMs ?? s.defaultDelayMs, crawlDelayMs.get(host) ?? 0);
  }

  /** One hop: up to `retries` retries, all within this host's turn (nobody else hits the host meanwhile). */
  async function hop(url: URL, req: FetchRequest, conditional: boolean): Promise<Attempt> {
    const host = url.hostname.toLowerCase();
    const policy: RetryPolicy = {
      retries: s.retries, baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, maxRetryAfterMs: s.maxRetryAfterMs, random: s.random,
      minWaitMs: () => delayFor(host, req),
      onRetry: () => count(host, req, 'retries'),
      classify: (e) => {
        const error = toWardfeedError(e, url.href);
        return { error, retryable: retryable(error) };
      },
    };
    const attempt = () => attemptWithin(req.timeoutMs ?? s.requestTimeoutMs, askContext, url, req, conditional);
    return queue.run(host, () => delayFor(host, req), () => withRetries(url.href, policy, attempt));
  }

  const robotsCache = createRobotsCache<FetchRequest>({
    ttlMs: opts.robotsTtlMs,
    now: opts.now,
    onCrawlDelay: (host, seconds) => crawlDelayMs.set(host, Math.min(seconds * 1000, s.maxCrawlDelayMs)),
    async load(robotsUrl, validators, req) {
      const out = await hop(robotsUrl, { ...req, ...validators, expect: 'text' }, true);
      if (out.kind === 'redirect') return { kind: 'redirect' };
      if (out.kind !== 'done') throw new WardfeedError('network', 'unexpected retry outcome', { url: robotsUrl.href });
      if (out.result.notModified) return { kind: 'not-modified' };
      return { kind: 'file', text: out.result.text, etag: out.result.etag, lastModified: out.result.lastModified };
    },
  });

  async function robotsFor(url: string, req: FetchRequest = {}): Promise<Robots> {
    if (opts.robots === false) return ALLOW_ALL;
    // The load runs under the request that needed it (its CAs, delay, tally), without its validators.
    return robotsCache.get(new URL(url), { ...req, etag: undefined, lastModified: undefined });
  }

  const follow: Follow = { connector, maxRedirects: s.maxRedirects, robotsFor, hop };
  return {
    fetch: (input, req = {}) => fetchFollowing(follow, input, req),
    robotsFor,
    stats,
    async close() {
      await connector.close();
    },
  };
}
