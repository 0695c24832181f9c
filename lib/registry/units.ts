/**
 * The national list of administrative units (derived by scripts/derive-units.ts into
 * units.json): the 34 provinces, the 3,321 units in force since 2025-07-01 and every pre-2025
 * ward/commune with its successors. The file is read at run time, once per process and only
 * when a registry names it, so no function bundle carries it.
 */
import { readFileSync } from 'node:fs';
import { WardfeedError } from '../errors.ts';
import { searchKey } from '../text/index.ts';
import type { Ward } from './types.ts';

interface UnitsFile {
  source: Record<string, string>;
  provinces: [string, string][];
  units: [string, string, string, string][];
  legacy: [string, string, string, string, string[], string][];
}

/** Unit words a name starts with; a name is also searched without them. */
const TYPE_PREFIX = /^(?:phuong|xa|dac khu|thi tran) /;
/** Five digits: an official unit code. */
export const UNIT_CODE = /^\d{5}$/;

export class NationalUnits {
  /** The units in force since 2025-07-01, in the package's order (by province, then code). */
  readonly current: Ward[];
  /** Pre-2025 wards and communes, each `merged` into its successor(s). */
  readonly legacy: Ward[];
  readonly provinces: string[];
  readonly source: Record<string, string>;
  private readonly byId = new Map<string, Ward>();
  private readonly byCode = new Map<string, Ward>();
  private keys?: { ward: Ward; key: string; bare: string }[];

  constructor(file: UnitsFile) {
    this.source = file.source;
    const province = new Map(file.provinces);
    this.provinces = file.provinces.map((p) => p[1]);
    this.current = file.units.map(([code, id, name, prov]) => ({ id, name, province: province.get(prov)!, status: 'active', code }));
    this.legacy = file.legacy.map(([id, name, district, prov, successors, code]) => ({
      id,
      name,
      province: prov,
      legacyDistrict: district,
      status: 'merged',
      mergedInto: successors[0],
      successors,
      ...(code ? { code } : {}),
    }));
    for (const w of this.current) {
      this.byId.set(w.id, w);
      this.byCode.set(w.code!, w);
    }
    for (const w of this.legacy) this.byId.set(w.id, w);
  }

  get(id: string): Ward | undefined {
    return this.byId.get(id);
  }

  /** The current unit with this official code. */
  byOfficialCode(code: string): Ward | undefined {
    return this.byCode.get(code);
  }

  /**
   * Current units whose name matches `q` whatever the diacritics and tone placement, with or
   * without the unit word ("Phường", "Xã"); an official code finds its unit. Whole-name matches
   * come first, then names starting with `q`, then names containing it.
   */
  search(q: string, limit = 50): Ward[] {
    const code = q.trim();
    if (UNIT_CODE.test(code)) {
      const w = this.byCode.get(code);
      return w ? [w] : [];
    }
    const k = searchKey(q).replace(TYPE_PREFIX, '');
    if (!k) return [];
    const ranked: { ward: Ward; rank: number }[] = [];
    for (const e of this.nameKeys()) {
      const rank = e.bare === k || e.key === k ? 0 : e.bare.startsWith(`${k} `) ? 1 : ` ${e.bare} `.includes(` ${k} `) ? 2 : -1;
      if (rank >= 0) ranked.push({ ward: e.ward, rank });
    }
    return ranked.sort((a, b) => a.rank - b.rank).slice(0, limit).map((r) => r.ward);
  }

  /** Current units named exactly `name` (unit word optional, any diacritics), optionally within one province. */
  named(name: string, province?: string): Ward[] {
    const full = searchKey(name);
    const bare = full.replace(TYPE_PREFIX, '');
    const pk = province === undefined ? undefined : provinceKey(province);
    return this.nameKeys()
      .filter((e) => (full !== bare ? e.key === full : e.bare === bare) && (pk === undefined || provinceKey(e.ward.province) === pk))
      .map((e) => e.ward);
  }

  private nameKeys(): { ward: Ward; key: string; bare: string }[] {
    this.keys ??= this.current.map((ward) => {
      const key = searchKey(ward.name);
      return { ward, key, bare: key.replace(TYPE_PREFIX, '') };
    });
    return this.keys;
  }
}

/** `Thành phố Hà Nội`, `Hà Nội`, `TP Hà Nội` → `ha noi`. */
export function provinceKey(province: string): string {
  return searchKey(province).replace(/^(?:thanh pho|tinh|tp) /, '');
}

const cache = new Map<string, NationalUnits>();

/** Reads a units file once per process. */
export function loadUnits(file: string): NationalUnits {
  let units = cache.get(file);
  if (!units) {
    let data: UnitsFile;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as UnitsFile;
    } catch (e) {
      throw new WardfeedError('registry', `national units ${file}: cannot read the file (${(e as Error).message})`, {
        cause: e,
        hint: 're-derive it with `node bin/run-ts.js scripts/derive-units.ts`',
      });
    }
    units = new NationalUnits(data);
    cache.set(file, units);
  }
  return units;
}
