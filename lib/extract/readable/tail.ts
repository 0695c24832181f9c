import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { detach, detachFollowing, hasDescendant, isElement, parentElement, textData } from '../dom.ts';
import { isHidden, SKIP_TAGS } from './names.ts';
import { isThreadBox, threadFollows, type ScanBudget } from './thread.ts';
import { visibleLength } from './text.ts';
import { TUNING } from './tuning.ts';

/**
 * Labels that open what follows an article inside its container: the author's bio, related and
 * "more" lists, tags, comments, disclaimers. Matched against a whole line (an element's text);
 * the line alone, never a sentence that merely starts so. Many languages, no site's own words.
 */
const TAIL_LABEL =
  /^(?:about (?:the )?authors?|related(?: (?:content|posts?|articles?|stories|news|links|reading|coverage|topics))?|more on this (?:story|topic)|more (?:in|from|on|stories from) [^:]{1,40}|more (?:\p{L}+ )?(?:stories|news|articles|posts)(?: (?:from|on|in|about) [^:]{1,40})?|(?:you )?(?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| reading| stories)?|read (?:more|next|also)|share this(?: article| story| post)?|disclaimer|tags?|topics|filed under|most (?:read|popular|viewed|shared)|popular (?:posts|stories)|(?:recent|latest) (?:posts|articles|stories|news|entries|comments)|trending(?: now)?|comment|trackbacks?|other (?:\p{L}+ )?(?:news|stories|articles|posts|columns|blogs|videos)|share your thoughts|(?:à )?lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|ähnliche artikel|verwandte artikel|weitere nachrichten|otras noticias|más noticias|(?:también )?te puede interesar|potrebbe interessarti|à propos de l.auteur|lea también|noticias relacionadas|artículos relacionados|leia também|notícias relacionadas|lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel|das könnte sie auch interessieren|leggi anche|articoli correlati|tin liên quan|tin khác|các tin khác|tin mới nhất|bài viết mới|bài viết liên quan|tin cùng chuyên mục|相关阅读|相关文章|相关新闻|関連記事|関連ニュース):?$/iu;

/**
 * Labels that open the readers' comments: "Comments", "12 Comments", "Comments (3)", "3 Responses
 * to “Title”", "2 thoughts on “Title”", "Leave a Reply", in many languages. A title after the
 * count is taken only in quotes: "Comments on the budget" may be a heading of the story.
 */
const COMMENTS_LABEL =
  /^(?:(?:(?:(?:\d+|no|one) )?(?:readers?'?s?'? )?(?:comments|commentaires|kommentare|comentarios|commenti|reacties|komentarze|комментарии|bình luận|ý kiến bạn đọc|评论|評論|コメント|댓글)|(?:\d+|no|one) (?:comment|commentaire|kommentar|comentario|commento|responses?|replies|reactions?|thoughts?))(?: (?:to|on|for|zu|sur|à|a|en|su|về) [“"'‘«„].*| \(\d+\))?|leave a (?:comment|reply)|post a comment|add (?:a|your) comment|write a comment|join the (?:conversation|discussion)|laisser un commentaire|écrire un commentaire|kommentar schreiben|schreibe einen kommentar|deja (?:un|tu) comentario|lascia un commento|gửi bình luận|viết bình luận|ý kiến của bạn)$/iu;

/** Longest line read as a label, characters; a comments label may name the post's title. */
const MAX_LABEL = 60;
const MAX_COMMENTS_LABEL = 200;

/** What a label line opens: the readers' comments, or another tail ("Related content"). */
type TailLabel = 'comments' | 'other';

function tailLabel(el: Element, sizes: Map<Element, number>): TailLabel | undefined {
  const size = sizes.get(el) ?? 0;
  if (size === 0 || size > MAX_COMMENTS_LABEL) return undefined;
  const text = normalizeText(shownText(el)).replace(/:$/, '');
  // A count that links to the thread ("12 Comments" under the title) is no heading of it.
  if (COMMENTS_LABEL.test(text)) return el.name === 'a' || hasDescendant(el, isLink) ? 'other' : 'comments';
  return size <= MAX_LABEL && TAIL_LABEL.test(text) ? 'other' : undefined;
}

const isLink = (el: Element) => el.name === 'a' && !!el.attribs.href;

/** A label's text without its hidden parts: "Leave a Reply" carries a hidden "Cancel reply" link. */
function shownText(el: Element): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === ElementType.Text) out += textData(c);
    else if (isElement(c) && c.type === ElementType.Tag && !isHidden(c)) out += shownText(c);
  }
  return out;
}

/** Whether the element is a label line opening a tail ("Related content", "Comments"). */
export function isTailLabel(el: Element, sizes: Map<Element, number>): boolean {
  return tailLabel(el, sizes) !== undefined;
}

/**
 * Cuts, inside the chosen content, a labelled tail ("About the author", "Related content",
 * "Comments") and everything after it, when what is cut is a small share of the content: those
 * sections sit inside or right after the article's container with no name that says so. Readers'
 * comments are cut whatever their share (a thread is often longer than the post) once enough
 * article stands before their label and a thread follows it (see thread.ts).
 */
export function dropLabelledTail(root: Element, sizes: Map<Element, number>, rootText: number): void {
  let before = 0;
  const budget: ScanBudget = { scans: TUNING.threadScans };
  let cut: Element | undefined;
  const walk = (el: Element): boolean => {
    for (const c of el.children) {
      if (c.type === ElementType.Text) {
        before += visibleLength(textData(c));
        continue;
      }
      if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
      if (before > 0 && (cutsHere(c, tailLabel(c, sizes), before, rootText, root, sizes, budget) || opensThread(c, before, rootText, sizes, budget))) {
        cut = c;
        return true;
      }
      if (walk(c)) return true;
    }
    return false;
  };
  walk(root);
  if (!cut) return;
  for (let n: Element | undefined = cut; n && n !== root; n = parentElement(n)) detachFollowing(n);
  detach(cut);
}

/** A box of readers' comments, named so, after enough article: cut whatever its share. */
function opensThread(el: Element, before: number, rootText: number, sizes: Map<Element, number>, budget: ScanBudget): boolean {
  return articleBefore(before, rootText) && isThreadBox(el, sizes, budget);
}

function articleBefore(before: number, rootText: number): boolean {
  return before >= TUNING.commentsMinArticle && before >= rootText * TUNING.commentsMinArticleShare;
}

function cutsHere(
  el: Element,
  label: TailLabel | undefined,
  before: number,
  rootText: number,
  root: Element,
  sizes: Map<Element, number>,
  budget: ScanBudget,
): boolean {
  if (!label) return false;
  if (rootText - before <= rootText * TUNING.tailCutShare) return true;
  return label === 'comments' && articleBefore(before, rootText) && threadFollows(el, root, sizes, budget);
}
