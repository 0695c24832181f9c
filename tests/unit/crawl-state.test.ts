import { describe, expect, it } from 'vitest';
import { emptyCrawlState, isPermanentItemFailure, isTransient, MAX_REMEMBERED_ITEMS, nextCrawlState, type RunOutcome } from '../../lib/crawl/crawl-state.ts';
import { familyCounts, listingsOf } from '../../lib/crawl/families.ts';
import { formatCrawlNotes, formatFamilies, formatStatus } from '../../lib/crawl/report.ts';
import { emptyReport, type SourceReport } from '../../lib/crawl/source-run.ts';
import { MAX_SAFE_MESSAGE, safeMessage } from '../../lib/crawl/safe-error.ts';
import { WardfeedError } from '../../lib/errors.ts';
import type { CrawlState } from '../../lib/store/types.ts';

const AT = '2026-01-02T08:00:00+07:00';
const run = (over: Partial<RunOutcome> = {}): RunOutcome => ({ at: AT, validators: {}, resume: {}, unmatched: [], failedItems: [], rechecked: false, ...over });
const failing: CrawlState = { ...emptyCrawlState('s'), consecutiveFailures: 2, lastError: { kind: 'timeout', message: 'x', at: 'y' } };

describe('nextCrawlState', () => {
  it('a clean run resets the failures and records the success', () => {
    const next = nextCrawlState(failing, run({ itemCount: 4, rechecked: true, validators: { L: { etag: '"e"' } } }));
    expect(next).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: AT, lastAttemptAt: AT, lastRecheckAt: AT, lastItemCount: 4, emptyRuns: 0, validators: { L: { etag: '"e"' } } });
  });
  it('a failed run counts one more failure and keeps the old success', () => {
    const next = nextCrawlState({ ...failing, lastSuccessAt: 'before' }, run({ error: { kind: 'network', message: 'reset' } }));
    expect(next.consecutiveFailures).toBe(3);
    expect(next.lastSuccessAt).toBe('before');
    expect(next.lastError).toEqual({ kind: 'network', message: 'reset', at: AT });
  });
  it('keeps the pending pages per listing, drops caught-up ones', () => {
    const next = nextCrawlState({ ...failing, resume: { A: ['a2'], B: ['b3'] } }, run({ resume: { A: [], B: ['b3', 'b3', 'b5'] } }));
    expect(next.resume).toEqual({ B: ['b3', 'b5'] });
    expect(nextCrawlState(next, run({ resume: { B: [] } })).resume).toBeUndefined();
  });
  it('remembers failed items once each, newest last, bounded', () => {
    const item = (i: number) => ({ id: `i${i}`, url: `u${i}`, kind: 'no-article' as const, at: AT });
    let state = nextCrawlState(emptyCrawlState('s'), run({ failedItems: [item(1), item(2)] }));
    state = nextCrawlState(state, run({ failedItems: [item(1)] }));
    expect(state.failedItems!.map((f) => f.id)).toEqual(['i2', 'i1']);
    expect(state.consecutiveFailures).toBe(0);
    const many = Array.from({ length: MAX_REMEMBERED_ITEMS + 10 }, (_, i) => item(i));
    expect(nextCrawlState(state, run({ failedItems: many })).failedItems).toHaveLength(MAX_REMEMBERED_ITEMS);
  });
  it('counts empty runs in a row', () => {
    const once = nextCrawlState(emptyCrawlState('s'), run({ itemCount: 0 }));
    expect(nextCrawlState(once, run({ itemCount: 0 })).emptyRuns).toBe(2);
    expect(nextCrawlState(once, run()).emptyRuns).toBe(1); // no listing read: unchanged
  });
  it('stores a safe message: no addresses, ARNs or account ids, bounded', () => {
    const message =
      'DynamoDB PutItem failed: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/wardfeed-crawl/fn is not authorized; ' +
      'refused to connect to ward.example.vn: 10.0.3.7 is a private or loopback address (fd00:ec2::254, [::ffff:10.0.0.1]:443) ' + 'x'.repeat(500);
    const stored = nextCrawlState(emptyCrawlState('s'), run({ error: { kind: 'store', message } })).lastError!.message;
    expect(stored).not.toMatch(/123456789012|10\.0\.3\.7|fd00:ec2|arn:aws:sts|10\.0\.0\.1/);
    expect(stored).toContain('AccessDeniedException');
    expect(stored.length).toBeLessThanOrEqual(MAX_SAFE_MESSAGE);
    expect(safeMessage('HTTP 503 (after 3 attempts)')).toBe('HTTP 503 (after 3 attempts)');
  });
});

