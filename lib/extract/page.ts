import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { WardfeedError } from '../errors.ts';
import { PAGE_TUNING } from './context.ts';
import type { Page } from './types.ts';
import { latestBelievable } from './dates.ts';
import { limitDomDepth } from './depth.ts';
import { isElement, parentElement } from './dom.ts';
import { loadHtml } from './parse-html.ts';

export type { Page } from './types.ts';

/** Pages above this are refused (see `PAGE_TUNING`). */
export const MAX_PAGE_BYTES = PAGE_TUNING.maxPageBytes;

/**
 * Parses one HTML page. htmlparser2 (not parse5) because it is about three times faster on these
 * table-heavy portal pages and forgives their broken markup just as well.
 */
export function parsePage(html: string, url: string, opts: { fetchedAt?: string | Date } = {}): Page {
  if (typeof html !== 'string') throw new WardfeedError('parse', 'page content is not text', { url });
  // Byte length only matters near the cap; the cheap character count rules out most pages.
  if (html.length > MAX_PAGE_BYTES / 4 && Buffer.byteLength(html, 'utf8') > MAX_PAGE_BYTES) {
    throw new WardfeedError('too-large', `page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`, { url });
  }
  let base: URL;
  try {
    base = new URL(url);
  } catch (cause) {
    throw new WardfeedError('bad-request', `not an absolute URL: ${url}`, { cause });
  }
  if (looksBinary(html)) throw new WardfeedError('parse', 'content is not HTML (binary data)', { url });
  if (!html.includes('<')) throw new WardfeedError('parse', 'content is not HTML (no markup)', { url });
  const $ = loadHtml(html);
  // Nesting beyond what browsers build is flattened like they do, so no walk can run away.
  limitDomDepth($.root().get(0) as unknown as ParentNode);
  const notAfter = latestBelievable(opts.fetchedAt);
  return { url: base.toString(), html, $, context: {}, ...(notAfter !== undefined ? { notAfter } : {}) };
}

/** PDFs, images and archives served under an article address: NUL bytes or a known signature early on. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, PAGE_TUNING.binarySniffChars);
  // eslint-disable-next-line no-control-regex -- the ZIP signature holds control bytes
  return head.includes('\u0000') || /^(%PDF-|PK\u0003\u0004|\u00ff\u00d8\u00ff|GIF8|\u0089PNG)/.test(head);
}

/** Resolves a link of the page to an absolute http(s) URL, or undefined for junk (javascript:, mailto:, #). */
export function absoluteUrl(page: Pick<Page, 'url'>, href: string | undefined): string | undefined {
  const raw = href?.trim();
  if (!raw || raw.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(raw)) return undefined;
  try {
    const u = new URL(raw, page.url);
    // Only web addresses leave the extractor: a file: link would reach feeds as an enclosure.
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.toString();
  } catch {
    return undefined;
  }
}

/** Whether an element matches a selector; false for anything that is not an element. */
type Matcher = (el: Element) => boolean;

/**
 * Elements of the page matching a CSS selector, in document order: what `$(selector)` finds.
 * Profiles ask a page dozens of selectors, and cheerio parses and compiles each on every call,
 * which costs far more than walking these small pages; here each selector is compiled once.
 * The compiled subset (tags, classes, ids, attribute tests, `:first-child`/`:last-child`,
 * descendant and child combinators, lists) follows css-select's rules; anything else is
 * handed to cheerio.
 */
export function selectAll($: CheerioAPI, selector: string): Element[] {
  const match = compiled(selector);
  if (!match) return $(selector).toArray() as Element[];
  const out: Element[] = [];
  walkElements($.root().get(0) as unknown as ParentNode, (el) => {
    if (match(el)) out.push(el);
    return false;
  });
  return out;
}

/** The first element of the page matching a selector, as `$(selector).first()` finds it. */
export function selectFirst($: CheerioAPI, selector: string): Element | undefined {
  const match = compiled(selector);
  if (!match) return ($(selector).get(0) as Element | undefined) ?? undefined;
  let found: Element | undefined;
  walkElements($.root().get(0) as unknown as ParentNode, (el) => {
    if (!match(el)) return false;
    found = el;
    return true;
  });
  return found;
}

/** Many selectors over one page: its elements are listed once, at first use. */
export interface PageQuery {
  /** As `selectAll`. */
  all(selector: string): Element[];
  /** As `selectFirst`. */
  first(selector: string): Element | undefined;
}

/**
 * A query over the page as it is now, for one pass (the page is not changed meanwhile: bodies are
 * built from copies): a profile's dozens of selectors then cost one walk of the page instead of
 * one each.
 */
