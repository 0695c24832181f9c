/** Plain-text tables for the CLI: the crawl report and the source status. */
import type { CrawlState } from '../store/types.ts';
import { familyCounts, fellBackToGeneric, listingsOf, type FamilyRow } from './families.ts';
import type { SourceReport } from './crawl-source.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Left-aligned text columns, right-aligned number columns. */
export function formatTable(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatErrors(errors: SourceReport['errors']): string {
  const parts = Object.entries(errors)
    .filter(([, n]) => n)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k}:${n}`);
  return parts.length ? parts.join(' ') : '-';
}

export function formatCrawlReport(reports: SourceReport[]): string {
  const head = ['source', 'new', 'updated', 'unchanged', 'removed', 'unmatched', 'errors', 'requests', 'bytes', 'seconds'];
  const rows = reports.map((r) => [
    r.sourceId, String(r.new), String(r.updated), String(r.unchanged), String(r.removed), String(r.unmatched.length),
    formatErrors(r.errors), String(r.requests), formatBytes(r.bytes), r.seconds.toFixed(2),
  ]);
  const sum = (f: (r: SourceReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  rows.push([
    'total', String(sum((r) => r.new)), String(sum((r) => r.updated)), String(sum((r) => r.unchanged)), String(sum((r) => r.removed)),
    String(sum((r) => r.unmatched.length)), String(reports.filter((r) => r.error).length ? `${reports.filter((r) => r.error).length} failed` : '-'),
    String(sum((r) => r.requests)), formatBytes(sum((r) => r.bytes)), '',
  ]);
  return formatTable(head, rows, [false, true, true, true, true, true, false, true, true, true]);
}

export interface SourceStatus {
  sourceId: string;
  verified: boolean;
  /** The registry's profile (`auto`, or a family named). */
  profile?: string;
  state?: CrawlState;
  articles?: number;
}

export function formatStatus(rows: SourceStatus[]): string {
  const head = ['source', 'family', 'listing', 'last success', 'failures', 'last error', 'failed items', 'pages pending', 'articles'];
  const body = rows.map((s) => [
    s.verified ? s.sourceId : `${s.sourceId} (unverified)`,
    familyCell(s.profile, s.state?.family),
    listingCell(s.state),
    s.state?.lastSuccessAt ?? 'never',
    String(s.state?.consecutiveFailures ?? 0),
    s.state?.lastError ? `[${s.state.lastError.kind}] ${s.state.lastError.message}`.slice(0, 100) : '-',
    // Items that failed for good (404/410, no article): remembered, not a failure of the source.
    String(s.state?.failedItems?.length ?? 0),
    String(Object.values(s.state?.resume ?? {}).reduce((n, pages) => n + pages.length, 0)),
    s.articles === undefined ? '?' : String(s.articles),
  ]);
  return formatTable(head, body, [false, false, false, false, true, false, true, true, true]);
}

/** The family a source's articles came from; `auto` landing on `generic` is a fall-back worth seeing. */
function familyCell(profile: string | undefined, family: string | undefined): string {
  if (!family) return '-';
  return fellBackToGeneric({ sourceId: '', profile, family }) ? 'generic (fell back)' : family;
}

/** How the listings were read on the last run: the site's feed, or HTML and why. */
function listingCell(state: CrawlState | undefined): string {
  const listings = listingsOf(state);
  if (listings.length === 0) return state ? 'html' : '-';
  return listings.map((l) => (l.source === 'feed' ? 'feed' : `html (${l.reason ?? 'no feed'})`)).join('; ').slice(0, 100);
}

/**
 * Which family (profile) each source's articles came from, counted, and which `auto` sources
 * fell back to `generic`: what tells a new portal platform wardfeed has no profile for.
 */
export function formatFamilies(rows: FamilyRow[]): string {
  const parts = Object.entries(familyCounts(rows))
    .sort((a, b) => b[1].sources - a[1].sources || (a[0] < b[0] ? -1 : 1))
    .map(([f, c]) => `${f} ${c.sources}${c.fellBack ? ` (${c.fellBack} fell back)` : ''}`);
  const fellBack = rows.filter(fellBackToGeneric).map((r) => r.sourceId);
  return [`families (sources): ${parts.join(', ') || '-'}`, `fell back to generic: ${fellBack.length ? fellBack.join(', ') : 'none'}`].join('\n');
}

/**
 * The crawl's closing lines: families, then per source what needs a look (`failures: false`
 * leaves out the failed sources, for a log that has shown them already).
 */
export function formatCrawlNotes(reports: SourceReport[], profiles: Map<string, string | undefined>, opts: { failures?: boolean } = {}): string {
  const lines = [formatFamilies(reports.map((r) => ({ sourceId: r.sourceId, profile: profiles.get(r.sourceId), family: r.family })))];
  for (const r of reports) {
    for (const u of r.unmatched) lines.push(`unmatched: ${r.sourceId} ${u.url}: ${u.reason}`);
    if (r.listing?.source === 'html' && r.listing.feedUrl) lines.push(`html listing read: ${r.sourceId}: ${r.listing.reason ?? 'feed not used'}`);
    if (r.error && opts.failures !== false) lines.push(`failed: ${r.sourceId}: [${r.error.kind}] ${r.error.message}`);
  }
  return lines.join('\n');
}
