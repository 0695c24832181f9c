import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { detach, isElement, parentElement, textData, textOf } from '../dom.ts';
import { SKIP_TAGS } from './names.ts';
import { visibleLength } from './text.ts';
import { TUNING } from './tuning.ts';

/**
 * Labels that open what follows an article inside its container: the author's bio, related and
 * "more" lists, tags, comments, disclaimers. Matched against a whole line (an element's text);
 * the line alone, never a sentence that merely starts so. Many languages, no site's own words.
 */
const TAIL_LABEL =
  /^(?:about (?:the )?authors?|related(?: (?:content|posts?|articles?|stories|news|links|reading|coverage|topics))?|more on this (?:story|topic)|more (?:in|from|on|stories from) [^:]{1,40}|more (?:\p{L}+ )?(?:stories|news|articles|posts)(?: (?:from|on|in|about) [^:]{1,40})?|(?:you )?(?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| reading| stories)?|read (?:more|next|also)|share this(?: article| story| post)?|disclaimer|tags?|topics|filed under|most (?:read|popular|viewed|shared)|popular (?:posts|stories)|trending(?: now)?|(?:\d+ )?(?:comments?|commentaires|kommentare|comentarios|commenti)|trackbacks?|other (?:\p{L}+ )?(?:news|stories|articles|posts|columns|blogs|videos)|share your thoughts|post a comment|leave a (?:comment|reply)|join the (?:conversation|discussion)|(?:à )?lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|ähnliche artikel|verwandte artikel|weitere nachrichten|otras noticias|más noticias|(?:también )?te puede interesar|potrebbe interessarti|à propos de l.auteur|lea también|noticias relacionadas|artículos relacionados|leia também|notícias relacionadas|lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel|das könnte sie auch interessieren|leggi anche|articoli correlati|tin liên quan|tin khác|các tin khác|bài viết liên quan|tin cùng chuyên mục|相关阅读|相关文章|相关新闻|関連記事|関連ニュース):?$/iu;

/** Longest line read as a label, characters. */
const MAX_LABEL = 60;

/** Whether the element is a label line opening a tail ("Related content", "Comments"). */
export function isTailLabel(el: Element, sizes: Map<Element, number>): boolean {
  const size = sizes.get(el) ?? 0;
  return size > 0 && size <= MAX_LABEL && TAIL_LABEL.test(normalizeText(textOf(el)));
}

/**
 * Cuts, inside the chosen content, a labelled tail ("About the author", "Related content",
 * "Comments") and everything after it, when what is cut is a small share of the content: those
 * sections sit inside or right after the article's container with no name that says so.
 */
export function dropLabelledTail(root: Element, sizes: Map<Element, number>, rootText: number): void {
  let before = 0;
  let cut: Element | undefined;
  const walk = (el: Element): boolean => {
    for (const c of el.children) {
      if (c.type === ElementType.Text) {
        before += visibleLength(textData(c));
        continue;
      }
      if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
      if (before > 0 && rootText - before <= rootText * TUNING.tailCutShare && isTailLabel(c, sizes)) {
        cut = c;
        return true;
      }
      if (walk(c)) return true;
    }
    return false;
  };
  walk(root);
  if (!cut) return;
  for (let n: Element | undefined = cut; n && n !== root; n = parentElement(n)) {
    let next: AnyNode | null = n.next;
    while (next) {
      const after: AnyNode | null = next.next;
      detach(next);
      next = after;
    }
  }
  detach(cut);
}
