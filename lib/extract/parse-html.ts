/**
 * HTML text to a cheerio document, with script elements ending where a browser ends them.
 *
 * htmlparser2 ends a script at the first `</script` followed by a space or `>`. The HTML
 * standard's tokenizer does not when the script text is inside `<!--` and an inner `<script`
 * opened a "double-escaped" section (old ad code: `<!-- document.write('<script …></script>') //-->`):
 * there the inner `</script>` only closes that section, and the script goes on to the next one.
 * Ended early, the rest of the script became page text. `settleScriptEnds` finds each script's
 * real end by the standard's states and escapes the inner end tags (`</script` → `<\/script`, the
 * same string in JavaScript and JSON, and script text is never kept anyway), so that htmlparser2
 * ends the script where the standard does.
 */
import { load } from 'cheerio';
import type { BasicAcceptedElems, Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Document } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const PARSER = { xmlMode: false, decodeEntities: true } as const;

/**
 * One cheerio API for every page. cheerio's `load` declares a new class on each call, and a class
 * per page left every cheerio call site megamorphic: about a third of the generic extractor's
 * time went there. Each page's `$` is this one with the page's document as its root, the
 * documented third argument of `$(selector, context, root)`.
 */
const SHARED = load([], { xml: PARSER });
// What traversals make (`find`, `children`, `clone`…) keeps the document of the selection it came
// from, as `load`'s own class does: cheerio-select searches from it for a positional filter after
// a combinator (`.filter('div > p:first')`).
SHARED.fn._make = function (this: Cheerio<AnyNode>, dom: BasicAcceptedElems<AnyNode> | string, context?: BasicAcceptedElems<AnyNode>) {
  const made = SHARED(dom, context, this._root?.[0]);
  made.prevObject = this;
  return made;
} as typeof SHARED.fn._make;

/** Parses a page or a fragment (htmlparser2, entities decoded) with script ends settled first. */
export function loadHtml(html: string): CheerioAPI {
  const doc = parseDocument(settleScriptEnds(html), PARSER);
  const $ = ((selector?: never, context?: never, root: Document = doc, options?: never) => SHARED(selector, context, root, options)) as CheerioAPI;
  // The static methods (`$.root()`, `$.html()`…) read the root from `_root`.
  return Object.assign($, SHARED, { _root: doc });
}

/** What the scan outside scripts stops at: a comment, or a script start tag (as htmlparser2 reads one). */
const COMMENT_OR_SCRIPT = /<(?:!--|script(?=[\t\n\f\r />]))/gi;
/** An end tag that ends script data by the standard (htmlparser2 takes only a space or `>` after it). */
const SCRIPT_END = /<\/script[\t\n\f\r />]/gi;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const DASH = 0x2d;
const EQUALS = 0x3d;

/** One character to put in place of another: `</script` escaped, or the `/` of `</script/` made a space. */
type Edit = [index: number, text: string];

/**
 * The page with every script's inner end tags escaped where the standard does not end the script
 * there, and a `</script/` that does end it written `</script ` (htmlparser2 would read on); the
 * page itself when there is nothing to change. Linear: each script is scanned once, and the
 * character-by-character states only run for a script with `<!--` before its first end tag.
 */