export function pageQuery($: CheerioAPI): PageQuery {
  return newQuery($);
}

/** The query of a page: the one its extraction shares (`withSharedQuery`), else one for this pass. */
export function queryOf(page: Page): PageQuery {
  return page.context.query ?? newQuery(page.$);
}

/**
 * Runs `task` with one query of the page for everyone who asks for one meanwhile (detection,
 * then the family's extraction): for a page nobody else holds, so nothing changes it meanwhile.
 */
export function withSharedQuery<T>(page: Page, task: () => T): T {
  if (page.context.query) return task();
  page.context.query = newQuery(page.$);
  try {
    return task();
  } finally {
    delete page.context.query;
  }
}

function newQuery($: CheerioAPI): PageQuery {
  let index: ElementIndex | undefined;
  const candidates = (c: Compiled): Element[] => {
    index ??= indexElements($.root().get(0) as unknown as ParentNode);
    if (c.key && 'cls' in c.key) return index.byClass.get(c.key.cls) ?? [];
    if (c.key && 'tag' in c.key) return index.byTag.get(c.key.tag) ?? [];
    return index.all;
  };
  return {
    all(selector) {
      const c = compiledSelector(selector);
      return c ? candidates(c).filter(c.match) : ($(selector).toArray() as Element[]);
    },
    first(selector) {
      const c = compiledSelector(selector);
      return c ? candidates(c).find(c.match) : (($(selector).get(0) as Element | undefined) ?? undefined);
    },
  };
}

/** The elements of a page in document order, and by class and by tag (each list in document order too). */
interface ElementIndex {
  all: Element[];
  byClass: Map<string, Element[]>;
  byTag: Map<string, Element[]>;
}

function indexElements(root: ParentNode): ElementIndex {
  const index: ElementIndex = { all: [], byClass: new Map(), byTag: new Map() };
  const add = (map: Map<string, Element[]>, key: string, el: Element) => {
    const list = map.get(key);
    if (!list) map.set(key, [el]);
    else if (list[list.length - 1] !== el) list.push(el); // a class written twice is one class
  };
  walkElements(root, (el) => {
    index.all.push(el);
    add(index.byTag, el.name, el);
    // css-select's class test: a token of the attribute split at (JavaScript) white space.
    const cls = el.attribs?.class;
    if (cls) for (const token of cls.split(/\s+/)) if (token) add(index.byClass, token, el);
    return false;
  });
  return index;
}

/** Whether an element matches a selector, as `$(el).is(selector)` decides. */
export function matches($: CheerioAPI, el: Element, selector: string): boolean {
  const match = compiled(selector);
  return match ? match(el) : $(el).is(selector);
}

/**
 * Elements below `root` matching a selector, in document order: what `$(root).find(selector)`
 * finds. Compiled only for selectors without combinators, whose matches do not depend on where
 * the search starts.
 */
export function selectWithin($: CheerioAPI, root: AnyNode, selector: string): Element[] {
  const c = compiledSelector(selector);
  if (!c?.compound || !('children' in root)) return $(root).find(selector).toArray();
  const out: Element[] = [];
  walkElements(root, (el) => {
    if (c.match(el)) out.push(el);
    return false;
  });
  return out;
}

/** Pre-order over the elements below `root`; stops when `visit` returns true. */
function walkElements(root: ParentNode, visit: (el: Element) => boolean): void {
  const stack: Element[] = [];
  const push = (kids: AnyNode[]) => {
    for (let i = kids.length - 1; i >= 0; i--) if (isElement(kids[i])) stack.push(kids[i] as Element);
  };
  push(root.children);
  while (stack.length) {
    const el = stack.pop()!;
    if (visit(el)) return;
    push(el.children);
  }
}

/** A compiled selector; `compound` when no alternative has a combinator (its scope cannot matter). */
interface Compiled {
  match: Matcher;
  compound: boolean;
  /** A class (else a tag, else an attribute) every match has: only elements with it need testing. */
  key?: { cls: string } | { tag: string } | { attr: string };
}

/** Compiled selectors by source text: they depend on the selector alone, never on a page. */
const matchers = new Map<string, Compiled | null>();

function compiledSelector(selector: string): Compiled | null {
  let c = matchers.get(selector);
  if (c === undefined) {
    c = compileSelector(selector);
    if (matchers.size >= PAGE_TUNING.maxCompiledSelectors) matchers.clear();
    matchers.set(selector, c);
  }
  return c;
}

function compiled(selector: string): Matcher | null {
  return compiledSelector(selector)?.match ?? null;
}

