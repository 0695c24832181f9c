import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedArticle } from '../article.ts';
import { WardfeedError } from '../errors.ts';
import { canonicalizeUrl } from '../url.ts';
import type { Page, Profile } from './types.ts';
import { normalizeText } from '../text/index.ts';
import { assembleArticle } from './assemble.ts';
import { buildBody } from './body.ts';
import { believable, dateFromMeta, dateFromUrl, eventDateFromBody, parseDate, resolvePublishedAt, type FoundDate } from './dates.ts';
import { listingFromRecipe, type ListingRecipe } from './listing.ts';
import { findMeta, newMetaCache, type MetaLine } from './meta-line.ts';
import { queryOf, type PageQuery } from './page.ts';
import { findTitle } from './readable.ts';

/**
 * What a family says about its article pages, as selectors tried in order (first hit wins).
 * A missing title falls back to the generic title finder; a missing content root means no article.
 */
export interface ArticleRecipe {
  title: string[];
  content: string[];
  /** Widgets of the family inside the content root. */
  remove?: string[];
  /** Take a short closing line of the body as the author. */
  signature?: boolean;
  category?: string[];
  summary?: string[];
  author?: string[];
  /** Where the meta line (date, views, poster) sits; default: the content root and its parents. */
  meta?: string[];
  /** Elements holding just the shown publish date (e.g. Drupal's "created" field), before the meta line. */
  date?: string[];
  /**
   * The article's own address when the page is a copy of it (NukeViet's `/print/` and `/savefile/`
   * copies): the copy is then the same article, never a second one.
   */
  ownUrl?: (url: string) => string | undefined;
}

/** The first date shown in one of the given elements. */
function shownDate($: CheerioAPI, selectors: string[] | undefined, query: PageQuery): FoundDate | undefined {
  for (const sel of selectors ?? []) {
    for (const el of query.all(sel)) {
      const found = parseDate(normalizeText($(el).attr('datetime') ?? $(el).text()));
      if (found) return found;
    }
  }
  return undefined;
}

/** First element of the first selector that matches something. */
function firstMatch(selectors: string[], query: PageQuery): Element | undefined {
  for (const sel of selectors) {
    const el = query.first(sel);
    if (el) return el;
  }
  return undefined;
}

/** Text of the first selector whose first match has text (attribute `content` for <meta>). */
function firstText($: CheerioAPI, selectors: string[] | undefined, query: PageQuery): string | undefined {
  for (const sel of selectors ?? []) {
    for (const el of query.all(sel)) {
      const text = normalizeText(el.name === 'meta' ? (el.attribs.content ?? '') : $(el).text());
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * The meta nearest the content: the family's meta elements first, then the content root and up
 * to three parents; fields fill in from later scopes only when still missing (SharePoint puts
 * date and views on separate lines).
 */
function metaNear($: CheerioAPI, recipe: ArticleRecipe, root: Cheerio<AnyNode>, query: PageQuery): MetaLine {
  const out: MetaLine = {};
  const merge = (m: MetaLine) => {
    if (!out.publishedAt && m.publishedAt) Object.assign(out, { publishedAt: m.publishedAt, datePrecision: m.datePrecision });
    if (out.viewCount === undefined && m.viewCount !== undefined) out.viewCount = m.viewCount;
    if (!out.poster && m.poster) out.poster = m.poster;
  };
  const complete = () => out.publishedAt !== undefined && out.viewCount !== undefined;
  // The scopes overlap (each level holds the one before): element texts are read once for all.
  const cache = newMetaCache();
  for (const sel of recipe.meta ?? []) {
    const scope = query.first(sel);
    if (scope) merge(findMeta($, $(scope), cache));
    if (complete()) return out;
  }
  let level: Cheerio<AnyNode> = root;
  for (let i = 0; i < 4 && level.length && !complete(); i++) {
    merge(findMeta($, level, cache));
    level = level.parent();
  }
  return out;
}

/** The label some platforms print before the author's name ("Tác giả: Minh Anh"). */
const AUTHOR_LABEL = /^(?:tác giả|người viết|tin, ảnh|tin và ảnh|bài và ảnh)\s*:\s*/iu;

/** Posters like "Admin" are accounts, not authors. */
const ACCOUNT_NAME = /^(admin|administrator|quản trị|quan tri|biên tập viên|btv|webmaster|user\d*)$/iu;

/** Assembles an Article from a family's recipe; throws `no-article` without a title or body text. */
function articleFromRecipe(page: Page, recipe: ArticleRecipe, profile: string): ExtractedArticle {
  const $ = page.$;
  // Every selector below runs over one listing of the page's elements.
  const query = queryOf(page);
  // A family knows where its articles sit: no such element means no article (a listing, a
  // portal page); guessing is the generic profile's job, which `auto` falls back to.
  const found = firstMatch(recipe.content, query);
  if (!found) throw new WardfeedError('no-article', `no ${profile} article content on the page`, { url: page.url });
  const root = $(found);
  const title = firstText($, recipe.title, query) ?? findTitle(page, root);
  if (!title) throw new WardfeedError('no-article', 'no article title on the page', { url: page.url });

  const meta = metaNear($, recipe, root, query);
  const body = buildBody(page, root, { remove: recipe.remove, signature: recipe.signature, title });
  if (!body.bodyText) throw new WardfeedError('no-article', 'the article has no text', { url: page.url });

  const ok = <T extends FoundDate>(found: T | undefined) => believable(found, page.notAfter);
  const shown: FoundDate | undefined =
    ok(shownDate($, recipe.date, query)) ?? ok(meta.publishedAt ? { iso: meta.publishedAt, precision: meta.datePrecision ?? 'day' } : undefined);
  // The most trusted source with a date wins outright (see resolvePublishedAt), so the less
  // trusted ones are only read when the better ones have nothing.
  const declared = shown ? undefined : ok(dateFromMeta($));
  const fromUrl = shown || declared ? undefined : ok(dateFromUrl(page.url));
  const dates = resolvePublishedAt({
    page: shown,
    meta: declared,
    url: fromUrl,
    body: () => ok(eventDateFromBody(body.bodyText)),
  });
  const author = (firstText($, recipe.author, query)?.replace(AUTHOR_LABEL, '') || undefined) ?? body.author ?? (meta.poster && !ACCOUNT_NAME.test(meta.poster) ? meta.poster : undefined);
  const category = firstText($, recipe.category, query);
  const summary = firstText($, recipe.summary, query);

  const own = recipe.ownUrl?.(page.url);
  return assembleArticle(page, {
    ...(own ? { canonicalUrl: canonicalizeUrl(own) } : {}),
    title,
    dates,
    category,
    viewCount: meta.viewCount,
    author,
    summary: summary && summary !== title ? summary : undefined,
    body,
    profile,
  });
}

/** A family profile from its recipes and its detector: the family's name labels what it extracts. */
export function recipeProfile(
  article: ArticleRecipe,
  listing: ListingRecipe,
  family: Pick<Profile, 'name' | 'description' | 'examples' | 'detect'>,
): Profile {
  return {
    ...family,
    listing: (page) => listingFromRecipe(page, listing),
    article: (page) => articleFromRecipe(page, article, family.name),
  };
}
