import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { hasDescendant, isElement, LAZY_PICTURE_ATTRS, textData, textOf } from '../dom.ts';
import { isPrompt } from './edge.ts';
import { HEADING_TAGS, INLINE_TAGS, isHidden, SKIP_TAGS } from './names.ts';
import { HAS_WORD, linkLength, visibleLength } from './text.ts';
import { TUNING } from './tuning.ts';

/** Any visible character, tested without copying the text. */
const NOT_SPACE = /\S/;

/**
 * Boxes inside the article's container that carry no name saying what they are, known by their
 * shape instead: a cloud of labels (a chart drawn in HTML, a gallery’s pager), a box a skip link
 * jumps over, an embedded player with its caption.
 */

/** The boxes a cloud of labels comes in; never a table or a part of one. */
const CLOUD_TAGS = new Set(['div', 'section', 'figure', 'ul', 'ol', 'dl']);

/**
 * A chart's axis labels and values, or a pager's numbers: a box of many short pieces of text,
 * most of them no word at all, and no sentence among them. Each block's text is one piece.
 * A table is not looked into: its figures are data the story may set out.
 */
export function isLabelCloud(el: Element): boolean {
  if (!CLOUD_TAGS.has(el.name)) return false;
  const count = { pieces: 0, labels: 0, sentences: 0 };
  return piecesOf(el, count) && count.pieces >= TUNING.labelCloudPieces && count.labels >= count.pieces * TUNING.labelCloudShare;
}

/** Counts the pieces under `el` into `count`; false as soon as a sentence or a table shows it is no cloud. */
function piecesOf(el: Element, count: { pieces: number; labels: number; sentences: number }): boolean {
  let text = '';
  // The text gathered since the last block is one piece.
  const flush = (): boolean => {
    const length = visibleLength(text);
    const label = length <= 3 || !HAS_WORD.test(text);
    text = '';
    if (length === 0) return true;
    // One sentence may say what the chart shows: its caption goes with it.
    if (length >= TUNING.siblingParagraphChars && (++count.sentences > 1 || length > TUNING.edgeLineChars)) return false;
    count.pieces++;
    if (label) count.labels++;
    return true;
  };
  for (const c of el.children) {
    if (c.type === ElementType.Text) text += textData(c);
    else if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
    else if (c.name === 'table') return false;
    else if (INLINE_TAGS.has(c.name)) text += textOf(c);
    else if (!flush() || !piecesOf(c, count)) return false;
  }
  return flush();
}

/**
 * A box that opens with a link jumping to what comes right after it ("Continue reading the main
 * story", "Skip this box"): the page itself says the box is not part of the story's flow.
 */
export function isSkippedBox(el: Element): boolean {
  const link = openingLink(el);
  const href = link?.attribs.href;
  if (!href || href.length < 2 || href[0] !== '#') return false;
  const next = elementBeforeText(el.next);
  const target = href.slice(1);
  return !!next && (next.attribs.id === target || next.attribs.name === target);
}

/** The link the box opens with (nothing visible before it), looked for a few levels down. */
function openingLink(el: Element): Element | undefined {
  let box: Element = el;
  for (let depth = 0; depth < 3; depth++) {
    const first = elementBeforeText(box.children[0] ?? null);
    if (!first) return undefined;
    if (first.name === 'a') return first;
    box = first;
  }
  return undefined;
}

/** The first element from `node` on among its siblings, when no visible text comes before it. */
function elementBeforeText(node: AnyNode | null): Element | undefined {
  for (let n = node; n; n = n.next) {
    if (n.type === ElementType.Text) {
      if (NOT_SPACE.test(textData(n))) return undefined;
    } else if (isElement(n) && n.type === ElementType.Tag) return n;
  }
  return undefined;
}

/** What plays or embeds something the text cannot hold: a video, a map, a post from elsewhere. */
const PLAYER_TAGS = new Set(['iframe', 'video', 'audio', 'embed', 'object']);
const PLAYER_BOX_TAGS = new Set(['div', 'figure', 'section']);

/**
 * A box holding an embedded player and a line or two of text: the player's caption ("Our
 * reporter explains …"), which describes the video as a picture's caption does the picture.
 * `size` is the box's text length.
 */
export function isPlayerBox(el: Element, size: number): boolean {
  if (size === 0 || size > TUNING.playerCaptionChars || !PLAYER_BOX_TAGS.has(el.name)) return false;
  return hasDescendant(el, (d) => PLAYER_TAGS.has(d.name));
}

/** Class/id words of a picture gallery: a slideshow, carousel, slider or lightbox. */
const GALLERY_NAME = /gallery|galerie|galeria|slide-?show|carousel|slider|lightbox/i;

/**
 * A gallery widget inside the article: a box named as a gallery that holds several pictures and
 * a control to move through them (previous/next, thumbnails to click, a caption to hide), with
 * less than `maxText` characters of visible text (its hidden slides do not count: most of a
 * slideshow's captions are). Its titles and captions belong to its slides, not to the story; a
 * figure of the story is one picture with no controls.
 */
