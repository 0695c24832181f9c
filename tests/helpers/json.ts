/**
 * Typed reading of the JSON the tests receive (HTTP bodies, CLI output, files). The shapes name only
 * the fields the tests look at; the assertions that follow are what check them.
 */
import type { Article } from '../../lib/article.ts';
import type { SourceHealth } from '../../lib/http/health.ts';

/** `JSON.parse` with the shape the caller expects instead of `any`. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** A fetch response's JSON body with the shape the caller expects. */
export async function readJson<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** GET a URL and read its JSON body. */
export async function getJson<T>(url: string): Promise<T> {
  return readJson<T>(await fetch(url));
}

/** The error body every refusal carries. */
export interface ErrorBody {
  error: string;
  parameter?: string;
  message?: string;
  candidates?: string[];
}

/** A JSON Feed 1.1 document with the `_wardfeed` extension. */
export interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  home_page_url?: string;
  _wardfeed?: { mergedInto?: { id: string; name: string; feed_url: string } };
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html?: string;
  content_text?: string;
  date_published: string;
  _wardfeed?: { articleId: string; wardIds: string[]; sourceId: string };
}

/** A page of the query API. */
export interface ArticlePage {
  items: Article[];
  cursor?: string;
  next: string;
}

/** /api/status: one entry per source. */
export interface StatusBody {
  items: Array<SourceHealth & { id: string; lastItemCount?: number; articles?: number }>;
}
