import type { Cheerio } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import type { Attachment, Image } from '../article.ts';
import type { Page } from './types.ts';
import { normalizeText } from '../text/index.ts';
import { boundedText, isMetaLine } from './meta-line.ts';
import { BLOCK_TAGS, detach, isElement, nonSpaceLength, textData, textWithBreaks, textWithBreaksUpTo } from './dom.ts';
import { selectWithin } from './page.ts';
import { sanitizeBodyNodes } from './sanitize.ts';
import { collectAttachments, collectImages, SKIP_ATTR } from './body-media.ts';
import { INVISIBLE_OPERATORS, MATH_ANNOTATION_TAGS, MATH_INVISIBLE_TAG, MATH_TOKEN_TAGS } from './mathml.ts';

/** An article body as assembled from the content root a profile (or the generic finder) chose. */
export interface Body {
  bodyHtml: string;
  bodyText: string;
  images: Image[];
  attachments: Attachment[];
  author?: string;
}

export interface BuildBodyOptions {
  /** Extra selectors of the family's own widgets inside the content root. */
  remove?: string[];
  /** Take a short closing line ("UBND phường Mỹ Long", "Tin: …") as the author. */
  signature?: boolean;
  /** The article title: a copy of it opening the content root is not body text. */
  title?: string;
  /** The root is a detached copy the caller gives away: it is worked on in place, not copied again. */
  owned?: boolean;
}

/** Never article text, whatever the CMS: scripts, forms, navigation, hidden elements. */
const JUNK_SELECTORS = [
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'form', 'input', 'button', 'select', 'textarea',
  'nav', '.visually-hidden', '.element-invisible', '.skip-link', '.sr-only', '[hidden]',
  '[style*="display:none"]', '[style*="display: none"]',
];
/**
 * Widgets known by their names: share/social bars, breadcrumbs, ratings, related news. A name is
 * a guess, so such an element goes only while it holds less than half of the body's text: a
 * page's article in `<div class="content_module js-social-images">` is no share bar.
 */
const WIDGET_SELECTORS = [
  '.breadcrumb', '.breadcrumbs', '[class*="breadcrumb"]', '[id*="breadcrumb"]',
  '[class*="share"]', '[id*="share"]', '[class*="social"]', '[class*="addthis"]',
  '.fb-like', '.fb-comments', '.zalo-share-button', '.taglib-ratings', '.taglib-social-bookmarks',
  '.lfr-discussion', '[class*="related-news"]', '[type="RelatedNewsBox"]', '.tin-lien-quan', '.tinlienquan',
].join(', ');
const WIDGET_MAX_SHARE = 0.5;

/** Headings that open the related/other-news list at the end of an article. */
const RELATED_HEADING =
  /^(các )?(tin|bài|bài viết|tin bài|tin tức)( khác| liên quan| cùng chuyên mục| cùng loại| đã đưa| mới hơn| cũ hơn)(.{0,20})?:?$/iu;

/** Standalone widget labels that are never content. */
const WIDGET_LABEL =
  /^(skip to main content|bỏ qua nội dung chính|in bài( viết)?|in trang|bản in|gửi (email|bài viết)|chia sẻ|quay lại|trở về|về đầu trang|lên đầu trang|xem thêm|tweet|like|share|print|email|facebook|zalo)$/iu;

const TOGGLE_VERB = /^(?:show|hide|expand|collapse)$/i;
const TOGGLE_WHAT = /^(?:all|full|more|less|the|entire|complete)[.…:»›>]*$/i;
const TOGGLE_PHRASE =
  /^(?:(?:xem|hiện|hiển thị|mở rộng|thu gọn) (?:thêm|toàn văn|đầy đủ|tất cả|toàn bộ)(?: \S+){0,4}|afficher (?:plus|la suite|tout)|mehr (?:anzeigen|lesen)|ver más|mostrar? (?:tutto|mais))$/iu;
/** Words of a button's label at most. */
const TOGGLE_WORDS = 7;

/**
 * The label of a collapsed box's button ("Show full PR text", "Xem toàn văn"): the box's text is
 * the article's, the button's is not. Not "Read …" or "See …": those open sentences and links.
 */
