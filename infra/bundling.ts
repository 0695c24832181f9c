/**
 * How the Lambda handlers are bundled, kept in one place so the stack, the bundle tests and the
 * bundle benchmark all build the same artefact.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The three handlers and their entry files, relative to the project root. */
export const HANDLER_ENTRIES = {
  dispatcher: 'functions/dispatcher.ts',
  'crawl-source': 'functions/crawl-source.ts',
  'serve-feed': 'functions/serve-feed.ts',
} as const;
export type HandlerName = keyof typeof HANDLER_ENTRIES;

/** Size ceilings (minified bytes) the bundle tests hold each handler to. */
export const BUNDLE_BUDGET_BYTES: Record<HandlerName, number> = {
  dispatcher: 1_000_000,
  'crawl-source': 2_500_000,
  'serve-feed': 400_000,
};

/** Packages the feed handler must never pull in: HTML parsing belongs to crawling only. */
export const FEED_FORBIDDEN_PACKAGES = ['cheerio', 'htmlparser2', 'parse5'];

/**
 * Some CommonJS dependencies call `require` for Node built-ins; an ES module bundle has no
 * `require`, so one is made from `import.meta.url`.
 */
const REQUIRE_BANNER = "import { createRequire as __wardfeedCreateRequire } from 'node:module'; const require = __wardfeedCreateRequire(import.meta.url);";

export const BUNDLE_OPTIONS = {
  /** The Lambda runtime's Node.js major. */
  target: 'node22',
  platform: 'node' as const,
  format: 'esm' as const,
  minify: true,
  sourcemap: false,
  /** The Node.js 22 Lambda runtime ships AWS SDK v3. */
  external: ['@aws-sdk/*'],
  /** Prefer ES module builds so unused code is tree-shaken. */
  mainFields: ['module', 'main'],
  banner: REQUIRE_BANNER,
  /**
   * cheerio's encoding sniffer and whatwg-encoding each carry their own iconv-lite 0.6 (about
   * 0.5 MB of code tables apiece); every import takes the project's one copy instead.
   */
  alias: { 'iconv-lite': resolve(PROJECT_ROOT, 'node_modules/iconv-lite') } as Record<string, string>,
};

/** esbuild options for one handler, written to `outfile` (an `.mjs` file). */
export function esbuildOptions(handler: HandlerName, outfile: string) {
  return {
    entryPoints: [resolve(PROJECT_ROOT, HANDLER_ENTRIES[handler])],
    outfile,
    bundle: true,
    ...BUNDLE_OPTIONS,
    banner: { js: BUNDLE_OPTIONS.banner },
    metafile: true,
    logLevel: 'silent' as const,
  };
}