export function isGalleryWidget(el: Element, maxText: number): boolean {
  const a = el.attribs;
  // Most elements have neither class nor id: nothing to build or test then.
  if (a.class === undefined && a.id === undefined) return false;
  const name = `${a.class ?? ''} ${a.id ?? ''}`;
  if (name.length < 5 || !GALLERY_NAME.test(name)) return false;
  const found = { pictures: 0, control: false, text: 0 };
  galleryParts(el, found, false);
  return found.control && found.pictures >= TUNING.galleryPictures && found.text < maxText;
}

function galleryParts(el: Element, found: { pictures: number; control: boolean; text: number }, hidden: boolean): void {
  for (const c of el.children) {
    if (c.type === ElementType.Text) {
      if (!hidden) found.text += visibleLength(textData(c));
      continue;
    }
    if (!isElement(c) || c.type !== ElementType.Tag) continue;
    if (!found.control) found.control = isControl(c);
    if (SKIP_TAGS.has(c.name)) continue;
    const a = c.attribs;
    if (c.name === 'img' || LAZY_PICTURE_ATTRS.some((k) => a[k] !== undefined)) found.pictures++;
    galleryParts(c, found, hidden || isHidden(c));
  }
}

/** Something to click that goes nowhere: a button, a script's handler, a link to `#` or `javascript:`. */
function isControl(el: Element): boolean {
  if (el.name === 'button' || el.attribs.onclick !== undefined || el.attribs.role === 'button') return true;
  const href = el.name === 'a' ? el.attribs.href?.trim() : undefined;
  return href === '#' || (!!href && /^javascript:/i.test(href));
}

/**
 * Labels of a story's summary in bullets ("Story highlights", "Key points"), many languages: the
 * whole line, never a sentence that starts so.
 */
const SUMMARY_LABEL =
  /^(?:(?:story )?highlights|key (?:points|takeaways|facts)|at a glance|in brief|tl;?dr|what you need to know|l['’]essentiel|en bref|points clés|à retenir|das wichtigste(?: in kürze)?|auf einen blick|lo más importante|en resumen|in sintesi|punti chiave|em resumo|destaques)$/iu;
const SUMMARY_BOX_TAGS = new Set(['div', 'aside', 'section']);

/**
 * A summary set beside the story: a box holding a label such as "Story highlights" and one
 * bulleted list, nothing else. Its points repeat the story; a section of the story under such a
 * heading shares its box with the rest of the story.
 */
export function isSummaryBox(el: Element): boolean {
  if (!SUMMARY_BOX_TAGS.has(el.name)) return false;
  let label: Element | undefined;
  let list: Element | undefined;
  for (const c of el.children) {
    if (c.type === ElementType.Text && NOT_SPACE.test(textData(c))) return false;
    if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
    if (!label) label = c;
    else if (list || (c.name !== 'ul' && c.name !== 'ol')) return false;
    else list = c;
  }
  if (!label || !list || label.name === 'ul' || label.name === 'ol') return false;
  const text = textOf(label);
  return text.length <= 80 && SUMMARY_LABEL.test(normalizeText(text).replace(/:$/, ''));
}

/** The label of a pointer to other pages ("Main article: …", "See also: …", "Photos from …: …"), many languages. */
const CROSS_REFERENCE =
  /^(?:main articles?|further information|see also|(?:photos?|videos?|gallery|watch)(?: from [^:]{1,30})?|hauptartikel|siehe auch|article (?:principal|détaillé)|articles détaillés|voir aussi|artículo principal|ver también|artigo principal|voce principale|vedi anche|основная статья|xem thêm)\s?:/iu;

/**
 * A line pointing to other articles ("Main article: Ferries of Norway"): a label, then links and
 * nothing else. It leads the reader away from the text rather than belong to it. `text` is the
 * element's text, whitespace collapsed.
 */
export function isCrossReference(el: Element, text: string): boolean {
  const label = CROSS_REFERENCE.exec(text);
  return !!label && visibleLength(text.slice(label[0].length)) <= linkLength(el) + 4;
}

const PROMPT_BOX_TAGS = new Set(['div', 'section', 'form']);

/**
 * A box titled by a prompt ("Sign up to our newsletter and get …", "Follow us on Twitter"): its
 * first line with text is a heading that asks something of the reader, so what the box holds is
 * the offer that goes with it, not story. `sizes` holds the text length of each element.
 */
export function isPromptBox(el: Element, sizes: Map<Element, number>): boolean {
  if (!PROMPT_BOX_TAGS.has(el.name)) return false;
  for (const c of el.children) {
    if (c.type === ElementType.Text && NOT_SPACE.test(textData(c))) return false;
    if (!isElement(c) || c.type !== ElementType.Tag || !sizes.get(c)) continue;
    return HEADING_TAGS.has(c.name) && isPrompt(normalizeText(textOf(c)));
  }
  return false;
}
