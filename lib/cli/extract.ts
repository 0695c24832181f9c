import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtractedArticle } from '../article.ts';
import { USER_AGENT } from '../config.ts';
import { decodeBody } from '../crawl/charset.ts';
import { WardfeedError, isWardfeedError } from '../errors.ts';
import { extractArticle } from '../sites/extract.ts';
import { MAX_PAGE_BYTES } from '../extract/page.ts';
import { loadHtml } from '../extract/parse-html.ts';
import { isProfileName, PROFILE_NAMES } from '../sites/index.ts';
import { articleId } from '../url.ts';
import { commandArgs } from './args.ts';

const USAGE = 'usage: wardfeed extract <url|file>… [--profile NAME] [--base-url URL]';
const FETCH_TIMEOUT_MS = 20_000;

/**
 * `wardfeed extract`: one Article as pretty JSON for one input, one JSON line per input for
 * several. A failing input is reported on stderr and makes the exit code 1; the others still print.
 */
export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('extract', `${USAGE}\n\nprofiles: ${PROFILE_NAMES.join(', ')}`, args, { profile: { type: 'string' }, 'base-url': { type: 'string' } }, true);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const profile = values.profile ?? 'auto';
  if (!isProfileName(profile)) {
    console.error(`wardfeed extract: unknown profile "${profile}"; known profiles: ${PROFILE_NAMES.join(', ')}`);
    return 2;
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^(https?|file):\/\//i.test(baseUrl)) {
    console.error(`wardfeed extract: --base-url must be an absolute http(s) URL, got "${baseUrl}"`);
    return 2;
  }

  let failed = 0;
  for (const input of positionals) {
    try {
      const extracted = await extractInput(input, profile, baseUrl);
      // The stable id the store will know it by comes first, as in the Article contract.
      const article = { id: articleId(extracted.canonicalUrl), ...extracted };
      process.stdout.write(positionals.length === 1 ? `${JSON.stringify(article, null, 2)}\n` : `${JSON.stringify(article)}\n`);
    } catch (e) {
      if (!isWardfeedError(e)) throw e;
      failed++;
      console.error(`wardfeed extract: ${input}: [${e.kind}] ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    }
  }
  return failed ? 1 : 0;
}

async function extractInput(input: string, profile: string, baseUrl: string | undefined): Promise<ExtractedArticle> {
  if (/^https?:\/\//i.test(input)) {
    const { html, url } = await fetchPage(input);
    return extractArticle({ html, url: baseUrl ?? url, profile });
  }
  const html = await readPage(input);
  return extractArticle({ html, url: baseUrl ?? declaredUrl(html) ?? pathToFileURL(resolve(input)).href, profile });
}

/** A saved page names its own address in `<link rel=canonical>` or og:url; relative links resolve against it. */
function declaredUrl(html: string): string | undefined {
  // Parsed as the extractor parses pages, so a script in <head> ends where it ends there.
  const $ = loadHtml(html.slice(0, 200_000));
  for (const candidate of [$('link[rel="canonical"]').attr('href'), $('meta[property="og:url"]').attr('content')]) {
    const value = candidate?.trim();
    if (value && /^https?:\/\//i.test(value)) {
      try {
        return new URL(value).href;
      } catch {
        // not a usable address; try the next
      }
    }
  }
  return undefined;
}

async function readPage(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    throw new WardfeedError('not-found', `cannot read file: ${(cause as Error).message}`, { cause });
  }
  if (size > MAX_PAGE_BYTES) throw new WardfeedError('too-large', `file is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
  const handle = await open(path, 'r');
  try {
    const bytes = await handle.readFile();
    return decodeBody(bytes).text;
  } finally {
    await handle.close();
  }
}

/** One GET with a 20 s budget and a 10 MB cap, decoded by the page's declared charset. */
async function fetchPage(url: string): Promise<{ html: string; url: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    });
  } catch (cause) {
    const name = (cause as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new WardfeedError('timeout', `no answer within ${FETCH_TIMEOUT_MS / 1000} s`, { url, cause });
    }
    const detail = (cause as { cause?: { code?: string; message?: string } }).cause;
    const code = detail?.code ?? '';
    const kind = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) ? 'tls' : 'network';
    throw new WardfeedError(kind, `${code || 'fetch failed'}${detail?.message ? `: ${detail.message}` : ''}`, { url, cause });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new WardfeedError('http-status', `HTTP ${response.status}`, { url, status: response.status });
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_PAGE_BYTES) {
    await response.body?.cancel();
    throw new WardfeedError('too-large', `page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`, { url });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (cause) {
        const timedOut = (cause as Error).name === 'TimeoutError' || (cause as Error).name === 'AbortError';
        throw new WardfeedError(timedOut ? 'timeout' : 'network', timedOut ? `no complete answer within ${FETCH_TIMEOUT_MS / 1000} s` : 'connection lost while reading', { url, cause });
      }
      if (step.done) break;
      total += step.value.byteLength;
      if (total > MAX_PAGE_BYTES) {
        await reader.cancel();
        throw new WardfeedError('too-large', `page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`, { url });
      }
      chunks.push(step.value);
    }
  }
  const bytes = Buffer.concat(chunks);
  return { html: decodeBody(bytes, response.headers.get('content-type') ?? undefined, url).text, url: response.url || url };
}