export function isToggleLabel(text: string): boolean {
  if (text.length > 60) return false;
  const words = text.split(/\s+/);
  return (words.length <= TOGGLE_WORDS && TOGGLE_VERB.test(words[0]) && TOGGLE_WHAT.test(words[1] ?? '')) || TOGGLE_PHRASE.test(text);
}

/** One step of the body in reading order: a paragraph of text or an image. */
type FlowItem = { kind: 'text'; text: string; nodes: Element[] } | { kind: 'image'; image: Image; node: Element };

/**
 * Turns a content root into the article body: junk removed, images and attachments listed,
 * captions, gallery headings and a closing signature taken out of the text.
 */
export function buildBody(page: Page, root: Cheerio<AnyNode>, opts: BuildBodyOptions = {}): Body {
  // A detached copy: profiles may still read the page after building the body.
  const work = opts.owned ? root.first() : root.first().clone();
  if (work.length === 0) return { bodyHtml: '', bodyText: '', images: [], attachments: [] };

  const $ = page.$;
  const rootEl = work.get(0) as Element;
  for (const sel of removalPasses(opts.remove)) for (const el of selectWithin($, rootEl, sel)) detach(el);
  removeWidgets($, rootEl);
  for (const el of selectWithin($, rootEl, '[class*="print"]')) if (isPrintWidget(el)) detach(el);
  removeByText($, work);
  const images = collectImages(page, work);
  const attachments = collectAttachments(page, work);

  const flow = readFlow(work.get(0) as Element);
  const first = flow[0];
  if (opts.title && first?.kind === 'text' && sameText(first.text, opts.title)) {
    flow.shift();
    removeHolders(first, work.get(0));
  }
  // A trailing heading over a gallery ("Hình ảnh buổi làm việc :") describes the pictures, not the story.
  const galleryAt = trailingGalleryHeading(flow);
  if (galleryAt >= 0) {
    const heading = flow[galleryAt] as Extract<FlowItem, { kind: 'text' }>;
    // Said once for the whole gallery: it goes to the first picture (unless that one has its own).
    const firstImage = flow.slice(galleryAt + 1).find((i) => i.kind === 'image');
    if (firstImage?.kind === 'image' && !firstImage.image.caption) firstImage.image.caption = heading.text;
    flow.splice(galleryAt, 1);
  }

  let author: string | undefined;
  if (opts.signature) {
    const lastText = findLastIndex(flow, (i) => i.kind === 'text');
    const last = flow[lastText];
    if (last?.kind === 'text') {
      author = signatureAuthor(last.text);
      if (author) {
        flow.splice(lastText, 1);
        // The signature is the author field now; repeating it at the end of the HTML adds nothing.
        removeHolders(last, work.get(0));
      }
    }
  }

  const paragraphs = flow.flatMap((i) => (i.kind === 'text' ? [i.text] : []));
  for (const el of selectWithin($, rootEl, `[${SKIP_ATTR}]`)) delete el.attribs[SKIP_ATTR];
  const bodyHtml = sanitizeBodyNodes((work.get(0) as Element).children, page.url);
  return { bodyHtml, bodyText: paragraphs.join('\n\n'), images, attachments, ...(author ? { author } : {}) };
}

/** Drops the widgets named so (`WIDGET_SELECTORS`) that hold less than half of the body's text. */
function removeWidgets($: Page['$'], rootEl: Element): void {
  const found = selectWithin($, rootEl, WIDGET_SELECTORS);
  if (!found.length) return;
  const bound = Math.floor(nonSpaceLength(textWithBreaks(rootEl)) * WIDGET_MAX_SHARE);
  // Outermost first: a widget gone takes the ones inside it along.
  for (const el of found) if (attached(el, rootEl) && textWithBreaksUpTo(el, bound) !== undefined) detach(el);
}

/**
 * Bootstrap's print grid and `hidden-print` (shown on screen): layout around the article's
 * paragraphs; and a `printable` box, the part of the article a print button prints (a recipe).
 */
const PRINT_LAYOUT = /^(col-print-\d{1,2}|hidden-print|printable)$/;

