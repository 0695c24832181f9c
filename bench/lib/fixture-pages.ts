import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureSites, pageHtml } from '../../tests/fixtures/sites.ts';

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

/** Every article page with an `*.expected.json`, in a stable order (host, then path). */
export function loadFixtureArticles(dir = FIXTURE_SITES_DIR): FixtureArticle[] {
  const out: FixtureArticle[] = [];
  for (const { name, site } of fixtureSites(dir)) {
    for (const p of site.pages) {
      if (p.kind !== 'article' || !p.expected) continue;
      const html = pageHtml(name, p, dir);
      const expected = JSON.parse(readFileSync(join(dir, name, p.expected), 'utf8')) as FixtureArticle['expected'];
      out.push({ host: site.host, family: site.family ?? 'generic', url: `https://${site.host}${p.path}`, file: p.file, html, expected });
    }
  }
  return out.sort((a, b) => (a.host === b.host ? (a.url < b.url ? -1 : 1) : a.host < b.host ? -1 : 1));
}
