/**
 * The CLI prints wardfeed's own lines only: library warnings (the AWS SDK's Node-version notice on
 * Node 20) stay off stderr unless asked for with --verbose, and then appear once. Child processes
 * as a user runs them, each on its own embedded store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWardfeed, type CliResult } from '../helpers/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'wardfeed-quiet-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function wardfeed(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DYNAMODB_ENDPOINT', 'WARDFEED_DEBUG', 'NODE_OPTIONS']) delete env[k];
  Object.assign(env, { WARDFEED_DATA_DIR: dataDir }, extraEnv);
  return runWardfeed(args, { env });
}

/** The AWS SDK (v3) warns once per process on Node before 22. */
const sdkWarnings = Number(process.versions.node.split('.')[0]) < 22 ? 1 : 0;
const count = (text: string, word: string) => text.split(word).length - 1;

describe('a quiet CLI', () => {
  it('status prints its table and nothing on stderr', async () => {
    const r = await wardfeed(['status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^source\s+family\s+listing\s+last success/);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('query prints its articles and nothing on stderr', async () => {
    const r = await wardfeed(['query', '--format', 'ndjson']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('--verbose and WARDFEED_DEBUG=1 show each library warning once', async () => {
    for (const r of [await wardfeed(['status', '--verbose']), await wardfeed(['status'], { WARDFEED_DEBUG: '1' })]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^source\s+family\s+listing\s+last success/);
      expect(count(r.stderr, 'NodeVersionSupportWarning')).toBe(sdkWarnings);
      expect(count(r.stderr, 'wardfeed: library warning:')).toBe(sdkWarnings);
    }
  }, 120_000);
});
