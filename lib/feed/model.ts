/** What a feed is about, independent of the format it is written in. */
import type { Article } from '../article.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedChannel {
  /** Stable identity of the feed, e.g. `ward:thanh-tri-hoang-mai` or `all`. */
  key: string;
  title: string;
  description: string;
  /** Absolute address of the feed in each format (self links and alternates). */
  feedUrls: Record<FeedFormat, string>;
  /** Absolute address of the HTML page about the feed's subject. */
  homeUrl: string;
  /** For a ward merged into another: where its news continue. */
  mergedInto?: { id: string; name: string; feedUrls: Record<FeedFormat, string>; homeUrl: string };
  /** Newest first; already filtered (no removed articles). */
  items: Article[];
}

/** Item identity for every format: stable forever, derived from the article id only. */
export function itemId(a: Article): string {
  return `urn:wardfeed:article:${a.id}`;
}

/** The address an item links to: the canonical page address. */
export function itemLink(a: Article): string {
  return a.canonicalUrl || a.url;
}

/** Channel note for a merged ward, in Vietnamese like the rest of the feed. */
export function mergedNote(ch: FeedChannel): string | undefined {
  if (!ch.mergedInto) return undefined;
  return `Đơn vị này đã sáp nhập vào ${ch.mergedInto.name}. Tin mới: ${ch.mergedInto.feedUrls.rss}`;
}

export function channelDescription(ch: FeedChannel): string {
  const note = mergedNote(ch);
  return note ? `${ch.description} — ${note}` : ch.description;
}

const MIME_BY_TYPE: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** Media type of an attachment from its file type; unknown types are plain bytes. */
export function attachmentMime(type: string): string {
  return MIME_BY_TYPE[type.toLowerCase()] ?? 'application/octet-stream';
}

/** Short plain-text summary for readers that show no HTML. */
export function itemSummary(a: Article, max = 300): string | undefined {
  if (a.summary && a.summary.trim()) return a.summary.trim();
  const text = a.bodyText.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (text.length <= max) return text;
  // Cut at a word boundary; count code points so no surrogate pair is split.
  const chars = [...text].slice(0, max).join('');
  const cut = chars.lastIndexOf(' ');
  return `${(cut > max / 2 ? chars.slice(0, cut) : chars).trimEnd()}…`;
}
