/**
 * OPML 2.0 list of every ward feed, grouped by province, for one-click import into a reader;
 * serialised by xml-js, the serialiser `feed` uses (see nodes.ts).
 */
import type { Ward } from '../registry/types.ts';
import { elementNode, optionalTextNode, xmlDocument } from './nodes.ts';

export interface OpmlFeedUrls {
  rss: string;
  html: string;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Wards grouped by province, both in Vietnamese alphabetical order (ties by id: deterministic). */
export function groupByProvince(wards: Ward[]): Array<{ province: string; wards: Ward[] }> {
  const groups = new Map<string, Ward[]>();
  for (const w of wards) {
    const list = groups.get(w.province) ?? [];
    list.push(w);
    groups.set(w.province, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([province, list]) => ({
      province,
      wards: list.sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    }));
}

/** A ward's label in lists: name, its legacy district, and a note when merged. */
export function wardLabel(w: Ward, wardsById?: Map<string, Ward>): string {
  let label = w.legacyDistrict ? `${w.name} (${w.legacyDistrict})` : w.name;
  if (w.status === 'merged') {
    const into = w.mergedInto ? wardsById?.get(w.mergedInto)?.name ?? w.mergedInto : undefined;
    label += into ? ` — đã sáp nhập vào ${into}` : ' — đã sáp nhập';
  } else if (w.status === 'archived') label += ' — lưu trữ';
  return label;
}

export function renderOpml(wards: Ward[], urls: (w: Ward) => OpmlFeedUrls, opts: { title?: string; ownerUrl?: string } = {}): string {
  const byId = new Map(wards.map((w) => [w.id, w]));
  const provinces = groupByProvince(wards).map((g) =>
    elementNode({ text: g.province, title: g.province }, {
      outline: g.wards.map((w) => {
        const u = urls(w);
        const label = wardLabel(w, byId);
        return elementNode({ type: 'rss', text: label, title: label, xmlUrl: u.rss, htmlUrl: u.html, language: 'vi' });
      }),
    }),
  );
  return xmlDocument('opml', elementNode({ version: '2.0' }, {
    head: { title: optionalTextNode(opts.title ?? 'wardfeed — tin phường, xã'), ownerId: optionalTextNode(opts.ownerUrl) },
    body: { outline: provinces },
  }));
}
