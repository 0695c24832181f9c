import { ElementType } from 'domelementtype';
import type { AnyNode } from 'domhandler';
import { isElement, LAZY_PICTURE_ATTRS, textData } from './dom.ts';
import { MATH_ANNOTATION_TAGS, MATH_TAGS, mathAttributes } from './mathml.ts';
import { loadHtml } from './parse-html.ts';

/**
 * Body HTML as feed readers and the store may show it: a small allow-list of structural tags and
 * the presentation MathML of formulas, no scripts, styles, forms or event handlers, iframes only
 * from known video players, and every link and image address absolute (feed readers have no base
 * URL to resolve against).
 *
 * Written straight from the parsed tree the extractor already holds: the allow-list decides per
 * element, and only what it lets through is written, escaped. Writing the body out and parsing
 * it again for a string sanitiser was a sixth of an extraction's time, and read the text of
 * `<noembed>` or `<plaintext>` back as markup.
 */

const ALLOWED_TAGS = [
  'p', 'br', 'div', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'blockquote', 'pre', 'code', 'hr', 'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup',
  'a', 'img', 'figure', 'figcaption', 'iframe', ...MATH_TAGS,
];

/** Dropped together with everything inside them: never article text. */
const NON_TEXT_TAGS = [
  'script', 'style', 'noscript', 'template', 'textarea', 'option', 'select', 'button',
  'svg', 'object', 'embed', 'canvas', 'audio', 'video', 'title', 'head', ...MATH_ANNOTATION_TAGS,
];

