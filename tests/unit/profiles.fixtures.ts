/** Reads the fixture sites (pages, expectations) for the profile tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

export const SITES_DIR = resolve(fileURLToPath(new URL('../fixtures/sites', import.meta.url)));
export const SEEDS_DIR = resolve(fileURLToPath(new URL('../../../shared/seeds', import.meta.url)));

export interface FixturePage {
  host: string;
  family: string;
  kind: 'article' | 'listing';
  url: string;
  file: string;
  html: string;
  expected?: Record<string, unknown>;
}

interface SiteJson {
  host: string;
  family: string;
  scheme?: string;
  pages: Array<{ path: string; file: string; kind: string; expected?: string; charset?: string }>;
}

/** Every article and listing page of every fixture site, decoded as the site serves it. */
export function fixturePages(): FixturePage[] {
  if (!existsSync(SITES_DIR)) return [];
  const out: FixturePage[] = [];
  for (const dir of readdirSync(SITES_DIR).sort()) {
    const siteFile = join(SITES_DIR, dir, 'site.json');
    if (!existsSync(siteFile)) continue;
    const site = JSON.parse(readFileSync(siteFile, 'utf8')) as SiteJson;
    for (const p of site.pages) {
      if (p.kind !== 'article' && p.kind !== 'listing') continue;
      const raw = readFileSync(join(SITES_DIR, dir, p.file));
      const html = p.charset && !/^utf-?8$/i.test(p.charset) ? iconv.decode(raw, p.charset) : raw.toString('utf8');
      const expectedFile = p.expected ?? p.file.replace(/\.html?$/, '.expected.json');
      const expectedPath = join(SITES_DIR, dir, expectedFile);
      out.push({
        host: site.host,
        family: site.family,
        kind: p.kind,
        url: `${site.scheme ?? 'https'}://${site.host}${p.path}`,
        file: `${dir}/${p.file}`,
        html,
        expected: existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, unknown>) : undefined,
      });
    }
  }
  return out;
}

/** Whitespace folded, NFC: how paragraphs are compared. */
export function fold(s: string): string {
  return s.normalize('NFC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}