export function settleScriptEnds(html: string): string {
  const edits: Edit[] = [];
  let nextComment = -2; // where the next `<!--` is (-1: none), looked up again only once passed
  let pos = 0;
  for (;;) {
    COMMENT_OR_SCRIPT.lastIndex = pos;
    const m = COMMENT_OR_SCRIPT.exec(html);
    if (!m) break;
    if (m[0] === '<!--') {
      // A comment outside a script: a `<script` in it (conditional comments) opens nothing.
      const end = html.indexOf('-->', m.index + 2); // `<!-->` is a whole comment
      if (end < 0) break;
      pos = end + 3;
      continue;
    }
    const tag = startTagEnd(html, m.index + 7);
    if (tag.end < 0) break;
    pos = tag.end + 1;
    // `<script/>`: htmlparser2 reads on as markup, and the element ends at a later `</script>`.
    if (tag.selfClosing) continue;
    SCRIPT_END.lastIndex = pos;
    const first = SCRIPT_END.exec(html);
    const firstEnd = first ? first.index : html.length;
    if (nextComment !== -1 && nextComment < pos) nextComment = html.indexOf('<!--', pos);
    const end = nextComment >= 0 && nextComment < firstEnd ? scriptDataEnd(html, pos, edits) : firstEnd;
    if (end >= html.length) break; // unterminated: script to the end of the document
    if (html.charCodeAt(end + 8) === SLASH) edits.push([end + 8, ' ']);
    pos = end + 8;
  }
  return edits.length ? applyEdits(html, edits) : html;
}

/**
 * Where the start tag whose name ends at `from` closes (its `>`), and whether it closed with `/>`;
 * quoted attribute values may hold `>`. -1: no end before the end of the document.
 */
function startTagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === GT) return { end: i, selfClosing: false };
    if (c === SLASH && html.charCodeAt(i + 1) === GT) return { end: i + 1, selfClosing: true };
    if (c !== EQUALS) {
      i++;
      continue;
    }
    i++;
    while (isSpace(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      const close = html.indexOf(html[i], i + 1);
      if (close < 0) return { end: -1, selfClosing: false };
      i = close + 1;
    } else {
      while (i < html.length && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== GT) i++;
    }
  }
  return { end: -1, selfClosing: false };
}

const enum State {
  Data,
  Escaped,
  DoubleEscaped,
}

/**
 * The standard's script data states (script data, escaped, double escaped, with their dash and
 * less-than states folded into a dash count and look-ahead) from `from`, the first character of
 * the script's text: the index of the `</script` that ends it, or the document's length. Inner
 * end tags of double-escaped sections are added to `edits`, escaped.
 */
function scriptDataEnd(html: string, from: number, edits: Edit[]): number {
  let state = State.Data;
  let dashes = 0; // dashes just before, inside an escaped section: `-->` needs two
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (state === State.Data) {
      const lt = html.indexOf('<', i);
      if (lt < 0) break;
      if (isScriptTag(html, lt + 2) && html.charCodeAt(lt + 1) === SLASH) return lt;
      if (html.startsWith('<!--', lt)) {
        state = State.Escaped;
        dashes = 2; // `<!-->` closes at once
        i = lt + 4;
      } else {
        i = lt + 1;
      }
      continue;
    }
    if (c === DASH) {
      dashes++;
      i++;
      continue;
    }
    if (c === GT && dashes >= 2) {
      state = State.Data; // `-->` ends an escaped and a double-escaped section alike
    } else if (c === LT && html.charCodeAt(i + 1) === SLASH && isScriptTag(html, i + 2)) {
      if (state === State.Escaped) return i;
      edits.push([i + 1, '\\/']);
      state = State.Escaped;
      i += 9; // the character after the name belongs to the tag
      dashes = 0;
      continue;
    } else if (c === LT && state === State.Escaped && isScriptTag(html, i + 1)) {
      state = State.DoubleEscaped;
      i += 8;
      dashes = 0;
      continue;
    }
    dashes = 0;
    i++;
  }
  return html.length;
}

/** Whether `script` (any case) followed by a space, `/` or `>` starts at `at`: a script tag's name. */
function isScriptTag(html: string, at: number): boolean {
  if (at + 6 >= html.length) return false;
  for (let k = 0; k < 6; k++) {
    if ((html.charCodeAt(at + k) | 0x20) !== 'script'.charCodeAt(k)) return false;
  }
  const next = html.charCodeAt(at + 6);
  return isSpace(next) || next === SLASH || next === GT;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function applyEdits(html: string, edits: Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [index, text] of edits) {
    parts.push(html.slice(at, index), text);
    at = index + 1;
  }
  parts.push(html.slice(at));
  return parts.join('');
}