/** A print button or print-only copy: a class naming print that is not print layout. */
function isPrintWidget(el: Element): boolean {
  return (el.attribs.class ?? '').split(/\s+/).some((c) => c.includes('print') && !PRINT_LAYOUT.test(c));
}

/**
 * The selectors to remove, joined into as few selector lists as keeps the outcome: one pass over
 * the tree per list instead of one per selector. A selector that looks at siblings or position
 * (`:last-child`, `+`, `~`) may match differently once earlier ones removed things, so it runs
 * on its own, in its place.
 */
function removalPasses(extra: string[] | undefined): string[] {
  const key = extra ?? NO_EXTRA;
  let passes = passCache.get(key);
  if (!passes) {
    passes = [];
    let run: string[] = [];
    for (const sel of [...JUNK_SELECTORS, ...key]) {
      if (!orderSensitive(sel)) {
        run.push(sel);
        continue;
      }
      if (run.length) passes.push(run.join(', '));
      run = [];
      passes.push(sel);
    }
    if (run.length) passes.push(run.join(', '));
    passCache.set(key, passes);
  }
  return passes;
}

const NO_EXTRA: string[] = [];
/** Keyed by the recipe's own array: recipes are constants, so each is joined once. */
const passCache = new WeakMap<string[], string[]>();

