/**
 * Word n-gram F1 between an extracted text and the expected one: how much of the expected body
 * was found (recall) and how little else came with it (precision). Texts are compared NFC,
 * case-folded and whitespace-folded; n-grams are counted as a multiset, so a paragraph extracted
 * twice lowers precision.
 */
export interface F1Result {
  precision: number;
  recall: number;
  f1: number;
}

export function words(text: string): string[] {
  return text.normalize('NFC').toLocaleLowerCase('vi').split(/[\s\u00a0\u200b\ufeff]+/u).filter(Boolean);
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** `expected` may be a string or a list of paragraphs (joined with a blank line). */
export function ngramF1(actual: string, expected: string | string[], n = 4): F1Result {
  const exp = words(Array.isArray(expected) ? expected.join('\n\n') : expected);
  const act = words(actual);
  if (exp.length === 0 && act.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (exp.length === 0 || act.length === 0) return { precision: 0, recall: 0, f1: 0 };
  // Very short texts have no 4-grams; compare them on the longest n-gram both can form.
  const size = Math.max(1, Math.min(n, exp.length, act.length));
  const a = ngrams(act, size);
  const e = ngrams(exp, size);
  let overlap = 0;
  for (const [k, c] of a) overlap += Math.min(c, e.get(k) ?? 0);
  const aTotal = act.length - size + 1;
  const eTotal = exp.length - size + 1;
  const precision = overlap / aTotal;
  const recall = overlap / eTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