/** HTML attributes whose values css-select compares case-insensitively (its list, for HTML documents). */
const CASE_INSENSITIVE_ATTRIBUTES = new Set([
  'accept', 'accept-charset', 'align', 'alink', 'axis', 'bgcolor', 'charset', 'checked', 'clear', 'codetype', 'color',
  'compact', 'declare', 'defer', 'dir', 'direction', 'disabled', 'enctype', 'face', 'frame', 'hreflang', 'http-equiv',
  'lang', 'language', 'link', 'media', 'method', 'multiple', 'nohref', 'noresize', 'noshade', 'nowrap', 'readonly',
  'rel', 'rev', 'rules', 'scope', 'scrolling', 'selected', 'shape', 'target', 'text', 'type', 'valign', 'valuetype', 'vlink',
]);

const IDENT = '-?[A-Za-z_][A-Za-z0-9_-]*';
const PART = new RegExp(
  `^(?:\\.(${IDENT})|#(${IDENT})|\\[([a-z][a-z0-9_-]*)(?:([*^$]?=)"([^"\\\\]*)"(\\s+i)?)?\\]|:(first-child|last-child))`,
);
const TAG = /^(\*|[a-z][a-z0-9]*)/;

/** A matcher for the supported subset, or null (the caller asks cheerio). */
function compileSelector(selector: string): Compiled | null {
  // Combinators are found by their characters: a quoted '>' is left to cheerio.
  if ((selector.match(/"[^"]*"/g) ?? []).some((q) => q.includes('>'))) return null;
  const alternatives = splitOutsideQuotes(selector, (ch) => ch === ',');
  if (!alternatives) return null;
  const compiledAlts: CompiledCompound[] = [];
  let compound = true;
  for (const alt of alternatives) {
    const spaced = alt.trim().split('>').map((part) => part.trim()).join(' > ');
    const tokens = splitOutsideQuotes(spaced, (ch) => /\s/.test(ch));
    const c = tokens && compileComplex(tokens);
    if (!c) return null;
    if (tokens.filter(Boolean).length > 1) compound = false;
    compiledAlts.push(c);
  }
  if (compiledAlts.length === 1) return { match: compiledAlts[0].match, compound, key: compiledAlts[0].key };
  return { match: dispatch(compiledAlts), compound };
}

/**
 * A list of alternatives (the body builder's forty junk selectors) tested by what the element
 * has: only the alternatives keyed to its tag, its classes or its attributes, and the unkeyed.
 */
function dispatch(alternatives: CompiledCompound[]): Matcher {
  const byTag = new Map<string, Matcher[]>();
  const byClass = new Map<string, Matcher[]>();
  const byAttr = new Map<string, Matcher[]>();
  const rest: Matcher[] = [];
  const put = (map: Map<string, Matcher[]>, key: string, m: Matcher) => map.set(key, [...(map.get(key) ?? []), m]);
  for (const { match, key } of alternatives) {
    if (!key) rest.push(match);
    else if ('cls' in key) put(byClass, key.cls, match);
    else if ('tag' in key) put(byTag, key.tag, match);
    else put(byAttr, key.attr, match);
  }
  const any = (ms: Matcher[] | undefined, el: Element) => ms !== undefined && ms.some((m) => m(el));
  return (el) => {
    if (any(byTag.get(el.name), el) || rest.some((m) => m(el))) return true;
    const attribs = el.attribs;
    if (!attribs) return false;
    if (byClass.size && attribs.class) for (const token of attribs.class.split(/\s+/)) if (token && any(byClass.get(token), el)) return true;
    if (byAttr.size) for (const name of Object.keys(attribs)) if (any(byAttr.get(name), el)) return true;
    return false;
  };
}

/** Splits at separator characters outside brackets and double quotes; null for quoting this subset does not handle. */
function splitOutsideQuotes(s: string, isSeparator: (ch: string) => boolean): string[] | null {
  if (/['\\]/.test(s)) return null;
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let bracketed = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracketed = true;
    else if (!quoted && ch === ']') bracketed = false;
    if (!quoted && !bracketed && isSeparator(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quoted) return null;
  parts.push(current);
  return parts;
}

/** `a b > c`: the last compound tests the element, the ones before it its ancestors. */
function compileComplex(tokens: string[]): CompiledCompound | null {
  const compounds: Matcher[] = [];
  let key: Compiled['key'];
  const combinators: Array<' ' | '>'> = [];
  let expectCompound = true;
  for (const t of tokens) {
    if (t === '') continue;
    if (t === '>') {
      if (expectCompound) return null;
      combinators[compounds.length - 1] = '>';
      expectCompound = true;
      continue;
    }
    if (!expectCompound) combinators[compounds.length - 1] = ' ';
    const c = compileCompound(t);
    if (!c) return null;
    compounds.push(c.match);
    key = c.key;
    expectCompound = false;
  }
  if (expectCompound || compounds.length === 0) return null;
  // matchFrom(i, el): compounds[0..i] hold, compounds[i] on el.
  const matchFrom = (i: number, el: Element): boolean => {
    if (!compounds[i](el)) return false;
    if (i === 0) return true;
    let p = parentElement(el);
    if (combinators[i - 1] === '>') return p !== undefined && matchFrom(i - 1, p);
    for (; p; p = parentElement(p)) if (matchFrom(i - 1, p)) return true;
    return false;
  };
  const last = compounds.length - 1;
  return { match: (el) => matchFrom(last, el), key };
}

interface CompiledCompound {
  match: Matcher;
  key?: Compiled['key'];
}

function compileCompound(token: string): CompiledCompound | null {
  const tests: Matcher[] = [];
  let key: Compiled['key'];
  let rest = token;
  const tag = TAG.exec(rest);
  if (tag) {
    if (tag[1] !== '*') {
      const name = tag[1];
      tests.push((el) => el.name === name);
      key = { tag: name };
    }
    rest = rest.slice(tag[0].length);
  }
  while (rest) {
    const m = PART.exec(rest);
    if (!m) return null;
    rest = rest.slice(m[0].length);
    const [, cls, id, attr, op, value, flag, pseudo] = m;
    if (cls !== undefined) {
      if (!key || !('cls' in key)) key = { cls };
      tests.push((el) => {
        const v = el.attribs?.class;
        return v != null && v.length >= cls.length && hasClassToken(v, cls);
      });
    } else if (id !== undefined) {
      key ??= { attr: 'id' };
      tests.push((el) => el.attribs?.id === id);
    } else if (attr !== undefined) {
      key ??= { attr };
      const t = attributeTest(attr, op, value, flag !== undefined || CASE_INSENSITIVE_ATTRIBUTES.has(attr));
      if (!t) return null;
      tests.push(t);
    } else if (pseudo === 'first-child') {
      tests.push((el) => firstOrLastChild(el, -1));
    } else {
      tests.push((el) => firstOrLastChild(el, 1));
    }
  }
  if (tests.length === 0) return token === '*' ? { match: () => true } : null;
  return { match: tests.length === 1 ? tests[0] : (el) => tests.every((t) => t(el)), key };
}

function attributeTest(name: string, op: string | undefined, value: string | undefined, ignoreCase: boolean): Matcher | null {
  if (op === undefined) return (el) => el.attribs != null && Object.prototype.hasOwnProperty.call(el.attribs, name) && el.attribs[name] != null;
  const v = value ?? '';
  if (op === '=') {
    if (!ignoreCase) return (el) => el.attribs?.[name] === v;
    const lower = v.toLowerCase();
    return (el) => {
      const a = el.attribs?.[name];
      return a != null && a.length === lower.length && a.toLowerCase() === lower;
    };
  }
  // css-select: an empty value never matches a substring, prefix or suffix test.
  if (v === '') return () => false;
  if (op === '*=') {
    if (!ignoreCase) return (el) => !!el.attribs?.[name]?.includes(v);
    const lower = v.toLowerCase();
    return (el) => {
      const a = el.attribs?.[name];
      return a != null && a.length >= v.length && a.toLowerCase().includes(lower);
    };
  }
  if (op === '^=') {
    if (!ignoreCase) return (el) => !!el.attribs?.[name]?.startsWith(v);
    const lower = v.toLowerCase();
    return (el) => {
      const a = el.attribs?.[name];
      return a != null && a.length >= lower.length && a.slice(0, lower.length).toLowerCase() === lower;
    };
  }
  if (op === '$=') {
    if (!ignoreCase) return (el) => !!el.attribs?.[name]?.endsWith(v);
    const lower = v.toLowerCase();
    return (el) => el.attribs?.[name]?.slice(-lower.length).toLowerCase() === lower;
  }
  return null;
}

/** css-select's `:first-child` (dir -1) and `:last-child` (dir 1): no element sibling before/after. */
function firstOrLastChild(el: Element, dir: 1 | -1): boolean {
  for (let n = dir === 1 ? el.next : el.prev; n; n = dir === 1 ? n.next : n.prev) if (isElement(n)) return false;
  return true;
}

/** Whether a class attribute holds `cls` as one of its whitespace-separated tokens. */
function hasClassToken(value: string, cls: string): boolean {
  return value.includes(cls) && value.split(/\s+/).includes(cls);
}
