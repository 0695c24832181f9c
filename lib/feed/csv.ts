/**
 * Articles as CSV (RFC 4180): CRLF line ends, a field is quoted when it holds a comma, a quote,
 * CR or LF, quotes doubled. UTF-8; the byte-order mark is optional (spreadsheet programs that
 * guess the charset want it, most tools do not).
 */
import type { Article } from '../article.ts';

export const CSV_COLUMNS = [
  'id', 'publishedAt', 'datePrecision', 'dateSource', 'title', 'url', 'wardIds', 'sourceId', 'category', 'author',
  'viewCount', 'summary', 'bodyText', 'attachments', 'revisions', 'firstSeenAt', 'lastCheckedAt', 'removedAt',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

function cell(a: Article, c: Column): string {
  switch (c) {
    case 'wardIds':
      return a.wardIds.join(' ');
    case 'attachments':
      return a.attachments.map((x) => x.url).join(' ');
    case 'url':
      return a.canonicalUrl || a.url;
    case 'viewCount':
    case 'revisions':
      return a[c] === undefined ? '' : String(a[c]);
    default:
      return (a[c] as string | undefined) ?? '';
  }
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(a: Article): string {
  return `${CSV_COLUMNS.map((c) => csvField(cell(a, c))).join(',')}\r\n`;
}

export function renderCsv(items: Article[], opts: { header?: boolean; bom?: boolean } = {}): string {
  let out = opts.bom ? '\uFEFF' : '';
  if (opts.header !== false) out += csvHeader();
  for (const a of items) out += csvRow(a);
  return out;
}
