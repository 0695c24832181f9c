/**
 * What an article body carries besides its paragraphs: its images with their captions (caption
 * nodes are marked so the paragraphs skip them) and the documents it links to.
 */
import type { Cheerio } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import type { Attachment, Image } from '../article.ts';
import { normalizeText } from '../text/index.ts';
import { decodeUriLoosely } from '../url.ts';
import { DOCUMENT_EXT } from './documents.ts';
import { BLOCK_TAGS, detach, hasDescendant, isElement, LAZY_PICTURE_ATTRS, parentElement, textData, textWithBreaks } from './dom.ts';
import { absoluteUrl, selectWithin } from './page.ts';
import { proseLength } from './readable.ts';
import type { Page } from './types.ts';

export /** Set on nodes that stay in the HTML but are not body paragraphs (captions, gallery headings). */
const SKIP_ATTR = 'data-wf-skip';

/** Images in reading order with their captions; caption nodes are marked so the text skips them. */
export function collectImages(page: Page, work: Cheerio<AnyNode>): Image[] {
  const $ = page.$;
  const images: Image[] = [];
  // Measured once, on the first picture that needs it.
  let layout: boolean | undefined;
  const centredLayout = () => (layout ??= mostlyCentred(work.get(0) as AnyNode));
  for (const img of selectWithin($, work.get(0) as AnyNode, 'img')) {
    const a = img.attribs;
    const src = absoluteUrl(page, LAZY_PICTURE_ATTRS.map((k) => a[k]).find(Boolean) || a.src);
    if (!src || isDecoration(img, src)) {
      detach(img);
      continue;
    }
    const caption = captionOf($, img, centredLayout);
    images.push(caption ? { src, caption } : { src });
    (img as Element & { wfImage?: Image }).wfImage = images[images.length - 1];
  }
  skipOtherCaptions($, work.get(0) as AnyNode);
  return images;
}

/**
 * A figure of something else (a video, a picture the page only loads by script) still has a
 * caption, not a paragraph of the story: while the figure holds nothing else to read, its caption
 * stays in the HTML and out of the text.
 */
function skipOtherCaptions($: Page['$'], root: AnyNode): void {
  // One tag name is matched in a plain walk; a descendant selector would be parsed on every call.
  for (const fc of selectWithin($, root, 'figcaption')) {
    if (SKIP_ATTR in fc.attribs) continue;
    const figure = closestTag(fc, 'figure');
    if (figure && !normalizeText(textExcept(figure, fc))) fc.attribs[SKIP_ATTR] = '';
  }
}

/** Icons, spacers and file-type badges next to attachment links are not article images. */
function isDecoration(img: Element, src: string): boolean {
  // The file name (after the last slash) names a decoration before its image extension.
  const name = src.slice(src.lastIndexOf('/') + 1);
  const ext = /\.(gif|png|svg)$/i.exec(name);
  if (ext && /(^|[_-])(icon|icons|spacer|blank|pixel|loading|bullet|arrow)/i.test(name.slice(0, ext.index))) return true;
  const w = Number(img.attribs.width);
  const h = Number(img.attribs.height);
  if ((w > 0 && w <= 32) || (h > 0 && h <= 32)) return true;
  for (let el = parentElement(img); el; el = parentElement(el)) {
    if (el.name === 'a' && DOCUMENT_EXT.test(el.attribs.href ?? '')) return true;
  }
  return false;
}

const CAPTION_CLASS = /caption|desc|chu-?thich|chuthich|image[_-]?note|img[_-]?note|photo[_-]?note/i;