describe('which failures are which', () => {
  it.each([
    [new WardfeedError('http-status', 'HTTP 404', { status: 404 }), true, false],
    [new WardfeedError('http-status', 'HTTP 410', { status: 410 }), true, false],
    [new WardfeedError('http-status', 'HTTP 403', { status: 403 }), false, false],
    [new WardfeedError('http-status', 'HTTP 503', { status: 503 }), false, true],
    [new WardfeedError('http-status', 'HTTP 429', { status: 429 }), false, true],
    [new WardfeedError('no-article', 'no body'), true, false],
    [new WardfeedError('parse', 'not HTML'), true, false],
    [new WardfeedError('timeout', 't'), false, true],
    [new WardfeedError('network', 'reset'), false, true],
    [new WardfeedError('store', 'throttled'), false, true],
    [new WardfeedError('robots', 'disallowed'), false, false],
    [new WardfeedError('tls', 'chain'), false, false],
  ])('%s: permanent %s, transient %s', (e, permanent, transient) => {
    expect(isPermanentItemFailure(e)).toBe(permanent);
    expect(isTransient(e)).toBe(transient);
  });
});

describe('status table', () => {
  it('shows the items failed for good and the pages pending, apart from the failures', () => {
    const state: CrawlState = {
      ...emptyCrawlState('s'),
      failedItems: [{ id: 'a', url: 'u', kind: 'http-status', status: 404, at: AT }],
      resume: { L: ['p2', 'p5'] },
    };
    const table = formatStatus([{ sourceId: 's', verified: true, state, articles: 3 }]).split('\n');
    expect(table[0]).toMatch(/^source +family +listing +last success +failures +last error +failed items +pages pending +articles$/);
    expect(table[2]).toMatch(/^s +- +html +never +0 +- +1 +2 +3$/);
  });

  it('shows the family auto chose, a fall-back to generic, and a feed that was not used', () => {
    const state: CrawlState = {
      ...emptyCrawlState('s'),
      family: 'generic',
      feeds: { L: { url: 'https://x.gov.vn/feed/', via: 'link', listingSource: 'html', reason: 'feed not used: the feed has no items', at: AT } },
    };
    const row = formatStatus([{ sourceId: 's', verified: true, profile: 'auto', state }]).split('\n')[2];
    expect(row).toMatch(/^s +generic \(fell back\) +html \(feed not used: the feed has no items\) +never /);
    const named = formatStatus([{ sourceId: 's', verified: true, profile: 'generic', state: { ...state, feeds: { L: { listingSource: 'feed', at: AT } } } }]).split('\n')[2];
    expect(named).toMatch(/^s +generic +feed +never /);
  });

  it('counts the sources each family took and names those that fell back to generic', () => {
    const text = formatFamilies([
      { sourceId: 'a', profile: 'auto', family: 'nukeviet' },
      { sourceId: 'b', profile: 'nukeviet', family: 'nukeviet' },
      { sourceId: 'c', profile: 'auto', family: 'generic' },
      { sourceId: 'd', profile: 'generic', family: 'generic' },
      { sourceId: 'e', profile: 'auto' },
    ]);
    expect(text).toBe('families (sources): generic 2 (1 fell back), nukeviet 2, none yet 1\nfell back to generic: c');
    expect(familyCounts([
      { sourceId: 'a', profile: 'auto', family: 'nukeviet' },
      { sourceId: 'c', profile: 'auto', family: 'generic' },
      { sourceId: 'd', profile: 'generic', family: 'generic' },
    ])).toEqual({ generic: { sources: 2, fellBack: 1 }, nukeviet: { sources: 1, fellBack: 0 } });
  });

  it('the crawl summary names the families, a fall-back, and a source whose feed was refused with the reason', () => {
    const report = (sourceId: string, over: Partial<SourceReport>): SourceReport => ({ ...emptyReport(sourceId), ...over });
    const notes = formatCrawlNotes(
      [
        report('own-feed', { family: 'nukeviet', listing: { source: 'feed', feedUrl: 'https://a.gov.vn/vi/news/rss/' } }),
        report('refused', { family: 'nukeviet', listing: { source: 'html', feedUrl: 'https://b.gov.vn/vi/news/rss/', reason: 'feed not used: dates an item in the future (Fri, 01 Jan 2100 08:00:00 +0700)' } }),
        report('unknown-platform', { family: 'generic', listing: { source: 'html', reason: 'no feed found' } }),
      ],
      new Map([['own-feed', 'auto'], ['refused', 'nukeviet'], ['unknown-platform', 'auto']]),
    ).split('\n');
    expect(notes).toEqual([
      'families (sources): nukeviet 2, generic 1 (1 fell back)',
      'fell back to generic: unknown-platform',
      'html listing read: refused: feed not used: dates an item in the future (Fri, 01 Jan 2100 08:00:00 +0700)',
    ]);
  });

  it('lists how each listing URL was read, for the status API', () => {
    const state: CrawlState = {
      ...emptyCrawlState('s'),
      feeds: {
        A: { url: 'https://x.gov.vn/feed/', via: 'link', listingSource: 'feed', at: AT },
        B: { listingSource: 'html', reason: 'no feed found', checkedAt: AT, at: AT },
      },
    };
    expect(listingsOf(state)).toEqual([
      { listUrl: 'A', source: 'feed', feedUrl: 'https://x.gov.vn/feed/' },
      { listUrl: 'B', source: 'html', reason: 'no feed found' },
    ]);
    expect(listingsOf(undefined)).toEqual([]);
  });
});
