import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { isElement, parentElement, textData, textOf } from '../dom.ts';
import { classAndId, isUnlikely, SKIP_TAGS } from './names.ts';
import { visibleLength } from './text.ts';
import { isDateLine } from './dateline.ts';
import { TUNING } from './tuning.ts';

/**
 * Whether what follows a line, up to the end of `root`, reads as a thread of readers' comments:
 * a box named for comments or replies, or a comment's signature line, "Posted by: NAME at DATE",
 * "NAME says:", "NAME wrote on DATE:", "NAME | Mar 20, 2007 10:19 PM", a "Reply" link, within
 * the first comment's length. A label such as "Comments" over such a thread opens it; over the
 * story's own paragraphs it is a heading, even with a thread further down.
 */
export function threadFollows(line: Element, root: Element, sizes: Map<Element, number>, budget: ScanBudget): boolean {
  if (budget.scans-- <= 0) return false;
  const scan = { sizes, left: TUNING.threadSignatureWithin };
  for (let n: Element | undefined = line; n && n !== root; n = parentElement(n)) {
    for (let next: AnyNode | null = n.next; next && scan.left > 0; next = next.next) if (holdsSignature(next, scan)) return true;
  }
  return false;
}

/**
 * Whether the element is named as a box of readers' comments ("comments", "disqus_thread") and
 * so named furniture: where the best block lies inside one, the thread may have outweighed the post.
 */
export function isThreadNamed(el: Element): boolean {
  const ci = classAndId(el);
  return !!ci && THREAD_BOX.test(ci) && isUnlikely(el);
}

/**
 * Whether the element is the box of a comment thread: named so ("comments", "comment-list") and
 * holding a comment's signature or box within the first comment's length. Such a box larger than
 * the article is no small piece of furniture that pruning takes out.
 */
export function isThreadBox(el: Element, sizes: Map<Element, number>, budget: ScanBudget): boolean {
  if ((sizes.get(el) ?? 0) <= MAX_SIGNATURE || !isThreadNamed(el)) return false;
  if (budget.scans-- <= 0) return false;
  const scan = { sizes, left: TUNING.threadSignatureWithin };
  for (const c of el.children) if (holdsSignature(c, scan)) return true;
  return false;
}

/**
 * Scans for a thread left to one cut of the content: a page has one thread, so a few looks
 * find it, and many labels or boxes named so (hostile or broken markup) cost no more.
 */
export interface ScanBudget {
  scans: number;
}

/** What the scan for a signature knows: element sizes, and how much text (and how many elements) it may still pass. */
interface Scan {
  readonly sizes: Map<Element, number>;
  left: number;
}

/** Class/id words of a comment's box. */
const COMMENT_BOX = /comment|\brepl(?:y|ies)\b|\bresponses\b|disqus/i;
/** Class/id words of the box of a whole thread. */
const THREAD_BOX = /comment|disqus/i;

/** Longest text read as a signature line, characters. */
const MAX_SIGNATURE = 200;

const POSTED_BY = /^(?:posted|submitted|written|commented|posté|publié|écrit|geschrieben|verfasst|gepostet|publicado|escrito|enviado|pubblicato|scritto|đăng) (?:by|par|von|por|da|bởi)\b/iu;
/** The verb of "NAME says:", "NAME wrote on 3 March 2007:", one word of the line. */
const WROTE = /^(?:says|said|wrote|writes|replied|schreibt|schrieb|sagt|écrit|dit|escribió|dice|scrive|scritto|viết)$/iu;
/** At most this many words (a date) stand between that verb and the line's closing colon. */
const WROTE_TAIL_WORDS = 10;
/** A clock time, as comments are stamped ("10:19 PM", "22:05"). */
const CLOCK = /(?:^|\D)\d{1,2}:\d{2}(?!\d)/u;
const REPLY = /^(?:reply|reply to this(?: comment)?|antworten|répondre|responder|rispondi|trả lời)$/iu;

function holdsSignature(node: AnyNode, scan: Scan): boolean {
  if (scan.left <= 0) return false;
  if (node.type === ElementType.Text) {
    const raw = textData(node);
    if (isSignature(raw)) return true;
    scan.left -= visibleLength(raw);
    return false;
  }
  if (!isElement(node) || node.type !== ElementType.Tag || SKIP_TAGS.has(node.name)) return false;
  // Empty elements pass no text but still cost a look.
  scan.left--;
  const ci = classAndId(node);
  if (ci && COMMENT_BOX.test(ci)) return true;
  // A signature is often split among inline elements ("<cite>NAME</cite> <span>says:</span>").
  const size = scan.sizes.get(node) ?? 0;
  if (size > 0 && size <= MAX_SIGNATURE && isSignature(textOf(node))) return true;
  for (const c of node.children) if (holdsSignature(c, scan)) return true;
  return false;
}

function isSignature(raw: string): boolean {
  if (raw.length > MAX_SIGNATURE * 2) return false;
  const text = normalizeText(raw);
  if (!text || text.length > MAX_SIGNATURE) return false;
  return POSTED_BY.test(text) || wrote(text) || CLOCK.test(text) || REPLY.test(text) || stamped(text);
}

/** The separator between a commenter's name and the comment's date: "NAME - August 8, 2012". */
const STAMP_SEPARATOR = / (?:[-–—|•]|on) /gu;
/** Words of a name (and its number in the thread) before such a date. */
const MAX_STAMP_NAME_WORDS = 6;

/** "NAME - DATE", "NAME | DATE", "NAME on DATE": a few words, then only a date with its year. */
function stamped(text: string): boolean {
  // The last separator: a name may hold a dash of its own. The line is a signature's, short.
  const last = [...text.matchAll(STAMP_SEPARATOR)].pop();
  if (last?.index === undefined) return false;
  return text.slice(0, last.index).split(' ').length <= MAX_STAMP_NAME_WORDS && isDateLine(text.slice(last.index + last[0].length));
}

/** "NAME says:", "NAME said," or "NAME wrote on DATE:": a name, the verb, at most a date, a colon or comma. */
function wrote(text: string): boolean {
  if (!text.endsWith(':') && !text.endsWith(',')) return false;
  const words = text.slice(0, -1).split(' ');
  for (let i = Math.max(1, words.length - 1 - WROTE_TAIL_WORDS); i < words.length; i++) if (WROTE.test(words[i])) return true;
  return false;
}