function orderSensitive(selector: string): boolean {
  // Quoted attribute values ("display:none") say nothing about structure.
  return /[:+~]/.test(selector.replace(/"[^"]*"|'[^']*'/g, ''));
}

/** Drops a paragraph's own elements from the HTML, never a wrapper that holds more than it. */
function removeHolders(item: Extract<FlowItem, { kind: 'text' }>, root: AnyNode | undefined): void {
  // Raw text may be decomposed (a Vietnamese letter is up to 3 code units) and carry a few
  // invisible characters; past that bound a node holds more than the paragraph.
  const bound = 3 * item.text.replace(/\s/g, '').length + 64;
  for (const n of item.nodes) {
    if (n === root) continue;
    const text = textWithBreaksUpTo(n, bound);
    if (text !== undefined && sameText(text, item.text)) detach(n);
  }
}

function sameText(a: string, b: string): boolean {
  const x = normalizeText(a);
  const y = normalizeText(b);
  // Unicode has no Vietnamese-specific case mappings, so the plain lower case is what
  // toLocaleLowerCase('vi') gives, at a small part of the cost.
  return x === y || x.toLowerCase() === y.toLowerCase();
}

/** Removes elements that are junk by their text: meta lines, related-news blocks, widget labels. */
function removeByText($: Page['$'], work: Cheerio<AnyNode>): void {
  const rootEl = work.get(0);
  // Innermost first, so the smallest element holding a meta line goes, not its wrapper.
  const elements = selectWithin($, rootEl as AnyNode, '*').reverse();
  const texts = new Map<Element, string | number>();
  for (const el of elements) {
    if (!attached(el, rootEl)) continue; // already removed with an ancestor or a related block
    const text = shortText(el, texts);
    if (!text) continue;
    if ((text.length < MAX_JUNK_TEXT && isMetaLine(text)) || (text.length < 60 && WIDGET_LABEL.test(text)) || isToggleLabel(text)) {
      if (!inRunningText(el)) detach(el);
    } else if (text.length < 60 && RELATED_HEADING.test(text) && !inRunningText(el)) {
      removeRelated(el, rootEl);
    }
  }
}

/** Words of the sentence around an element that make it a part of that sentence. */
const SENTENCE_WORDS = 3;
const WORD = /\p{L}+/gu;

/**
 * Whether an element is a phrase of the sentence around it ("posted to <a>Facebook</a> started
 * an online backlash"): a word ending at its start or starting at its end, and a few words in the
 * text right beside it. Such an element is never junk by its own text; a label after "Share:" or
 * between links is no part of a sentence. A wrapper holding only the element stands for it.
 */
function inRunningText(el: Element): boolean {
  for (let n = el; ; ) {
    const before = n.prev?.type === ElementType.Text ? textData(n.prev) : '';
    const after = n.next?.type === ElementType.Text ? textData(n.next) : '';
    if (before.trim() || after.trim()) {
      const flows = /[\p{L}\p{N},]\s*$/u.test(before) || /^\s*[\p{L}\p{N}]/u.test(after);
      return flows && (before.match(WORD)?.length ?? 0) + (after.match(WORD)?.length ?? 0) >= SENTENCE_WORDS;
    }
    const parent = n.parent;
    if (!parent || !isElement(parent) || BLOCK_TAGS.has(parent.name) || parent.children.some((c) => c !== n && (isElement(c) || (c.type === ElementType.Text && textData(c).trim())))) return false;
    n = parent;
  }
}

/** Elements with this much text are neither meta lines, labels nor related-news headings. */
const MAX_JUNK_TEXT = 300;

/**
 * An element's normalised text, or undefined when it is too long to be junk by its text. Children
 * come before their parents here (innermost first) and what is removed goes whole, so the texts
 * of the children still attached are known and still true.
 */
function shortText(el: Element, texts: Map<Element, string | number>): string | undefined {
  const text = boundedText(el, (c) => texts.get(c), textWithBreaks, MAX_JUNK_TEXT);
  texts.set(el, text);
  return typeof text === 'string' ? text : undefined;
}

/**
 * A related-news heading goes with its list: the whole box when the heading opens a wrapper
 * (boxes sit mid-article too), else the heading and the link lists right after it.
 */
function removeRelated(heading: Element, rootEl: AnyNode | undefined): void {
  let node: Element = heading;
  while (node.parent && node.parent !== rootEl && firstContentChild(node.parent as Element) === node) node = node.parent as Element;
  if (node !== heading) {
    detach(node);
    return;
  }
  let next = heading.next;
  detach(heading);
  while (next) {
    const after: AnyNode | null = next.next;
    if (next.type === ElementType.Text && !(next as unknown as { data: string }).data.trim()) {
      next = after;
      continue;
    }
    if (!isElement(next) || !isLinkList(next)) break;
    detach(next);
    next = after;
  }
}

/** A block whose text is mostly link text: a list of other articles. */
function isLinkList(el: Element): boolean {
  const all = normalizeText(textWithBreaks(el)).length;
  if (all === 0) return false;
  let linked = 0;
  const walk = (n: AnyNode) => {
    if (!isElement(n)) return;
    if (n.name === 'a') linked += normalizeText(textWithBreaks(n)).length;
    else n.children.forEach(walk);
  };
  walk(el);
  return linked / all >= 0.6;
}

function attached(node: AnyNode, root: AnyNode | undefined): boolean {
  let n: AnyNode | null = node;
  while (n && n !== root) n = n.parent;
  return n === root;
}

function firstContentChild(el: Element): AnyNode | undefined {
  return el.children.find((c) => (c.type === ElementType.Text ? textData(c).trim() !== '' : isElement(c)));
}

/** Reads the body in order: paragraphs split at block elements and double line breaks, and images. */
function readFlow(root: Element): FlowItem[] {
  const flow: FlowItem[] = [];
  let buf = '';
  let holders: Element[] = [];
  let brRun = 0;
  const flush = () => {
    // Between blocks the buffer is mostly indentation: nothing to normalise.
    const text = /\S/.test(buf) ? normalizeText(buf) : '';
    if (text) flow.push({ kind: 'text', text, nodes: holders.length ? [...new Set(holders)] : [] });
    buf = '';
    holders = [];
  };
  const walk = (node: AnyNode, holder: Element) => {
    if (node.type === ElementType.Text) {
      if ((node as AnyNode & { wfSkip?: boolean }).wfSkip) return;
      const data = textData(node);
      buf += data;
      if (data.trim()) {
        brRun = 0;
        holders.push(holder);
      }
      return;
    }
    if (!isElement(node)) return;
    if (SKIP_ATTR in node.attribs) {
      if (BLOCK_TAGS.has(node.name)) flush();
      return;
    }
    if (node.name === 'br') {
      brRun++;
      if (brRun >= 2) flush();
      else buf += ' ';
      return;
    }
    if (node.name === 'img') {
      const image = (node as Element & { wfImage?: Image }).wfImage;
      if (image) {
        flush();
        flow.push({ kind: 'image', image, node });
      }
      return;
    }
    if (UNREAD_MATH.has(node.name)) return;
    // A formula's symbols are words of their own ("a x 2 + b", not "ax2+b"); a displayed
    // formula is a paragraph of its own.
    if (MATH_TOKEN_TAGS.has(node.name)) {
      const token = mathToken(node);
      if (token.trim()) {
        buf += ` ${token} `;
        brRun = 0;
        holders.push(holder);
      }
      return;
    }
    const block = BLOCK_TAGS.has(node.name) || (node.name === 'math' && node.attribs.display === 'block');
    if (block) {
      flush();
      brRun = 0;
    }
    for (const c of node.children) walk(c, block ? node : holder);
    if (block) {
      flush();
      brRun = 0;
    }
  };
  for (const c of root.children) walk(c, root);
  flush();
  return flow;
}

/** Parts of a formula no reader sees: its annotations (TeX source, other markup) and phantoms. */
const UNREAD_MATH = new Set([...MATH_ANNOTATION_TAGS, MATH_INVISIBLE_TAG]);

/** A token element's text: what it shows, invisible operators left out. */
function mathToken(el: Element): string {
  return textWithBreaks(el).replace(INVISIBLE_OPERATORS, '');
}

const GALLERY_HEADING = /^((một số|các|mời xem|xem)\s+)?(hình ảnh|ảnh|hình)\b.{0,100}$|^.{0,120}:$/iu;

/** Index of a last paragraph that only introduces the pictures after it, or -1. */
function trailingGalleryHeading(flow: FlowItem[]): number {
  const lastText = findLastIndex(flow, (i) => i.kind === 'text');
  // The only paragraph is the story itself ("Here are a few of our favorites:" over a gallery).
  if (lastText < 0 || lastText === flow.length - 1 || lastText === flow.findIndex((i) => i.kind === 'text')) return -1;
  const item = flow[lastText] as Extract<FlowItem, { kind: 'text' }>;
  const text = item.text;
  if (text.length > 120 || !GALLERY_HEADING.test(text)) return -1;
  return /:$/.test(text) || /^((một số|các)\s+)?(hình ảnh|ảnh)\b/iu.test(text) ? lastText : -1;
}

function findLastIndex<T>(arr: T[], pred: (t: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i])) return i;
  return -1;
}

