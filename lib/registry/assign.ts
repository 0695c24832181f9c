/**
 * Which ward an article belongs to. A single-ward source says it; a district-wide source
 * ("Hoạt động các phường") is told apart by the ward's name in the title or the body. Names
 * match whatever the case and tone-mark placement (`toneKey`), but other diacritics count:
 * "Thành" is not "Thanh". When no name is found the article gets no ward and the reason is
 * returned: guessing would put news in the wrong feed.
 */
import { normalizeText, toneKey } from '../text/index.ts';
import type { Registry, Source, Ward } from './types.ts';

/** Administrative unit words that start a place name. */
const UNIT_PREFIX = /^(?:phường|xã|thị trấn|thị xã|quận|huyện|thành phố|tỉnh|tp\.?|p\.|tt\.?)\s+/u;
/** Single words (tone-keyed) that, standing before a run of names, make it a place name. */
const UNIT_WORDS = new Set(['phường', 'xã', 'trấn', 'quận', 'huyện', 'phố', 'tỉnh', 'tp', 'p', 'tt']);

export interface WardAssignment {
  wardIds: string[];
  /** Why no ward was found (set only when `wardIds` is empty). */
  unmatched?: string;
}

interface Token {
  /** The word as written. */
  text: string;
  /** Its tone key. */
  key: string;
  /** Whether only spaces separate it from the previous word (same phrase). */
  joined: boolean;
}

function tokenize(s: string): Token[] {
  const text = normalizeText(s);
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const gap = text.slice(last, m.index);
    tokens.push({ text: m[0], key: toneKey(m[0]), joined: tokens.length > 0 && /^ +$/.test(gap) });
    last = m.index + m[0].length;
  }
  return tokens;
}

const nameKeysOf = new WeakMap<Ward, string[][]>();

/** The names a ward is found by, as tone-keyed words: full name, name without unit word, aliases. */
export function wardNameKeys(ward: Ward): string[][] {
  let keys = nameKeysOf.get(ward);
  if (!keys) {
    keys = computeNameKeys(ward);
    nameKeysOf.set(ward, keys);
  }
  return keys;
}

function computeNameKeys(ward: Ward): string[][] {
  const names = new Map<string, string[]>();
  for (const name of [ward.name, ...(ward.aliases ?? [])]) {
    const key = toneKey(name);
    for (const variant of [key, key.replace(UNIT_PREFIX, '')]) {
      const words = tokenize(variant).map((t) => t.key);
      if (words.length > 0) names.set(words.join(' '), words);
    }
  }
  return [...names.values()];
}

interface Span {
  wardId: string;
  start: number;
  end: number; // exclusive, in tokens
}

const isTitleCase = (w: string) => /^\p{Lu}/u.test(w) && w !== w.toUpperCase();

/**
 * A name match that is really part of another place's name:
 * - a unit word stands before it with other words in between ("phường Thượng Thanh" is not ward "Thanh");
 * - in ordinary sentence-case text, a capitalised word follows ("Phường Thanh Công" is not ward "Thanh"),
 *   unless that word starts the next unit ("phường Đức Giang Quận Long Biên").
 */
function partOfLongerName(tokens: Token[], start: number, end: number, sentenceCase: boolean): boolean {
  for (let k = start - 1; k >= Math.max(0, start - 3) && tokens[k + 1].joined; k--) {
    if (k < start - 1 && UNIT_WORDS.has(tokens[k].key)) return true;
  }
  const next = tokens[end];
  if (sentenceCase && next?.joined && isTitleCase(tokens[end - 1].text) && isTitleCase(next.text)) {
    const nextTwo = tokens[end + 1]?.joined ? `${next.key} ${tokens[end + 1].key}` : next.key;
    if (!UNIT_WORDS.has(next.key) && !UNIT_PREFIX.test(`${nextTwo} `)) return true;
  }
  return false;
}

/**
 * The wards of `candidates` named in `text`, in order of first mention. A mention that lies
 * inside a longer mention of another registered ward ("Thanh" inside "Thanh Trì") is not one.
 */
function wardsNamedIn(text: string, candidates: Ward[], all: Ward[]): string[] {
  const tokens = tokenize(text);
  // Title Case or ALL CAPS text says nothing about where a name ends.
  const words = tokens.filter((t) => /^\p{L}/u.test(t.text));
  const capitalised = words.filter((t) => /^\p{Lu}/u.test(t.text)).length;
  const allCaps = words.every((t) => t.text === t.text.toUpperCase());
  const sentenceCase = !allCaps && capitalised < words.length * 0.8;
  const spans: Span[] = [];
  const present = new Set(tokens.map((t) => t.key));
  for (const ward of all) {
    for (const name of wardNameKeys(ward)) {
      if (!name.every((w) => present.has(w))) continue;
      for (let i = 0; i + name.length <= tokens.length; i++) {
        let ok = true;
        for (let j = 0; j < name.length && ok; j++) {
          ok = tokens[i + j].key === name[j] && (j === 0 || tokens[i + j].joined);
        }
        if (ok && !partOfLongerName(tokens, i, i + name.length, sentenceCase)) spans.push({ wardId: ward.id, start: i, end: i + name.length });
      }
    }
  }
  const candidateIds = new Set(candidates.map((w) => w.id));
  const firstAt = new Map<string, number>();
  for (const s of spans) {
    if (!candidateIds.has(s.wardId)) continue;
    const covered = spans.some((o) => o.wardId !== s.wardId && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start);
    if (covered) continue;
    const prev = firstAt.get(s.wardId);
    if (prev === undefined || s.start < prev) firstAt.set(s.wardId, s.start);
  }
  return [...firstAt.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

export function assignWards(article: { title: string; bodyText: string }, source: Source, registry: Registry): WardAssignment {
  if (source.ward !== undefined) return { wardIds: [source.ward] };
  const listed = (source.wardsByName ?? [])
    .map((id) => registry.wards.find((w) => w.id === id))
    .filter((w): w is Ward => w !== undefined);
  if (listed.length === 0) return { wardIds: [], unmatched: `source "${source.id}" lists no known ward` };
  const inTitle = wardsNamedIn(article.title, listed, registry.wards);
  if (inTitle.length > 0) return { wardIds: inTitle };
  const inBody = wardsNamedIn(article.bodyText, listed, registry.wards);
  if (inBody.length > 0) return { wardIds: inBody };
  return {
    wardIds: [],
    unmatched: `no ward of source "${source.id}" (${listed.map((w) => w.name).join(', ')}) is named in the title or body`,
  };
}
