import * as cheerio from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode } from 'domhandler';

/** Tags that break a line: their text is never glued to the words around it. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody',
  'td', 'th', 'thead', 'tfoot', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head']);

/**
 * The visible text of an HTML fragment, one line per block, whitespace collapsed: how the expected
 * bodies of the quality set are derived from their `expected.html`, and how Readability's
 * `content` is read in the same run, so both sides are tokenised alike.
 */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html);
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === ElementType.Text) {
      out.push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== ElementType.Tag && node.type !== ElementType.Root) return;
    const name = 'name' in node ? (node as { name: string }).name : '';
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) out.push('\n');
    for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c);
    if (block) out.push('\n');
  };
  walk($.root().get(0) as unknown as AnyNode);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