function captionOf($: Page['$'], img: Element, centredLayout: () => boolean): string | undefined {
  // 1. <figure><img><figcaption>
  const figure = closestTag(img, 'figure');
  if (figure) {
    const fc = selectWithin($, figure, 'figcaption')[0];
    if (fc) return takeCaption(fc);
  }
  // 1b. A box holding the picture and, after it, an element named as its caption (WordPress's
  // `wp-caption` with `wp-caption-text`): the box is the figure.
  const holder = blockHolder(img);
  const named = holder !== img ? namedCaptionAfter(holder, img) : undefined;
  if (named) return takeCaption(named);
  // 2. A caption table: the image in one cell, its caption in the next row or the same cell.
  const cell = closestTag(img, 'td', 'th');
  if (cell) {
    const table = closestTag(cell, 'table');
    const cellText = normalizeText(textWithBreaks(cell));
    if (cellText && cellText.length <= 300) return takeCaption(cell, img);
    const row = closestTag(cell, 'tr');
    const nextRow = row && nextSiblingTag(row, 'tr');
    if (nextRow && (table ? selectWithin($, table, 'img').length : 0) <= 2) {
      const t = normalizeText(textWithBreaks(nextRow));
      if (t && t.length <= 300 && selectWithin($, nextRow, 'img').length === 0) return takeCaption(nextRow);
    }
  }
  // 3. An element with a caption class right after the image or its wrapper.
  const following = nextElement(holder);
  if (following && !containsImage(following)) {
    const t = normalizeText(textWithBreaks(following));
    if (t && t.length <= 250) {
      if (CAPTION_CLASS.test(following.attribs.class ?? '') || looksLikeCaption($, following, t, centredLayout)) return takeCaption(following);
    }
  }
  // 4. Short text beside the image in its own paragraph ("<p><img><br><em>Caption</em></p>"); a
  // long sentence there is the story going on after the picture.
  if (holder !== img && holder.name !== 'body') {
    const rest = normalizeText(textWithBreaks(holder));
    if (rest && rest.length <= 200 && !isSentence(rest) && holder.children.some((c) => isElement(c) && (c.name === 'em' || c.name === 'i' || c.name === 'br'))) {
      return takeCaption(holder, img);
    }
  }
  return undefined;
}

/** Inside the picture's box, the first element after the picture named as a caption, short and without a picture. */
function namedCaptionAfter(holder: Element, img: Element): Element | undefined {
  let seenImage = false;
  let found: Element | undefined;
  hasDescendant(holder, (d) => {
    if (d === img) seenImage = true;
    else if (seenImage && CAPTION_CLASS.test(d.attribs.class ?? '') && !containsImage(d)) found = d;
    return found !== undefined;
  });
  const text = found && normalizeText(textWithBreaks(found));
  return text && text.length <= 250 ? found : undefined;
}

/** The element or its nearest ancestor with one of the names (as cheerio's `closest` finds it). */
function closestTag(el: Element, ...names: string[]): Element | undefined {
  for (let n: Element | undefined = el; n; n = parentElement(n)) if (names.includes(n.name)) return n;
  return undefined;
}

/** The first later sibling element with the name (as cheerio's `nextAll(name).first()` finds it). */
function nextSiblingTag(el: Element, name: string): Element | undefined {
  for (let n = el.next; n; n = n.next) if (isElement(n) && n.name === name) return n;
  return undefined;
}

/** Text ending as a sentence and longer than captions are: body text, not a caption. */
function isSentence(text: string, length = proseLength(text)): boolean {
  // Lengths as prose: twenty ideographs say as much as sixty letters (see proseLength).
  return SENTENCE_END.test(text) && length > 120;
}

/**
 * A short centred or italic paragraph right after a picture is its caption on these CMSs; centred
 * only while the article's own text is not set centred too (blogs in scripts without spaces often
 * centre every line, and a line between two pictures is then the story, not a caption).
 */
function looksLikeCaption($: Page['$'], el: Element, text: string, centredLayout: () => boolean): boolean {
  const length = proseLength(text);
  if (length > 200 || isSentence(text, length)) return false;
  const style = (el.attribs.style ?? '').toLowerCase();
  const centred = isCentred(el) && !centredLayout();
  const italicStyle = /font-style\s*:\s*italic/.test(style);
  const italicText = normalizeText($(selectWithin($, el, 'em, i, [style*="italic"]')).text()) === text;
  return centred || italicStyle || italicText;
}

/** A sentence's last character, full-width ones (Chinese, Japanese) included. */
const SENTENCE_END = /[.!?;。！？；]$/;

function isCentred(el: Element): boolean {
  const style = (el.attribs.style ?? '').toLowerCase();
  return /text-align\s*:\s*center/.test(style) || (el.attribs.align ?? '').toLowerCase() === 'center' || el.name === 'center';
}

