import type { Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { isElement, parentElement, textOf } from '../dom.ts';
import { classAndId, STANDFIRST } from './names.ts';

/** Levels above the article's block searched for a lead printed before it. */
const LEAD_LEVELS = 3;
const MIN_LEAD = 20;
const MAX_LEAD = 1000;

/**
 * The article's standfirst (lead, sapo, hometext): a block named so beside the article's block,
 * or printed before it in a wrapper up to three levels up. Content scoring leaves it out of the
 * body (it is no body paragraph), so it is the summary.
 */
export function findStandfirst(top: Element): string | undefined {
  const parent = parentElement(top);
  for (const sib of parent?.children ?? []) {
    if (!isElement(sib) || sib === top) continue;
    const lead = leadText(sib);
    if (lead) return lead;
  }
  let child = parent;
  for (let level = 1; child && level < LEAD_LEVELS; level++) {
    for (let n = child.prev; n; n = n.prev) {
      if (!isElement(n)) continue;
      const lead = leadText(n);
      if (lead) return lead;
    }
    child = parentElement(child);
  }
  return undefined;
}

function leadText(el: Element): string | undefined {
  if (!STANDFIRST.test(classAndId(el))) return undefined;
  const text = normalizeText(textOf(el));
  return text.length >= MIN_LEAD && text.length <= MAX_LEAD ? text : undefined;
}