const SIGNATURE_PREFIX = /^(tin|bài|ảnh|tin và ảnh|tin, ảnh|tin\/ảnh|tin - ảnh|bài và ảnh|bài, ảnh|bài\/ảnh|nguồn|tác giả|người viết|người đăng|theo)\s*[:：]\s*(\S.{1,79})$/iu;
const BODY_NAMES =
  '(ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|đảng ủy|đảng uỷ|mttq|ủy ban mttq|uỷ ban mttq|văn phòng|ban biên tập|bbt|phòng|trung tâm|công an|hội|đoàn|ban chỉ huy|ban|chi bộ|bộ phận)';
const SIGNATURE_BODY = new RegExp(`^${BODY_NAMES}\\s+\\S.{0,70}$`, 'iu');
const SIGNATURE_PERSON_BODY = new RegExp(`^[^.:;!?]{2,50}\\s[-–]\\s${BODY_NAMES}\\s+\\S.{0,70}$`, 'iu');
/** A bare name: two to five capitalised words ("Thu Hà", "Nguyễn Văn A"). */
const SIGNATURE_NAME = /^(\p{Lu}[\p{Ll}\p{M}]*\.?)(\s\p{Lu}[\p{Ll}\p{M}]*\.?){1,4}$/u;

/** The author named by a short closing line, or undefined when the last paragraph is story text. */
export function signatureAuthor(line: string): string | undefined {
  const text = line.trim();
  if (!text || text.length > 90 || /[.!?…]$/.test(text.replace(/\/\.$/, '.')) && !SIGNATURE_PREFIX.test(text)) return undefined;
  const prefixed = SIGNATURE_PREFIX.exec(text);
  if (prefixed) return prefixed[2].trim();
  if (SIGNATURE_PERSON_BODY.test(text) || SIGNATURE_BODY.test(text) || SIGNATURE_NAME.test(text)) return text;
  return undefined;
}