/** Whether most of the text under `root` (by visible characters) sits in centred blocks; one iterative walk. */
function mostlyCentred(root: AnyNode): boolean {
  let centred = 0;
  let all = 0;
  const stack: Array<[AnyNode, boolean]> = [[root, false]];
  while (stack.length) {
    const [n, inCentred] = stack.pop()!;
    if (n.type === ElementType.Text) {
      const len = textData(n).trim().length;
      all += len;
      if (inCentred) centred += len;
    } else if (isElement(n) && n.type === ElementType.Tag) {
      const c = inCentred || isCentred(n);
      for (const child of n.children) stack.push([child, c]);
    }
  }
  return centred * 2 > all;
}

/** Marks a caption so the text skips it, and returns its text without the image's own text. */
function takeCaption(el: Element, except?: Element): string | undefined {
  const text = normalizeText(textExcept(el, except));
  if (!text) return undefined;
  if (except) {
    // Only the text beside the image is the caption: wrap nothing, mark the text nodes' holders.
    for (const c of el.children) if (c !== except && !containsNode(c, except)) markSkip(c);
  } else {
    el.attribs[SKIP_ATTR] = '';
  }
  return text;
}

function markSkip(node: AnyNode): void {
  if (isElement(node)) node.attribs[SKIP_ATTR] = '';
  else if (node.type === ElementType.Text) (node as AnyNode & { wfSkip?: boolean }).wfSkip = true;
}

function textExcept(node: AnyNode, except?: Element): string {
  if (node === except) return ' ';
  if (node.type === ElementType.Text) return textData(node);
  if (!isElement(node)) return '';
  if (node.name === 'br') return ' ';
  let out = '';
  for (const c of node.children) out += textExcept(c, except);
  return out;
}

function containsNode(node: AnyNode, target: AnyNode): boolean {
  if (node === target) return true;
  if (!isElement(node)) return false;
  return node.children.some((c) => containsNode(c, target));
}

function containsImage(el: Element): boolean {
  return hasDescendant(el, (d) => d.name === 'img');
}

/** The image itself, or its nearest block wrapper holding nothing but the image (and maybe a caption). */
function blockHolder(img: Element): Element {
  let node: Element = img;
  while (node.parent && isElement(node.parent)) {
    const parent = node.parent;
    if (BLOCK_TAGS.has(node.name) && node !== img) return node;
    if (parent.children.filter((c) => isElement(c) && c.name !== 'br').length > 2) return node;
    node = parent;
    if (BLOCK_TAGS.has(node.name)) return node;
  }
  return node;
}

function nextElement(el: Element): Element | undefined {
  let n = el.next;
  while (n) {
    if (isElement(n)) {
      if (n.name !== 'br') return n;
    } else if (n.type === ElementType.Text && textData(n).trim()) {
      return undefined;
    }
    n = n.next;
  }
  return undefined;
}

/** Downloadable documents linked from the body. */
export function collectAttachments(page: Page, work: Cheerio<AnyNode>): Attachment[] {
  const seen = new Set<string>();
  const out: Attachment[] = [];
  for (const a of selectWithin(page.$, work.get(0) as AnyNode, 'a[href]')) {
    const href = a.attribs.href ?? '';
    const url = absoluteUrl(page, href);
    if (!url) continue;
    const text = normalizeText(textWithBreaks(a));
    const type = fileType(url) ?? fileType(text);
    if (!type || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, title: attachmentTitle(text, a.attribs.title, url), type });
  }
  return out;
}

function fileType(s: string): string | undefined {
  let path = s;
  try {
    const u = new URL(s);
    path = decodeUriLoosely(u.pathname);
    const m = DOCUMENT_EXT.exec(path) ?? DOCUMENT_EXT.exec(decodeUriLoosely(u.search));
    return m?.[1].toLowerCase();
  } catch {
    return DOCUMENT_EXT.exec(path)?.[1].toLowerCase();
  }
}

const GENERIC_LINK_TEXT = /^(tải về|tải xuống|download|tại đây|xem|xem tại đây|chi tiết|file đính kèm|đính kèm|tệp đính kèm|xem chi tiết|click|bấm vào đây|here)$/iu;

function attachmentTitle(text: string, titleAttr: string | undefined, url: string): string {
  if (text && !GENERIC_LINK_TEXT.test(text)) return text;
  const t = normalizeText(titleAttr ?? '');
  if (t) return t;
  const name = decodeUriLoosely(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
  return normalizeText(name);
}
