/**
 * Which unit a page belongs to, from what the page says of itself: its header ("UBND xã Nhơn
 * Trạch"), its title, its host. A name that several units share is never settled by guessing:
 * the candidates are returned for the user to choose (`--ward`).
 */
import { normalizeText, searchKey, toneKey } from '../text/index.ts';
import type { Registry, Ward } from './types.ts';
import { provinceKey } from './units.ts';

/** Unit words as search keys, one or two words long. */
const TYPE_WORDS: Record<string, string> = { phuong: 'Phường', xa: 'Xã', 'dac khu': 'Đặc khu', 'thi tran': 'Thị trấn' };
/** Words that start the name of a larger place: a unit name stops before them. */
const PLACE_WORDS = new Set(['quan', 'huyen', 'tinh', 'thanh pho', 'thi xa', 'tp', 'ubnd']);
/** Words that start the name of a district or a city, places with portals of their own. */
const DISTRICT_WORDS = new Set(['quan', 'huyen', 'thi xa', 'thanh pho']);
/** Words of a place name follow the unit word; more than this is a sentence, not a name. */
const MAX_NAME_WORDS = 5;

export type UnitFinding =
  | { kind: 'found'; ward: Ward; by: string }
  | { kind: 'ambiguous'; name: string; candidates: Ward[] }
  /** `reason`: why the host's first label was not taken for a unit's name. */
  | { kind: 'none'; tried: string[]; reason?: string };

/**
 * Unit names a text states: a unit word followed by capitalised words or a number
 * ("UBND XÃ NHƠN TRẠCH", "Phường 1"), longest reading first.
 */
export function statedNames(text: string): string[][] {
  const out: string[][] = [];
  // A name never runs across punctuation or a spaced dash ("Phường 1 - Quận Tân Bình").
  for (const segment of normalizeText(text).split(/[,.;:|/()[\]–—]|\s-\s/u)) {
    const words = segment.split(' ').filter(Boolean);
    const keys = words.map((w) => searchKey(w));
    const typeAt = (i: number) => (TYPE_WORDS[`${keys[i]} ${keys[i + 1]}`] ? `${keys[i]} ${keys[i + 1]}` : TYPE_WORDS[keys[i]] ? keys[i] : undefined);
    for (let i = 0; i < words.length; i++) {
      const type = typeAt(i);
      if (!type) continue;
      const name: string[] = [];
      for (let j = i + type.split(' ').length; j < words.length && name.length < MAX_NAME_WORDS; j++) {
        if (!/^[\p{Lu}\p{N}]/u.test(words[j]) || typeAt(j) || PLACE_WORDS.has(keys[j]) || PLACE_WORDS.has(`${keys[j]} ${keys[j + 1]}`)) break;
        name.push(words[j]);
      }
      if (name.length === 0) continue;
      const readings: string[] = [];
      for (let k = name.length; k >= 1; k--) readings.push(`${TYPE_WORDS[type]} ${name.slice(0, k).join(' ')}`);
      out.push(readings);
    }
  }
  return out;
}

/** A name as a host spells it: folded, without spaces (`Nhơn Trạch` → `nhontrach`). */
export const hostSpelling = (s: string): string => searchKey(s).replace(/ /g, '');
/** A unit's name without its unit word, as a host spells it (`Xã Nhơn Trạch` → `nhontrach`). */
export const unitHostSpelling = (name: string): string => hostSpelling(name.replace(/^(?:Phường|Xã|Đặc khu|Thị trấn) /, ''));
/** A district's name without its district word, as a host spells it (`Quận Hoàng Mai` → `hoangmai`). */
export const districtHostSpelling = (name: string): string => hostSpelling(name.replace(/^(?:Quận|Huyện|Thị xã|Thành phố) /, ''));

/**
 * Units of the registry with exactly this typed name, current and pre-2025 alike; a pre-2025 unit
 * whose successor has the same name is left out (the name, and its portal, carried on).
 */
