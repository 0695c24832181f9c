/**
 * Articles as CSV (RFC 4180): CRLF line ends, a field is quoted when it holds a comma, a quote,
 * CR or LF, quotes doubled. UTF-8; the byte-order mark is optional (spreadsheet programs that
 * guess the charset want it, most tools do not). A cell a spreadsheet would run as a formula is
 * neutralised (see csvField).
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
      return a[c] ?? '';
  }
}

/**
 * Spreadsheet programs evaluate a cell that starts with one of these as a formula, quoted or not
 * (CSV injection). Such a cell gets a leading `'` and is always quoted, as OWASP advises; the
 * text is kept, so nothing is lost.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

export function csvField(value: string): string {
  if (FORMULA_START.test(value)) return quoted(`'${value}`);
  return /[",\r\n]/.test(value) ? quoted(value) : value;
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
