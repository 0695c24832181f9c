/**
 * Proposes a source for every portal of `lib/registry/portals/attested.json` that has none yet,
 * assigned to the unit its host names (the rules of README "Sources on the ward and commune
 * portals"), and prints the entries and the hosts it leaves out, with the reason.
 *
 *   node bin/run-ts.js scripts/propose-portal-sources.ts          # prints proposals and skips
 *   node bin/run-ts.js scripts/propose-portal-sources.ts --write  # appends them to registry.json
 *
 * A host names a unit when its first label (or the last segment of its path, or the label after
 * a prefix such as `mttq.`) folds to the unit's name, with or without its unit word, and exactly
 * one unit of that name lies in the attested province; an `old` portal is matched among the
 * pre-2025 units only (its archive), narrowed by the district a later label spells. Anything the
 * rule cannot settle is left out unless `REVIEWED` names the unit and says why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../lib/config.ts';
import { findWard, loadRegistry, type Registry, type Source, type Ward } from '../lib/registry/index.ts';
import { districtHostSpelling, hostSpelling, unitHostSpelling } from '../lib/registry/find-unit.ts';
import { provinceKey } from '../lib/registry/units.ts';
import { appendSource } from '../lib/registry/write.ts';
import { FAMILY_NAMES } from '../lib/sites/names.ts';

export const ATTESTED_FILE = resolve(ROOT, 'lib/registry/portals/attested.json');
export const REGISTRY_FILE = resolve(ROOT, 'lib/registry/registry.json');
const LIST = 'lib/registry/portals/attested.json';

export interface Attested {
  hosts: [string, string, string][];
  examples: string[];
}

/** Units the host rule cannot settle, named after reading the host and its example page. */
export const REVIEWED: Record<string, { ward: string; why: string }> = {
  'huongxuan.thuathienhue.gov.vn': { ward: 'huong-xuan-huong-tra', why: 'Huế had a Xã Hương Xuân (Phú Lộc) and a Phường Hương Xuân (Hương Trà); the example page speaks of the phường and its tổ dân phố' },
  'p2.sadec.dongthap.gov.vn': { ward: '2-sa-dec', why: '"p2" under the Sa Đéc host is Phường 2 of Thành phố Sa Đéc, the ward its example page speaks for' },
  'p4.sadec.dongthap.gov.vn': { ward: '4-sa-dec', why: '"p4" under the Sa Đéc host is Phường 4 of Thành phố Sa Đéc, the ward its example page speaks for' },
  'phuhuu-quan9.hochiminhcity.gov.vn': { ward: 'phu-huu-thu-duc', why: 'the host spells "Phú Hữu" and "quận 9", the district that became Thành phố Thủ Đức in 2021' },
};

/** Listing addresses attested for a host beyond its home page (a category page seen). */
export const LISTINGS: Record<string, string> = {
  'kimbang.ninhbinh.gov.vn': 'https://kimbang.ninhbinh.gov.vn/vi/chuyen-muc/cong-tac-xay-dung-dang',
  'sondinh.sonhoa.phuyen.gov.vn': 'http://sondinh.sonhoa.phuyen.gov.vn/nong-thon-moi',
};

/** `https://sub.dost-dongnai.gov.vn/taman/` → `sub.dost-dongnai.gov.vn/taman`. */
export const hostPath = (u: string) => `${new URL(u).host}${new URL(u).pathname}`.replace(/\/+$/, '');

export const isOld = (family: string) => /\bold\b/.test(family) && !family.startsWith('new ');

