import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

/** One article page of the fixture sites, decoded, with its production address and expectations. */
export interface FixtureArticle {
  host: string;
  family: string;
  url: string;
  file: string;
  html: string;
  expected: {
    title: string;
    paragraphs: string[];
    [k: string]: unknown;
  };
}

export const FIXTURE_SITES_DIR = resolve(fileURLToPath(new URL('../../tests/fixtures/sites', import.meta.url)));

interface SiteFile {
  host: string;
  family?: string;
  pages: Array<{ path: string; file: string; kind?: string; charset?: string; expected?: string }>;
}

/** Every article page with an `*.expected.json`, in a stable order (host, then path). */
export function loadFixtureArticles(dir = FIXTURE_SITES_DIR): FixtureArticle[] {
  if (!existsSync(dir)) return [];
  const out: FixtureArticle[] = [];
  for (const name of readdirSync(dir).sort()) {
    const siteFile = join(dir, name, 'site.json');
    if (!existsSync(siteFile)) continue;
    const site = JSON.parse(readFileSync(siteFile, 'utf8')) as SiteFile;
    for (const p of site.pages) {
      if (p.kind !== 'article' || !p.expected) continue;
      const raw = readFileSync(join(dir, name, p.file));
      const html = p.charset && !/^utf-?8$/i.test(p.charset) ? iconv.decode(raw, p.charset) : raw.toString('utf8');
      const expected = JSON.parse(readFileSync(join(dir, name, p.expected), 'utf8')) as FixtureArticle['expected'];
      out.push({ host: site.host, family: site.family ?? 'generic', url: `https://${site.host}${p.path}`, file: p.file, html, expected });
    }
  }
  return out.sort((a, b) => (a.host === b.host ? (a.url < b.url ? -1 : 1) : a.host < b.host ? -1 : 1));
}
