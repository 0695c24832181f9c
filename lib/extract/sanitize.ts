import sanitizeHtml from 'sanitize-html';
import { MATH_ANNOTATION_TAGS, MATH_TAGS, mathAttributes } from './mathml.ts';

/**
 * Body HTML as feed readers and the store may show it: a small allow-list of structural tags and
 * the presentation MathML of formulas, no scripts, styles, forms or event handlers, iframes only
 * from known video players, and every link and image address absolute (feed readers have no base
 * URL to resolve against).
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
const LAZY_SRC_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url'];

const MATH_ATTRIBUTES = mathAttributes();

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

function keep(attribs: sanitizeHtml.Attributes, names: string[]): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  for (const n of names) if (attribs[n] !== undefined) out[n] = attribs[n];
  return out;
}

function optionsFor(baseUrl: string): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    nonTextTags: NON_TEXT_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'allowfullscreen', 'frameborder'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
      ...MATH_ATTRIBUTES,
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'], iframe: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedIframeHostnames: ['www.youtube.com', 'youtube.com', 'm.youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com', 'www.facebook.com', 'facebook.com', 'web.facebook.com', 'player.vimeo.com'],
    disallowedTagsMode: 'discard',
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      h1: 'h2',
      section: 'div',
      article: 'div',
      main: 'div',
      header: 'div',
      footer: 'div',
      center: 'div',
      strike: 's',
      del: 's',
      a: (tagName, attribs) => {
        const href = absolute(attribs.href, baseUrl);
        return { tagName, attribs: { ...(href && isSafeLink(href) ? { href } : {}), ...keep(attribs, ['title']) } };
      },
      img: (tagName, attribs) => {
        const lazy = LAZY_SRC_ATTRS.map((a) => attribs[a]).find((v) => v && v.trim() && !/^data:/i.test(v.trim()));
        const src = absolute(lazy ?? attribs.src, baseUrl);
        return { tagName, attribs: { ...(src && isSafeImage(src) ? { src } : {}), ...keep(attribs, ['alt', 'title', 'width', 'height']) } };
      },
      iframe: (tagName, attribs) => {
        const src = absolute(attribs.src, baseUrl);
        return { tagName, attribs: { ...(src && isAllowedIframe(src) ? { src } : {}), ...keep(attribs, ['width', 'height', 'allowfullscreen', 'frameborder']) } };
      },
    },
    // An image or frame whose address was unsafe or missing shows nothing; an iframe's own
    // content is fallback text for browsers without frames.
    exclusiveFilter: (frame) => (frame.tag === 'img' || frame.tag === 'iframe') && !frame.attribs.src,
    textFilter: (text, tagName) => (tagName === 'iframe' ? '' : text),
  };
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
 * Sanitises an article body fragment. `baseUrl` is the page address: relative links and images
 * resolve against it. Output is deterministic for a given input.
 */
export function sanitizeBodyHtml(html: string, baseUrl: string): string {
  const cleaned = sanitizeHtml(html, optionsFor(baseUrl));
  return dropEmptyWrappers(cleaned).replace(/\n{3,}/g, '\n\n').trim();
}