/** The profile a recorded family maps to (README: Liferay → liferay-portal, Drupal in An Giang → angiang-drupal). */
export function profileOf(family: string, province: string): string {
  const first = family.split(/[ ,(]/)[0];
  if ((FAMILY_NAMES as readonly string[]).includes(first)) return first;
  if (first === 'liferay') return 'liferay-portal';
  if (first === 'drupal') return province.startsWith('An Giang') ? 'angiang-drupal' : 'auto';
  return 'auto';
}

/** `sub.dost-dongnai.gov.vn/taman` → `sub-dost-dongnai-taman`. */
export function sourceId(host: string): string {
  const [name, ...path] = host.split('/');
  return [name.replace(/\.(?:gov|dcs|org)?\.?vn$/, ''), ...path].join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

const PREFIX_LABELS = new Set(['www', 'mttq']);

/** Labels that may spell the unit's name, in order, and the labels that may spell its district. */
function nameLabels(host: string): { names: string[]; places: string[] } {
  const [domain, ...path] = host.split('/');
  const labels = domain.toLowerCase().replace(/\.(?:gov|dcs|org|com)?\.?vn$/, '').split('.');
  const strip = (l: string) => [l, l.replace(/^(?:xa|phuong|thitran)(?=[a-z])/, '')];
  if (path.length > 0) return { names: strip(hostSpelling(path[path.length - 1])), places: labels };
  // A site of the unit's Front or Party committee puts its own word first (`mttq.phuhoadong.vn`).
  const [first, ...rest] = PREFIX_LABELS.has(labels[0]) ? labels.slice(1) : labels;
  const [own, ...suffix] = first.split('-');
  return { names: strip(own), places: [...suffix, ...rest] };
}

export type Finding = { kind: 'found'; ward: Ward; by?: string } | { kind: 'skip'; why: string };

/** The one unit a host names in the attested province (pre-2025 units for an old portal). */
export function unitOf(registry: Registry, [host, province, family]: [string, string, string]): Finding {
  const reviewed = REVIEWED[host];
  if (reviewed) {
    const ward = findWard(registry, reviewed.ward);
    return ward ? { kind: 'found', ward, by: reviewed.why } : { kind: 'skip', why: `reviewed unit ${reviewed.ward} is not in the national list` };
  }
  const units = registry.units!;
  const old = isOld(family);
  const pk = provinceKey(province.split(' (')[0]);
  const pool = (old ? units.legacy : units.current).filter((w) => provinceKey(w.province) === pk);
  const { names, places } = nameLabels(host);
  for (const label of names) {
    let found = pool.filter((w) => unitHostSpelling(w.name) === label || hostSpelling(w.name) === label);
    if (found.length > 1) {
      const inHost = found.filter((w) => w.legacyDistrict && places.some((p) => p.replace(/^(?:tp|tx|quan|huyen)(?=[a-z])/, '') === districtHostSpelling(w.legacyDistrict!)));
      if (inHost.length > 0) found = inHost;
    }
    if (found.length === 1) return { kind: 'found', ward: found[0] };
    if (found.length > 1) return { kind: 'skip', why: `"${label}" names ${found.length} units in ${province}: ${found.map((w) => w.id).join(', ')}` };
  }
  return { kind: 'skip', why: `no ${old ? 'pre-2025 ' : ''}unit of ${province} is named ${[...new Set(names)].map((n) => `"${n}"`).join(' or ')}` };
}

/** The source entry for host entry `index`, as the shipped portal sources are written. */
export function proposeSource(registry: Registry, attested: Attested, index: number, ward: Ward, by?: string): Source {
  const [host, province, family] = attested.hosts[index];
  const examples = attested.examples.filter((e) => hostPath(e) === host || hostPath(e).startsWith(`${host}/`));
  const scheme = examples.length > 0 ? new URL(examples[0]).protocol : 'https:';
  const listing = LISTINGS[host];
  const unit = ward.status === 'merged' ? `${ward.name} (${ward.legacyDistrict}, before 2025-07-01)` : ward.name;
  const named = family.includes('no page seen');
  const note = [
    ward.status === 'merged' ? `Archive of the portal of ${unit}.` : `Portal of ${unit}.`,
    listing
      ? `Listing: the category page ${listing} (attested example).`
      : "Listing: the portal's home page (no news section address is attested; the platform lists its newest news there).",
    `Host attested in ${LIST} (hosts[${index}], ${province}${family ? `, ${family}` : ''}); ${examples.length > 0 ? `example page ${examples[0]}.` : 'no example page recorded.'}`,
    by ? `Unit: ${by}.` : '',
    named ? 'Only named in a news report; no page seen, so unverified.' : '',
  ].filter(Boolean);
  return {
    id: sourceId(host),
    listUrls: [listing ?? `${scheme}//${host}/`],
    profile: profileOf(family, province),
    ward: ward.id,
    verified: !named,
    note: note.join(' '),
  };
}

/** Indices of host entries that already have a portal source (its listing lies under the host). */
function registeredHosts(registry: Registry, attested: Attested): Set<number> {
  const taken = new Set<number>();
  for (const s of registry.sources) {
    const m = /hosts\[(\d+)\]/.exec(s.note ?? '');
    if (m && s.note!.includes(LIST)) taken.add(Number(m[1]));
  }
  attested.hosts.forEach(([h], i) => {
    if (registry.sources.some((s) => s.listUrls.some((u) => hostPath(u) === h))) taken.add(i);
  });
  return taken;
}

export function propose(registry: Registry, attested: Attested): { sources: Source[]; skipped: { index: number; host: string; why: string }[] } {
  const taken = registeredHosts(registry, attested);
  const sources: Source[] = [];
  const skipped: { index: number; host: string; why: string }[] = [];
  attested.hosts.forEach((entry, i) => {
    if (taken.has(i)) return;
    const finding = unitOf(registry, entry);
    if (finding.kind === 'skip') skipped.push({ index: i, host: entry[0], why: finding.why });
    else sources.push(proposeSource(registry, attested, i, finding.ward, finding.by));
  });
  return { sources, skipped };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'scripts/propose-portal-sources.ts')) {
  const registry = loadRegistry(REGISTRY_FILE);
  const attested = JSON.parse(readFileSync(ATTESTED_FILE, 'utf8')) as Attested;
  const { sources, skipped } = propose(registry, attested);
  for (const s of sources) console.log(JSON.stringify(s));
  for (const s of skipped) console.error(`left out: hosts[${s.index}] ${s.host}: ${s.why}`);
  if (process.argv.includes('--write')) {
    let text = readFileSync(REGISTRY_FILE, 'utf8');
    for (const s of sources) text = appendSource(text, s);
    writeFileSync(REGISTRY_FILE, text);
    loadRegistry(REGISTRY_FILE);
    console.error(`appended ${sources.length} sources to ${REGISTRY_FILE}`);
  }
}
