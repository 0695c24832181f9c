/**
 * Bundle benchmark: size of each Lambda handler bundle (built with the stack's esbuild options)
 * and its cold import time in a fresh Node process, the part of a Lambda cold start the code
 * controls. Median of several runs.
 *
 *   node bin/run-ts.js bench/bundles.ts [--runs N]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { HANDLERS, bundleHandler } from '../infra/bundle-handlers.ts';
import { BUNDLE_BUDGET_BYTES, PROJECT_ROOT } from '../infra/bundling.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Milliseconds `import()` of the bundle takes in a fresh process (Node start-up excluded). */
function coldImportMs(file: string, cwd: string): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') process.exit(3); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' }).trim());
}

export async function benchBundles(opts: { runs?: number } = {}): Promise<Record<string, unknown>> {
  const runs = opts.runs ?? 7;
  const dir = mkdtempSync(join(tmpdir(), 'wardfeed-bench-bundles-'));
  // The Lambda runtime provides the AWS SDK next to the bundle; nothing else.
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
  const out: Record<string, unknown> = { runs };
  const rows: string[] = ['| handler | minified | gzip | budget | cold import (median) |', '|---|---:|---:|---:|---:|'];
  try {
    for (const handler of HANDLERS) {
      const built = await bundleHandler(handler, dir);
      const gzip = gzipSync(readFileSync(built.file)).length;
      coldImportMs(built.file, dir); // warm the file system cache; not counted
      const times = Array.from({ length: runs }, () => coldImportMs(built.file, dir));
      const result = {
        bytes: built.bytes,
        gzipBytes: gzip,
        budgetBytes: BUNDLE_BUDGET_BYTES[handler],
        coldImportMs: Math.round(median(times) * 10) / 10,
        coldImportMinMs: Math.round(Math.min(...times) * 10) / 10,
        packages: built.packages.length,
      };
      out[handler] = result;
      rows.push(`| ${handler} | ${(result.bytes / 1024).toFixed(0)} KB | ${(gzip / 1024).toFixed(0)} KB | ${(result.budgetBytes / 1024).toFixed(0)} KB | ${result.coldImportMs} ms |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(rows.join('\n'));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--runs');
  await benchBundles({ runs: i > 0 ? Number(process.argv[i + 1]) : undefined });
}
