/**
 * The README's coverage table of the portal sources (profile × portals × archives × provinces),
 * derived from the registry; `tests/unit/registry-sources.test.ts` checks the README against it.
 *
 *   node bin/run-ts.js scripts/portal-coverage.ts   # prints the heading line and the table
 */
import { resolve } from 'node:path';
import { ROOT } from '../lib/config.ts';
import { findWard, loadRegistry, type Registry } from '../lib/registry/index.ts';

const LIST = 'lib/registry/portals/attested.json';

/** `Thành phố Hồ Chí Minh` → `Hồ Chí Minh`, `Tỉnh Bến Tre` → `Bến Tre`. */
const provinceName = (p: string) => p.replace(/^(?:Thành phố|Tỉnh) /, '');

interface Row {
  profile: string;
  portals: number;
  unverified: number;
  archives: number;
  provinces: string[];
}

/** One row a profile: its portal sources, unverified ones, archives, and the units' provinces. */
export function coverageRows(registry: Registry): Row[] {
  const rows = new Map<string, Row>();
  for (const s of registry.sources.filter((x) => x.note?.includes(LIST))) {
    const row = rows.get(s.profile) ?? { profile: s.profile, portals: 0, unverified: 0, archives: 0, provinces: [] };
    const ward = findWard(registry, s.ward!)!;
    row.portals++;
    if (!s.verified) row.unverified++;
    if (ward.status === 'merged') row.archives++;
    if (!row.provinces.includes(provinceName(ward.province))) row.provinces.push(provinceName(ward.province));
    rows.set(s.profile, row);
  }
  for (const row of rows.values()) row.provinces.sort();
  return [...rows.values()].sort((a, b) => b.portals - a.portals || (a.profile < b.profile ? -1 : 1));
}

/** The heading line and the markdown table, as the README prints them. */
export function coverageTable(registry: Registry): string {
  const rows = coverageRows(registry);
  const total = rows.reduce((n, r) => n + r.portals, 0);
  return [
    `Coverage (${total} portal sources; provinces as of the unit, pre-2025 names for archives):`,
    '',
    '| profile | portals | of them archives | provinces |',
    '|---|---:|---:|---|',
    ...rows.map((r) => `| \`${r.profile}\` | ${r.portals}${r.unverified ? ` (${r.unverified} unverified)` : ''} | ${r.archives} | ${r.provinces.join(', ')} |`),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, 'scripts/portal-coverage.ts')) {
  console.log(coverageTable(loadRegistry(resolve(ROOT, 'lib/registry/registry.json'))));
}
