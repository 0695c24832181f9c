/**
 * The date line beside an article's title, read from the page as parsed: the short text right
 * under the title (before the body), else a dateline or a byline with its date right above it.
 * Used by the generic profile, which knows no selector for it.
 */
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../text/index.ts';
import { findDates, type FoundDate } from './dates.ts';
import { isElement, parentElement, textData, textWithBreaksUpTo } from './dom.ts';
import { isMetaLine, parseMetaLine } from './meta-line.ts';
import { isBylineLine, isDateLine, MAX_DATE_LINE, proseLength } from './readable.ts';

/** Elements whose text a reader never sees. */
const UNSEEN = /^(script|style|noscript|template|head)$/;

/**
 * Short text in document order from `start` (inside it when `inclusive`, else after it), until a
 * long (body) paragraph or `limit` characters: the heading area of an article.
 */
function headingAreaText(start: Element, inclusive: boolean, limit = 400): string {
  let out = '';
  let node: AnyNode | null;
  // The next node in document order after start's subtree.
  const nextOutside = (n: AnyNode): AnyNode | null => {
    let cur: AnyNode | null = n;
    while (cur) {
      if (cur.next) return cur.next;
      cur = cur.parent;
      if (cur && cur.type === ElementType.Root) return null;
    }
    return null;
  };
  node = inclusive ? start : nextOutside(start);
  while (node && out.length < limit) {
    if (node.type === ElementType.Text) {
      const t = normalizeText(textData(node));
      // A body paragraph (fifty ideographs are one): the heading area is over.
      if (proseLength(t) > 120) break;
      if (t) out += `${t} `;
      node = nextOutside(node);
      continue;
    }
    if (isElement(node) && node.type === ElementType.Tag && !UNSEEN.test(node.name) && node.children.length) {
      node = node.children[0];
      continue;
    }
    node = nextOutside(node);
  }
  return out.trim();
}

export interface NearTitle {
  date?: FoundDate;
  /** The date is labelled as the time of an update ("Last updated September 14, 2016"). */
  updated?: boolean;
  viewCount?: number;
}

/**
 * A label saying the date after it is an update's. Not Vietnamese "cập nhật": ward CMSs print the
 * posting time under that label ("Ngày cập nhật 07/04/2019"), and it is often the only date shown.
 */
const UPDATE_LABEL = /updated|modified|mis à jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt/iu;
/** Characters before a date searched for its label ("updated 7:39 AM EST, Wed November 7, 2012"). */
const LABEL_REACH = 40;

/** The first date of a line, and whether it is labelled as an update's. */
function datedBy(line: string): Pick<NearTitle, 'date' | 'updated'> {
  const found = findDates(line)[0];
  if (!found) return {};
  const at = found.index ?? 0;
  return { date: found, updated: UPDATE_LABEL.test(line.slice(Math.max(0, at - LABEL_REACH), at)) };
}

/** Levels above the title searched for the line printed before it. */
const LINE_BEFORE_LEVELS = 3;

/**
 * The text of the line printed right before `el` (over empty nodes, up to three levels up), when
 * that line is short enough to be a dateline; undefined otherwise.
 */
function lineBefore(el: Element): string | undefined {
  let at: Element | undefined = el;
  for (let level = 0; at && level < LINE_BEFORE_LEVELS; level++) {
    for (let n = at.prev; n; n = n.prev) {
      if (n.type === ElementType.Text) {
        if (textData(n).trim()) return normalizeText(textData(n));
        continue;
      }
      if (!isElement(n) || n.type !== ElementType.Tag || UNSEEN.test(n.name)) continue;
      const text = textWithBreaksUpTo(n, MAX_DATE_LINE);
      if (text === undefined) return undefined;
      if (text.trim()) return normalizeText(text);
    }
    at = parentElement(at);
  }
  return undefined;
}

/**
 * The date line beside the title: right under it (before the body), "Ngày đăng 15/01/2021 |
 * 16:12", "March 3, 2024"; else a line that is only a date or a byline with its date right above
 * it, as blogs print a date heading over the post's title.
 */
export function dateNearTitle(titleEl: Element | undefined, content: Element): NearTitle {
  const text = titleEl ? headingAreaText(titleEl, false) : headingAreaText(content, true);
  const out: NearTitle = {};
  if (text && isMetaLine(text)) {
    const m = parseMetaLine(text);
    if (m.publishedAt) out.date = { iso: m.publishedAt, precision: m.datePrecision ?? 'day' };
    if (m.viewCount !== undefined) out.viewCount = m.viewCount;
  }
  if (!out.date && text) Object.assign(out, datedBy(text));
  if (!out.date && titleEl) {
    const before = lineBefore(titleEl);
    if (before && (isDateLine(before) || isBylineLine(before))) Object.assign(out, datedBy(before));
  }
  return out;
}
