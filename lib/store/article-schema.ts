/**
 * An Article read back from outside (an NDJSON export being imported), checked field by field
 * against the contract in `lib/article.ts` before anything is written. Fields the contract does
 * not name are kept as they are, so an export loses nothing on its way back in.
 */
import * as z from 'zod';
import type { Article } from '../article.ts';
import { WardfeedError } from '../errors.ts';

/** An ISO 8601 instant on a real calendar day (Date.parse would take 30 February as 1 March). */
const instant = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(s);
  const ms = Date.parse(s);
  if (!m || !Number.isFinite(ms) || new Date(ms).toISOString().length !== 24) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}, 'not an ISO 8601 instant');
const absoluteUrl = z.string().refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'not an absolute http(s) URL');

const articleSchema = z.looseObject({
  id: z.string().regex(/^[\w-]{1,100}$/, '1-100 word characters'),
  url: absoluteUrl,
  canonicalUrl: absoluteUrl,
  wardIds: z.array(z.string().min(1)).min(1),
  sourceId: z.string().min(1),
  title: z.string(),
  publishedAt: instant,
  datePrecision: z.enum(['minute', 'day']),
  dateSource: z.enum(['page', 'listing', 'meta', 'url', 'body', 'first-seen']),
  category: z.string().optional(),
  viewCount: z.number().int().nonnegative().optional(),
  author: z.string().optional(),
  summary: z.string().optional(),
  bodyHtml: z.string(),
  bodyText: z.string(),
  images: z.array(z.looseObject({ src: z.string(), caption: z.string().optional() })),
  attachments: z.array(z.looseObject({ url: z.string(), title: z.string(), type: z.string() })),
  profile: z.string(),
  contentHash: z.string().min(1),
  firstSeenAt: instant,
  lastCheckedAt: instant,
  revisions: z.number().int().nonnegative(),
  updatedAt: instant.optional(),
  removedAt: instant.optional(),
  truncated: z.boolean().optional(),
});

/** One Article out of a JSON text; a `bad-request` error names the first wrong field. */
export function parseArticleJson(text: string): Article {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new WardfeedError('bad-request', `not JSON: ${(e as Error).message}`);
  }
  const r = articleSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'article';
    throw new WardfeedError('bad-request', `${where}: ${issue.message}`);
  }
  return r.data;
}
