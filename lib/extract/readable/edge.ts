import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { detach, isElement, parentElement, textData, textOf } from '../dom.ts';
import { isBylineLine, isDateLine } from './dateline.ts';
import { HEADING_TAGS, INLINE_TAGS, SKIP_TAGS } from './names.ts';
import { isAuthorBio, isHouseNote } from './notes.ts';
import { TUNING } from './tuning.ts';

/**
 * Lines that sit at the edges of an article's container and say something about the post rather
 * than tell the story: who posted it and when ("Posted by … on …"), its comment count, its tag
 * or topic line, share and follow prompts, newsletter prompts, the section path and the links to
 * the previous and next posts. Matched against a whole line,
 * many languages; the body's own date and author lines of the ward portals are not among them.
 */
const POSTED =
  /^(?:posted|published|written|filed|submitted)(?: by| on| in| at)\s|^(?:publié|posté|écrit)(?: le| par| dans)\s|^(?:veröffentlicht|geschrieben|gepostet)(?: am| von| in)\s|^(?:publicado|escrito)(?: el| por| en)\s|^pubblicato(?: il| da| in)\s/iu;
const COMMENT_COUNT =
  /^(?:\d+|no|one)\s?(?:comments?|responses?|replies|shares?|commentaires?|kommentare?|comentarios?|commenti|reacties|bình luận|lượt chia sẻ|评论|評論|条评论|則留言|コメント|件のコメント|개의 댓글|댓글)(?:\s*[»›→])?$|^(?:comments?|commentaires?|kommentare|comentarios|commenti|bình luận|ý kiến|评论|評論|コメント|댓글)\s?[([]\d+[)\]]$/iu;
const TAG_LINE =
  /^(?:tags?|tagged(?: with| as)?|(?:related )?topics?|filed under|categor(?:y|ies)|posted in|labels?|keywords?|étiquettes?|mots[- ]clés|thèmes?|schlagwörter|stichwörter|themen|etiquetas|temas|palabras clave|argomenti)\s*:\s*\S/iu;
const SHARE_PROMPT =
  /^(?:share(?: this)?(?: on| with| via)?|tweet(?: this)?|follow(?: us| me)?(?: on)?|like us on|partager(?: sur)?|teilen(?: auf)?|compartir(?: en)?|condividi(?: su)?|compartilh(?:e|ar)(?: no)?|deel(?: op)?|chia sẻ(?: bài viết| bài này)?(?: lên| qua)?)(?:\s+(?:facebook|twitter|linkedin|instagram|pinterest|zalo|email|@\w+))?[\s:!.]*$|^follow @\w+$|^click like\b/iu;
/** A prompt to follow the site names a social network. */
const FOLLOW_ACT = /^(?:follow|like|join|find|connect with|suivez|folgen sie|síguenos|seguici|siga-nos|volg ons)\b|^(?:hãy |mời bạn (?:đọc )?)?(?:theo dõi|tham gia|like|thích)(?!\p{L})/iu;
const SOCIAL_NETWORK = /\b(?:twitter|facebook|instagram|linkedin|pinterest|youtube|tiktok|zalo|fanpage)\b/iu;
/**
 * A newsletter prompt names both the act and the thing; either word alone may be story text. In
 * Vietnamese, where a ward's story may say who signs up for what, only a line that opens so.
 */