function unitsNamed(registry: Registry, typedName: string): Ward[] {
  const key = searchKey(typedName);
  const current = registry.units ? registry.units.named(typedName) : registry.wards.filter((w) => w.status !== 'merged' && searchKey(w.name) === key);
  const legacy = (registry.units ? registry.units.legacy : registry.wards.filter((w) => w.status === 'merged')).filter((w) => searchKey(w.name) === key);
  const currentIds = new Set(current.map((w) => w.id));
  return [...current, ...legacy.filter((w) => !(w.successors ?? [w.mergedInto]).some((id) => id !== undefined && currentIds.has(id)))];
}

/**
 * Narrows candidates by the places the host spells after its first label (`nhontrach.dongnai.gov.vn`
 * → Đồng Nai); the first label is the site's own name, often the unit's, never its place.
 */
function byHost(candidates: Ward[], host: string): Ward[] {
  const labels = new Set(host.toLowerCase().split('.').slice(1));
  const inHost = candidates.filter((w) => labels.has(hostSpelling(provinceKey(w.province))) || (w.legacyDistrict && labels.has(districtHostSpelling(w.legacyDistrict))));
  return inHost.length > 0 ? inHost : candidates;
}

/**
 * The district or city a text names whose name is the host's first label: `hoangmai` on a page
 * titled "Cổng thông tin điện tử Quận Hoàng Mai" is the district's portal, whatever units share
 * the name since.
 */
function districtNamed(texts: string[], label: string): string | undefined {
  for (const text of texts) {
    const words = normalizeText(text).split(' ').filter(Boolean);
    const keys = words.map((w) => searchKey(w));
    for (let i = 0; i < words.length; i++) {
      const width = DISTRICT_WORDS.has(`${keys[i]} ${keys[i + 1]}`) ? 2 : DISTRICT_WORDS.has(keys[i]) ? 1 : 0;
      for (let k = 1; width > 0 && k <= MAX_NAME_WORDS && i + width + k <= words.length; k++) {
        if (hostSpelling(keys.slice(i + width, i + width + k).join(' ')) === label) return words.slice(i, i + width + k).join(' ');
      }
    }
  }
  return undefined;
}

/**
 * Of units whose names agree once diacritics are folded, those spelled as the page spells the name
 * ("Tân Thanh" is not "Tân Thành"; case and tone-mark placement aside); all of them when none is.
 */
function asSpelled(candidates: Ward[], typedName: string): Ward[] {
  const key = toneKey(typedName);
  const exact = candidates.filter((w) => toneKey(w.name) === key);
  return exact.length > 0 ? exact : candidates;
}

/** The unit the page's own texts (header, title, site name, in that order) and host name. */
export function findUnit(registry: Registry, texts: string[], host: string): UnitFinding {
  const tried: string[] = [];
  for (const text of texts) {
    for (const readings of statedNames(text)) {
      for (const name of readings) {
        const found = unitsNamed(registry, name);
        if (found.length === 0) {
          tried.push(name);
          continue;
        }
        const narrowed = asSpelled(byHost(found, host), name);
        if (narrowed.length === 1) return { kind: 'found', ward: narrowed[0], by: `"${name}" on the page` };
        return { kind: 'ambiguous', name, candidates: narrowed };
      }
    }
  }
  // No name on the page: the host's first label may spell one (`xuandong.dongnai.gov.vn`).
  const label = host.toLowerCase().split('.')[0].replace(/^www$/, '');
  if (label && registry.units) {
    const district = districtNamed(texts, label);
    if (district) return { kind: 'none', tried, reason: `the site is the portal of ${district}, not of one unit, so its host name "${host}" is not taken for a unit's` };
    const found = registry.units.current.filter((w) => unitHostSpelling(w.name) === label || hostSpelling(w.name) === label);
    const narrowed = byHost(found, host);
    if (narrowed.length === 1) {
      return { kind: 'found', ward: narrowed[0], by: `the host name "${host}"` };
    }
    if (narrowed.length > 1) return { kind: 'ambiguous', name: label, candidates: narrowed };
    tried.push(`host "${label}"`);
  }
  return { kind: 'none', tried };
}
