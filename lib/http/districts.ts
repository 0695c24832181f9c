/**
 * Legacy districts of the registry. A district is always named with its province: district
 * names repeat across provinces ("Huyện Châu Thành" exists in ten), so a bare district name
 * or slug is accepted only while the registry holds exactly one district by that name.
 */
import type { Registry } from '../registry/types.ts';
import { slugify } from '../text/index.ts';

export interface District {
  province: string;
  /** The legacy district's name as the registry writes it. */
  district: string;
  provinceSlug: string;
  districtSlug: string;
}

/** `<province-slug>/<district-slug>`, the district's address in routes and parameters. */
export const districtPath = (d: District): string => `${d.provinceSlug}/${d.districtSlug}`;

/** Every (province, district) pair once, ordered by their slugs (deterministic). */
export function registryDistricts(registry: Registry): District[] {
  const byPath = new Map<string, District>();
  for (const w of registry.wards) {
    if (!w.legacyDistrict) continue;
    const d: District = { province: w.province, district: w.legacyDistrict, provinceSlug: slugify(w.province), districtSlug: slugify(w.legacyDistrict) };
    if (!d.provinceSlug || !d.districtSlug) continue;
    if (!byPath.has(districtPath(d))) byPath.set(districtPath(d), d);
  }
  return [...byPath.values()].sort((a, b) => (districtPath(a) < districtPath(b) ? -1 : districtPath(a) > districtPath(b) ? 1 : 0));
}

/** Districts named so by slug or by name, in any province. */
export function districtsNamed(districts: District[], nameOrSlug: string): District[] {
  const slug = slugify(nameOrSlug);
  if (!slug) return [];
  return districts.filter((d) => d.district === nameOrSlug || d.districtSlug === slug);
}

/**
 * The districts a parameter may mean: `<province>/<district>` (each a slug or a name) names at
 * most one; a bare district slug or name may match one in several provinces. The caller tells
 * none (unknown) from several (ambiguous).
 */
export function matchDistricts(registry: Registry, value: string): District[] {
  const all = registryDistricts(registry);
  const slash = value.indexOf('/');
  if (slash < 0) return districtsNamed(all, value);
  const province = value.slice(0, slash);
  const provinceSlug = slugify(province);
  const inProvince = all.filter((d) => d.province === province || (provinceSlug !== '' && d.provinceSlug === provinceSlug));
  return districtsNamed(inProvince, value.slice(slash + 1)).slice(0, 1);
}