const SUBSCRIBE_ACT = /\b(?:subscribe|sign[- ]?up|abonnez-vous|inscrivez-vous|abonnieren|melden sie sich|suscríbete|iscriviti|inscreva-se|schrijf je in|abonneer)\b|^(?:hãy |mời bạn (?:đọc )?)?đăng ký(?: nhận)?(?!\p{L})/iu;
const SUBSCRIBE_THING = /\b(?:newsletter|inbox|mailing list|e-?mail updates|infolettre|lettre d'information|boletín|nieuwsbrief)\b|(?<!\p{L})(?:bản tin|hộp thư)(?!\p{L})/iu;

const COMMENTS_CLOSED = /^(?:the )?comments?(?: (?:to|on|for) this (?:entry|post|article|story))? (?:are|is) (?:now )?closed\.?$/iu;
/** A path of sections ("Guide » Food » Restaurants"): three parts or more between arrows. */
const PATH_STEP = /\s[»›]\s/u;
const MAX_PATH_PART = 50;

export function isEdgeLine(text: string): boolean {
  if (text.length > TUNING.edgeLineChars) return false;
  return (
    // "Published in 1898, the map …" is a sentence: the post's own line ends without a full stop.
    ((POSTED.test(text) || TAG_LINE.test(text)) && !/[.!?]$/.test(text)) ||
    COMMENT_COUNT.test(text) ||
    isPrompt(text) ||
    COMMENTS_CLOSED.test(text) ||
    isPath(text) ||
    isBylineLine(text)
  );
}

/**
 * `isEdgeLine` for a line above the story (at the content's start, or in the title's heading),
 * where a bare date also goes: at the story's end it may be a notice's own date.
 */
export function isEdgeLineAbove(text: string): boolean {
  return isEdgeLine(text) || isDateLine(text);
}

/**
 * A share, follow or newsletter prompt: a line that asks something of the reader rather than tell
 * the story, so it goes wherever it stands as a block of its own, not only at the edges.
 */
export function isPrompt(text: string): boolean {
  return (
    text.length <= TUNING.edgeLineChars &&
    (SHARE_PROMPT.test(text) || (SUBSCRIBE_ACT.test(text) && SUBSCRIBE_THING.test(text)) || (FOLLOW_ACT.test(text) && SOCIAL_NETWORK.test(text)))
  );
}

function isPath(text: string): boolean {
  const parts = text.split(PATH_STEP);
  return parts.length >= 3 && parts.every((p) => p.length <= MAX_PATH_PART);
}

/** A line of links between arrows and separators: the previous and next posts ("« Older post | Main"). */
function isNavLine(line: Line, text: string): boolean {
  if (text.length > TUNING.edgeLineChars || !/[«»‹›←→]/u.test(text)) return false;
  let rest = text;
  for (const a of linksIn(line)) rest = rest.replace(normalizeText(textOf(a)), '');
  return rest !== text && /^[\s|«»‹›←→·•/:]*$/u.test(rest);
}

function linksIn(nodes: AnyNode[], into: Element[] = []): Element[] {
  for (const c of nodes) {
    if (!isElement(c)) continue;
    if (c.name === 'a' && c.attribs.href) into.push(c);
    else linksIn(c.children, into);
  }
  return into;
}

/** Whether the line says something about the post rather than tell the story. */
function aboutThePost(line: Line, text: string): boolean {
  return isEdgeLine(text) || isNavLine(line, text);
}

/**
 * Drops such lines at the end of the content (there also the notes of notes.ts), then at its
 * start (headings there are the title's and are passed over, not dropped). Returns whether
 * anything went, so the caller can look again at what the removal uncovered.
 */
export function dropEdgeLines(root: Element, author?: string): boolean {
  let dropped = false;
  for (let guard = 0; guard < TUNING.edgeLines; guard++) {
    const line = edgeLine(root, lastTextNode(root));
    if (!line) break;
    const text = lineText(line);
    if (!aboutThePost(line, text) && !isAuthorBio(text, author) && !isHouseNote(text)) break;
    detachLine(line);
    dropped = true;
  }
  if (dropAboveNavLine(root)) dropped = true;
  for (let guard = 0, skip: Element[] = []; guard < TUNING.edgeLines; guard++) {
    const line = edgeLine(root, firstTextNode(root, skip));
    if (!line) break;
    const text = lineText(line);
    const about = isEdgeLineAbove(text) || isNavLine(line, text);
    // A date heading over the post ("20 July 2012") goes; any other heading is the title's.
    const el = oneElement(line);
    if (!about && el && HEADING_TAGS.has(el.name)) {
      skip.push(el);
      continue;
    }
    if (!about) break;
    detachLine(line);
    dropped = true;
  }
  return dropped;
}

/**
 * Near the content's start, the links to the previous and next posts ("« Older post | Main")
 * part the site's header from the post: the short lines above them (the blog's name in a heading,
 * its motto) are the site's, and go with them.
 */
function dropAboveNavLine(root: Element): boolean {
  const above: Line[] = [];
  for (let guard = 0, skip: Element[] = []; guard < TUNING.edgeLines; guard++) {
    const line = edgeLine(root, firstTextNode(root, skip));
    if (!line) return false;
    const text = lineText(line);
    if (isNavLine(line, text)) {
      for (const l of [...above, line]) detachLine(l);
      return true;
    }
    // Only single elements can be passed over to look further; a paragraph of the story ends the search.
    const el = oneElement(line);
    if (text.length > TUNING.edgeLineChars || !el) return false;
    above.push(line);
    skip.push(el);
  }
  return false;
}

/** A line of the content: one element, or the phrasing nodes of a line that has no element of its own. */
type Line = AnyNode[];

function lineText(line: Line): string {
  let text = '';
  for (const n of line) text += textOf(n);
  return normalizeText(text);
}

/** The line's element, when the line is one. */
function oneElement(line: Line): Element | undefined {
  return line.length === 1 && isElement(line[0]) ? line[0] : undefined;
}

function detachLine(line: Line): void {
  for (const n of line) detach(n);
}

/**
 * The line holding a text node: its nearest ancestor below the root that is not phrasing content,
 * or, where that block holds more, the phrasing element that stands alone in it between blocks
 * or line breaks (`<span class="date">` at the head of the story's `<div>`). Where the text lies
 * loose among other phrasing nodes in a block that holds more ("<a>« Older post</a> |
 * <a>Main</a>" between the blog's heading and a `<br>`), the line is that run of nodes.
 */
function edgeLine(root: Element, text: AnyNode | undefined): Line | undefined {
  if (!text) return undefined;
  let n = parentElement(text as unknown as Element);
  let outer: Element | undefined;
  while (n && n !== root && INLINE_TAGS.has(n.name)) {
    outer = n;
    n = parentElement(n);
  }
  if (outer && standsAlone(outer)) return [outer];
  if (!n) return undefined;
  const run = looseRun(outer ?? text);
  // A block holding nothing but this line is the line, as an element.
  if (n !== root && run.length === n.children.length) return [n];
  return run;
}

/**
 * Whether a node breaks a line of phrasing content: a break or a block. A custom element
 * (`<fb:comments-count>`, `<share-button>`) is phrasing, as browsers show it by default.
 */
function breaksLine(n: AnyNode): boolean {
  return isElement(n) && n.type === ElementType.Tag && (n.name === 'br' || (!INLINE_TAGS.has(n.name) && !/[:-]/.test(n.name)));
}

/** Whether only whitespace lies between a phrasing element and the blocks or breaks beside it, and its block holds more. */
function standsAlone(el: Element): boolean {
  const side = (step: (n: AnyNode) => AnyNode | null): 'edge' | 'more' | false => {
    for (let n = step(el); n; n = step(n)) {
      if (n.type === ElementType.Text) {
        if (textData(n).trim()) return false;
        continue;
      }
      if (!isElement(n)) continue;
      if (breaksLine(n)) return 'more';
      if (SKIP_TAGS.has(n.name) || n.type !== ElementType.Tag) continue;
      return false;
    }
    return 'edge';
  };
  const before = side((n) => n.prev);
  const after = before && side((n) => n.next);
  // Alone in its block, the block is the line, as before.
  return !!after && (before === 'more' || after === 'more');
}

/** The node and its siblings up to the breaks or blocks on either side: a line with no element of its own. */
function looseRun(node: AnyNode): Line {
  const before: AnyNode[] = [];
  for (let n = node.prev; n && !breaksLine(n); n = n.prev) before.push(n);
  const after: AnyNode[] = [];
  for (let n = node.next; n && !breaksLine(n); n = n.next) after.push(n);
  return [...before.reverse(), node, ...after];
}

export function lastTextNode(el: Element): AnyNode | undefined {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i];
    if (c.type === ElementType.Text && textData(c).trim()) return c;
    if (isElement(c) && c.type === ElementType.Tag && !SKIP_TAGS.has(c.name)) {
      const inner = lastTextNode(c);
      if (inner) return inner;
    }
  }
  return undefined;
}

function firstTextNode(el: Element, skip: Element[]): AnyNode | undefined {
  for (const c of el.children) {
    if (c.type === ElementType.Text && textData(c).trim()) return c;
    if (isElement(c) && c.type === ElementType.Tag && !SKIP_TAGS.has(c.name) && !skip.includes(c)) {
      const inner = firstTextNode(c, skip);
      if (inner) return inner;
    }
  }
  return undefined;
}
