/**
 * Loading the registry of wards and sources. A broken file is reported as one
 * `WardfeedError('registry')` naming the file, the entry and the field.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WardfeedError } from '../errors.ts';
import { loadConfig } from '../config.ts';
import { RegistryFileSchema, crossCheck, type RegistryCheckOptions, type RegistryIssue } from './schema.ts';
import { jsonErrorPosition } from './json-position.ts';
import type { Registry, Source, Ward } from './types.ts';
import { loadUnits, type NationalUnits } from './units.ts';

export type { Registry, Source, Ward, FetchOptions, WardStatus } from './types.ts';
export { assignWards } from './assign.ts';
export { NationalUnits, loadUnits } from './units.ts';

/** More than this many problems are summarised as "… and N more". */
const MAX_LISTED = 8;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** `sources[2] (id "longbien-hoat-dong"): listUrls[0]: not an absolute http(s) URL` */
function describe(issue: RegistryIssue, data: unknown): string {
  const [top, index, ...rest] = issue.path;
  let entry: string;
  let fieldPath: (string | number)[];
  if (typeof top === 'string' && typeof index === 'number') {
    const id = valueAt(data, [top, index, 'id']);
    entry = `${top}[${index}]${typeof id === 'string' && id ? ` (id "${id}")` : ''}`;
    fieldPath = rest;
  } else {
    entry = top === undefined ? 'top level' : String(top);
    fieldPath = top === undefined ? [] : issue.path.slice(1);
  }
  const field = fieldPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return `${entry}: ${field ? `${field}: ` : ''}${issue.message}`;
}

function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string; keys?: readonly string[]; expected?: unknown; values?: readonly unknown[] }[] }, data: unknown): RegistryIssue[] {
  return error.issues.map((i) => {
    const path = i.path.filter((k): k is string | number => typeof k !== 'symbol');
    let message = i.message;
    if (i.code === 'invalid_type') {
      const actual = valueAt(data, path);
      message = actual === undefined ? `missing (expected ${String(i.expected)})` : `expected ${String(i.expected)}, got ${typeName(actual)}`;
    } else if (i.code === 'unrecognized_keys' && i.keys) {
      message = `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (i.code === 'invalid_value' && i.values) {
      message = `must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(valueAt(data, path))}`;
    }
    return { path, message };
  });
}

function fail(file: string, issues: RegistryIssue[], data: unknown): never {
  const lines = issues.slice(0, MAX_LISTED).map((i) => describe(i, data));
  const more = issues.length > MAX_LISTED ? `\n  … and ${issues.length - MAX_LISTED} more` : '';
  const message =
    issues.length === 1
      ? `registry ${file}: ${lines[0]}`
      : `registry ${file}: ${issues.length} problems:\n  ${lines.join('\n  ')}${more}`;
  throw new WardfeedError('registry', message, { hint: 'fix the registry file and run again' });
}

/** Validates already-parsed registry data. `file` is only used in messages and kept on the result. */
export function parseRegistry(data: unknown, file: string, opts: RegistryCheckOptions = {}): Registry {
  const parsed = RegistryFileSchema.safeParse(data);
  if (!parsed.success) fail(file, zodIssues(parsed.error, data), data);
  const units = parsed.data.units === undefined ? undefined : loadUnits(resolve(dirname(file), parsed.data.units));
  const issues = crossCheck(parsed.data, { ...opts, ...(units ? { knownWard: (id: string) => units.get(id) !== undefined } : {}) });
  if (issues.length > 0) fail(file, issues, data);
  // Drop absent optional keys so that the result is the same whatever the file's key order.
  const fileWards: Ward[] = parsed.data.wards.map((w) => ({ ...w }));
  const sources: Source[] = parsed.data.sources.map((s) => ({ ...s }));
  const wards = units ? withNationalUnits(units, fileWards) : fileWards;
  return { file, wards, sources, ...(units ? { units } : {}) };
}

/**
 * Every unit of the national list, current first; a ward of the file with the same id is the
 * national entry with the file's fields on top (status, successor, note, aliases).
 */
function withNationalUnits(units: NationalUnits, fileWards: Ward[]): Ward[] {
  const own = new Map(fileWards.map((w) => [w.id, w]));
  const wards = [...units.current, ...units.legacy].map((w) => {
    const o = own.get(w.id);
    if (!o) return w;
    own.delete(w.id);
    return { ...w, ...o };
  });
  return [...wards, ...own.values()];
}

/** Reads and validates the registry file (default: `loadConfig().registryFile`). */
export function loadRegistry(file: string = loadConfig().registryFile, opts: RegistryCheckOptions = {}): Registry {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WardfeedError('registry', `registry ${file}: cannot read the file (${code ?? String(e)})`, {
      cause: e,
      hint: 'set WARDFEED_REGISTRY to the registry file',
    });
  }
  const text = raw.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const { line, column, reason } = jsonErrorPosition(text);
    throw new WardfeedError('registry', `registry ${file}: invalid JSON at line ${line}, column ${column}: ${reason}`, { cause: e });
  }
  return parseRegistry(data, file, opts);
}

/**
 * The sources a crawl should visit: all, or those covering the asked wards (a district-wide
 * source counts when it covers one of them). Unverified sources are skipped with a reason.
 */
export function crawlable(
  registry: Registry,
  opts: { wardIds?: string[] } = {},
): { sources: Source[]; skipped: { source: Source; reason: string }[] } {
  let wanted: Set<string> | undefined;
  if (opts.wardIds && opts.wardIds.length > 0) {
    const unknown = opts.wardIds.filter((id) => !findWard(registry, id));
    if (unknown.length > 0) {
      const known = registry.wards.map((w) => w.id);
      throw new WardfeedError('bad-request', `unknown ward ${unknown.map((id) => `"${id}"`).join(', ')}`, {
        hint: known.length <= 50 ? `known wards: ${known.sort().join(', ')}` : 'ward ids are listed on the web index and by `wardfeed status`',
      });
    }
    wanted = new Set(opts.wardIds);
  }
  const sources: Source[] = [];
  const skipped: { source: Source; reason: string }[] = [];
  for (const source of registry.sources) {
    if (wanted && !sourceWardIds(source).some((id) => wanted.has(id))) continue;
    if (!source.verified) {
      skipped.push({ source, reason: `source "${source.id}" is unverified${source.note ? `: ${source.note}` : ''}` });
      continue;
    }
    sources.push(source);
  }
  return { sources, skipped };
}

/** The wards a source covers. */
export function sourceWardIds(source: Source): string[] {
  return source.ward !== undefined ? [source.ward] : [...(source.wardsByName ?? [])];
}

const wardMaps = new WeakMap<Registry, Map<string, Ward>>();

export function findWard(registry: Registry, id: string): Ward | undefined {
  let byId = wardMaps.get(registry);
  if (!byId || byId.size !== registry.wards.length) {
    byId = new Map(registry.wards.map((w) => [w.id, w]));
    wardMaps.set(registry, byId);
  }
  return byId.get(id);
}