/** Video players whose embeds are part of an article; anything else framed is dropped. */
const IFRAME_HOSTS: Array<{ host: RegExp; path?: RegExp }> = [
  { host: /^(www\.|m\.)?youtube\.com$/i, path: /^\/embed\// },
  { host: /^(www\.)?youtube-nocookie\.com$/i, path: /^\/embed\// },
  { host: /^(www\.|web\.)?facebook\.com$/i, path: /^\/plugins\/video\.php/ },
  { host: /^player\.vimeo\.com$/i, path: /^\/video\// },
];

/** Lazy-loading scripts keep the real image address in one of these while `src` is a placeholder. */
const LAZY_SRC_ATTRS = [...LAZY_PICTURE_ATTRS, 'data-lazy', 'data-url'];

function absolute(value: string | undefined, baseUrl: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, baseUrl).href;
  } catch {
    return undefined;
  }
}

function isSafeLink(href: string): boolean {
  return /^(https?:|mailto:|tel:)/i.test(href);
}

function isSafeImage(src: string): boolean {
  return /^https?:/i.test(src) || /^data:image\/(png|jpe?g|gif|webp|avif|bmp);/i.test(src);
}

function isAllowedIframe(src: string): boolean {
  let u: URL;
  try {
    u = new URL(src);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  return IFRAME_HOSTS.some((h) => h.host.test(u.hostname) && (!h.path || h.path.test(u.pathname)));
}

/** Attributes each allowed tag keeps, in this order; every other attribute goes. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'frameborder'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
  ...mathAttributes(),
};

/** Tags written under another name: one heading level for the page's title, plain boxes for sections. */
const RENAMED: Record<string, string> = {
  h1: 'h2', section: 'div', article: 'div', main: 'div', header: 'div', footer: 'div', center: 'div', strike: 's', del: 's',
};

/** Written `<br />`: they hold nothing. */
const VOID_TAGS = new Set(['img', 'br', 'hr']);
/** An empty value is said as `alt=""` (an image that says nothing); of the others only flags stay bare. */
const EMPTY_KEPT = new Set(['alt']);
const FLAGS = new Set(['allowfullscreen', 'frameborder']);

const ALLOWED = new Set(ALLOWED_TAGS);
const NON_TEXT = new Set(NON_TEXT_TAGS);

type Attributes = Record<string, string>;

/** The attributes an allowed tag keeps, addresses made absolute; `undefined` drops the element whole. */
function attributesOf(name: string, attribs: Attributes, baseUrl: string): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  if (name === 'a') {
    const href = absolute(attribs.href, baseUrl);
    if (href && isSafeLink(href)) out.push(['href', href]);
  } else if (name === 'img' || name === 'iframe') {
    // An image or frame whose address was unsafe or missing shows nothing.
    const lazy = name === 'img' ? LAZY_SRC_ATTRS.map((a) => attribs[a]).find((v) => v && v.trim() && !/^data:/i.test(v.trim())) : undefined;
    const src = absolute(lazy ?? attribs.src, baseUrl);
    if (!src || !(name === 'img' ? isSafeImage(src) : isAllowedIframe(src))) return undefined;
    out.push(['src', src]);
  }
  const allowed = ALLOWED_ATTRIBUTES[name];
  if (!allowed) return out;
  // Links, images and frames list their attributes in a fixed order; the rest keep the page's.
  const order = name === 'a' || name === 'img' || name === 'iframe' ? allowed : Object.keys(attribs);
  for (const a of order) {
    const value = attribs[a];
    if (value === undefined || a === 'href' || a === 'src' || !allowed.includes(a)) continue;
    if (value !== '' || EMPTY_KEPT.has(a) || FLAGS.has(a)) out.push([a, value]);
  }
  return out;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/**
 * A NUL or a lone surrogate has no place in stored text (nor in UTF-8): it reads as U+FFFD, as
 * the HTML decoder reads `&#0;` or `&#xD800;`.
 */
// eslint-disable-next-line no-control-regex -- a NUL is one of the characters this pattern looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- as above
const MAYBE_UNSTORABLE = /[\u0000\ud800-\udfff]/;

function storable(s: string): string {
  return MAYBE_UNSTORABLE.test(s) ? s.replace(UNSTORABLE, '\ufffd') : s;
}

function openTag(name: string, attributes: Array<[string, string]>): string {
  let tag = `<${name}`;
  for (const [a, value] of attributes) tag += value === '' && !EMPTY_KEPT.has(a) ? ` ${a}` : ` ${a}="${escapeAttribute(value)}"`;
  return tag + (VOID_TAGS.has(name) ? ' />' : '>');
}

/**
 * Writes parsed nodes as allowed HTML: elements off the allow-list are dropped with their tags
 * but keep their text (non-text ones lose everything inside), renamed tags take their new name,
 * and text is escaped. Iterative, so a deep tree cannot exhaust the stack.
 */
function writeAllowed(nodes: readonly AnyNode[], baseUrl: string): string {
  let out = '';
  // Closing tags wait on the stack under the children they close.
  const stack: Array<AnyNode | string> = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    if (n.type === ElementType.Text) {
      // A frame's own text is fallback for browsers without frames.
      if (!(n.parent && isElement(n.parent) && n.parent.name === 'iframe')) out += escapeText(storable(textData(n)));
      continue;
    }
    if (!isElement(n) || NON_TEXT.has(n.name)) continue;
    const name = RENAMED[n.name] ?? n.name;
    let close = '';
    if (ALLOWED.has(name)) {
      const attributes = attributesOf(name, storableAttributes(n.attribs), baseUrl);
      if (!attributes) continue;
      out += openTag(name, attributes);
      if (VOID_TAGS.has(name)) continue;
      close = `</${name}>`;
    }
    if (close) stack.push(close);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

function storableAttributes(attribs: Attributes): Attributes {
  for (const a in attribs) if (MAYBE_UNSTORABLE.test(attribs[a])) return Object.fromEntries(Object.entries(attribs).map(([k, v]) => [k, storable(v)]));
  return attribs;
}

/**
 * White space, no-break spaces (raw U+00A0 is in `\s`), zero-width spaces and line breaks. Each
 * alternative starts differently, so a long run is read one way only (no backtracking blow-up).
 */
const EMPTY_FILLER = String.raw`(?:[\s\u200b]|&nbsp;|&#160;|<br />)*`;
/** Inline wrappers and blocks left with nothing inside (editors leave many `<span>&nbsp;</span>`). */
const EMPTY_INLINE = new RegExp(String.raw`<(a|strong|em|b|i|u|s|sub|sup|code)\b[^<>]*>${EMPTY_FILLER}</\1>`, 'g');
const EMPTY_BLOCK = new RegExp(String.raw`<(p|div|h[2-6]|blockquote|figcaption|li|pre|caption)>${EMPTY_FILLER}</\1>`, 'g');

function dropEmptyWrappers(html: string): string {
  // Removing one empty wrapper can empty its parent, so repeat until stable (bounded by depth).
  for (let i = 0; i < 50; i++) {
    const next = html.replace(EMPTY_INLINE, '').replace(EMPTY_BLOCK, '');
    if (next === html) break;
    html = next;
  }
  return html;
}

/**
 * Sanitises parsed body nodes (the children of a content root). `baseUrl` is the page address:
 * relative links and images resolve against it. Output is deterministic for a given input.
 */
export function sanitizeBodyNodes(nodes: readonly AnyNode[], baseUrl: string): string {
  return dropEmptyWrappers(writeAllowed(nodes, baseUrl)).replace(/\n{3,}/g, '\n\n').trim();
}

/** Sanitises an article body given as HTML text (an import, a stored body). */
export function sanitizeBodyHtml(html: string, baseUrl: string): string {
  const $ = loadHtml(html);
  return sanitizeBodyNodes($.root().get(0)?.children ?? [], baseUrl);
}
