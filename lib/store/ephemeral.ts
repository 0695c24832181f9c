/**
 * A throwaway store: the endpoint of `DYNAMODB_ENDPOINT` when set (with a table of its own, so
 * runs never meet), else an in-memory embedded DynamoDB. For tests, benchmarks and the demo.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.ts';
import type { Registry } from '../registry/types.ts';
import { openStore, type OpenedStore } from './index.ts';

export async function openEphemeralStore(opts: { registry?: Registry; tablePrefix?: string } = {}): Promise<OpenedStore> {
  const config = loadConfig();
  const tableName = `${opts.tablePrefix ?? 'wardfeed-test'}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return openStore({ ...config, tableName }, { registry: opts.registry, inMemory: true, ensureTable: true });
}
