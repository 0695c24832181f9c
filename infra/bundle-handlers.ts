/**
 * Builds the handler bundles exactly as the stack does (same esbuild options), into a directory
 * of one's choosing: for the bundle tests and the bundle benchmark.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLER_ENTRIES, esbuildOptions, type HandlerName } from './bundling.ts';

export interface BuiltBundle {
  handler: HandlerName;
  file: string;
  bytes: number;
  /** Package names that ended up in the bundle. */
  packages: string[];
  /** Input files, relative to the project root. */
  inputs: string[];
}

/** `node_modules/@scope/name/…` or `node_modules/name/…` -> the package name. */
function packageOf(input: string): string | undefined {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m?.[1];
}

export async function bundleHandler(handler: HandlerName, outDir: string): Promise<BuiltBundle> {
  const file = join(outDir, `${handler}.mjs`);
  const result = await build(esbuildOptions(handler, file));
  const packages = new Set<string>();
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  for (const input of inputs) {
    const name = packageOf(input);
    if (name) packages.add(name);
  }
  return { handler, file, bytes: statSync(file).size, packages: [...packages].sort(), inputs };
}

export const HANDLERS = Object.keys(HANDLER_ENTRIES) as HandlerName[];
