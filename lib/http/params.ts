/**
 * Parameters of the query API, the feeds and `wardfeed query`: one validation for all three,
 * so the same input gets the same answer over HTTP and on the command line.
 */
import * as z from 'zod';
import { WardfeedError } from '../errors.ts';
import type { Registry, Ward } from '../registry/types.ts';
import { findWard as findRegistryWard } from '../registry/index.ts';
import type { Scope } from '../store/types.ts';
import { searchKey, slugify } from '../text/index.ts';
import { districtPath, matchDistricts, type District } from './districts.ts';

/** A client parameter that cannot be used; answered 400 `{error:'bad-parameter', parameter}`. */
export class BadParameterError extends WardfeedError {
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super('bad-request', `${parameter}: ${message}`);
    this.parameter = parameter;
  }
}

/** A bare district name that several provinces have; answered 400 with the addresses to use. */
export class AmbiguousDistrictError extends BadParameterError {
  readonly candidates: string[];
  constructor(parameter: string, value: string, hits: District[]) {
    const candidates = hits.map(districtPath);
    super(parameter, `"${value}" names a district in ${hits.length} provinces; use <province-slug>/<district-slug>: ${candidates.join(', ')}`);
    this.candidates = candidates;
  }
}

/** A ward, province or district the registry does not know; answered 404. */
export class UnknownPlaceError extends WardfeedError {
  readonly code: 'unknown-ward' | 'unknown-province' | 'unknown-district';
  constructor(code: UnknownPlaceError['code'], message: string) {
    super('not-found', message);
    this.code = code;
  }
}

/** Every parameter as the list of its values (query strings repeat keys; so does the CLI). */
export type RawParams = Record<string, string[] | undefined>;

/** Parameters each kind of address takes; any other is refused, so no `?x=<random>` escapes the CDN cache. */
export const FEED_PARAMS = ['limit', 'q'] as const;
export const ARTICLE_PARAMS = ['ward', 'province', 'district', 'from', 'to', 'q', 'limit', 'cursor', 'format', 'bom'] as const;

export function refuseUnknownParams(raw: RawParams, allowed: readonly string[]): void {
  for (const name of Object.keys(raw)) {
    if (!allowed.includes(name)) throw new BadParameterError(name.slice(0, 100), allowed.length ? `unknown parameter (expected ${allowed.join(', ')})` : 'this address takes no parameters');
  }
}

export const LIMIT_DEFAULT = 30;
export const LIMIT_MAX = 100;
export const Q_MAX_LENGTH = 200;
export const WARDS_MAX = 20;
export const CURSOR_MAX_LENGTH = 4000;
export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const dateParam = z
  .string()
  .max(40, 'too long')
  .refine((s) => DATE_ONLY.test(s) || DATE_TIME.test(s), 'expected YYYY-MM-DD or an ISO 8601 instant with offset')
  .refine((s) => {
    const ms = Date.parse(DATE_ONLY.test(s) ? `${s}T00:00:00+07:00` : s);
    // Round-trip the calendar date so 2021-02-30 is refused rather than rolled over.
    if (!Number.isFinite(ms)) return false;
    const [y, m, d] = s.slice(0, 10).split('-').map(Number);
    const check = new Date(Date.UTC(y, m - 1, d));
    return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d && y >= 1990 && y <= 2100;
  }, 'not a real date between 1990 and 2100');

const limitParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `expected 1 to ${max}`);

const qParam = z
  .string()
  .max(Q_MAX_LENGTH, `at most ${Q_MAX_LENGTH} characters`)
  .refine((s) => searchKey(s).length > 0, 'needs at least one letter or digit');

const formatParam = z.enum(OUTPUT_FORMATS, { message: `expected ${OUTPUT_FORMATS.join(', ')}` });

const idParam = z.string().max(100, 'too long').regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a slug (a-z, 0-9, -)');

function single(raw: RawParams, name: string): string | undefined {
  const v = raw[name];
  if (!v || v.length === 0) return undefined;
  if (v.length > 1) throw new BadParameterError(name, 'given more than once');
  return v[0];
}

function check<T>(name: string, schema: z.ZodType<T, string>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw new BadParameterError(name, r.error.issues[0]?.message ?? 'invalid');
  return r.data;
}

export interface FeedParams {
  limit: number;
  /** The search text as given (folded when matched). */
  q?: string;
}

export function parseFeedParams(raw: RawParams): FeedParams {
  const limit = check('limit', limitParam(LIMIT_MAX), single(raw, 'limit')) ?? LIMIT_DEFAULT;
  const q = check('q', qParam, single(raw, 'q'));
  return { limit, ...(q !== undefined ? { q } : {}) };
}

export interface ArticleQuery extends FeedParams {
  /** Places asked for; their articles are combined (union). Empty: every ward. */
  scopes: Scope[];
  from?: string;
  to?: string;
  cursor?: string;
  format: OutputFormat;
  /** `bom=1`: start CSV with a UTF-8 byte-order mark (for spreadsheet programs). */
  bom: boolean;
}

export function parseArticleQuery(raw: RawParams, registry: Registry, opts: { maxLimit?: number } = {}): ArticleQuery {
  const limit = check('limit', limitParam(opts.maxLimit ?? LIMIT_MAX), single(raw, 'limit')) ?? LIMIT_DEFAULT;
  const q = check('q', qParam, single(raw, 'q'));
  const from = check('from', dateParam, single(raw, 'from'));
  const to = check('to', dateParam, single(raw, 'to'));
  if (from && to && Date.parse(boundInstant(from, 'from')) > Date.parse(boundInstant(to, 'to'))) {
    throw new BadParameterError('to', 'is before from');
  }
  const cursor = single(raw, 'cursor');
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_.-]+$/.test(cursor))) {
    throw new BadParameterError('cursor', 'is not one this service issued');
  }
  const format = check('format', formatParam, single(raw, 'format')) ?? 'json';
  const bomRaw = single(raw, 'bom');
  if (bomRaw !== undefined && bomRaw !== '0' && bomRaw !== '1') throw new BadParameterError('bom', 'expected 0 or 1');

  const scopes: Scope[] = [];
  const wardIds = raw.ward ?? [];
  if (wardIds.length > WARDS_MAX) throw new BadParameterError('ward', `at most ${WARDS_MAX} wards`);
  for (const w of wardIds) {
    const id = check('ward', idParam, w)!;
    findWard(registry, id);
    if (!scopes.some((s) => s.kind === 'ward' && s.wardId === id)) scopes.push({ kind: 'ward', wardId: id });
  }
  const province = single(raw, 'province');
  if (province !== undefined) scopes.push({ kind: 'province', province: findProvince(registry, checkName('province', province)) });
  const district = single(raw, 'district');
  if (district !== undefined) {
    const d = findDistrict(registry, checkName('district', district));
    scopes.push({ kind: 'district', province: d.province, district: d.district });
  }

  return {
    scopes: scopes.length ? scopes : [{ kind: 'all' }],
    limit,
    ...(q !== undefined ? { q } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    format,
    bom: bomRaw === '1',
  };
}

function checkName(parameter: string, value: string): string {
  if (value.length === 0 || value.length > 200) throw new BadParameterError(parameter, 'expected a name or slug of 1 to 200 characters');
  return value;
}

/** The instant a `from`/`to` value stands for; a bare date covers the whole day in Vietnam time. */
export function boundInstant(value: string, side: 'from' | 'to'): string {
  if (!DATE_ONLY.test(value)) return value;
  return side === 'from' ? `${value}T00:00:00.000+07:00` : `${value}T23:59:59.999+07:00`;
}

export function findWard(registry: Registry, id: string): Ward {
  const w = findRegistryWard(registry, id);
  if (!w) throw new UnknownPlaceError('unknown-ward', `no ward "${id}" in the registry`);
  return w;
}

/** Provinces and districts are named by slug (`thanh-pho-ha-noi`) or by their name. */
export function findProvince(registry: Registry, nameOrSlug: string): string {
  const slug = slugify(nameOrSlug);
  const hit = registry.wards.find((w) => w.province === nameOrSlug || slugify(w.province) === slug);
  if (!hit || !slug) throw new UnknownPlaceError('unknown-province', `no province "${nameOrSlug}" in the registry`);
  return hit.province;
}

/**
 * A legacy district, as `<province>/<district>` (slugs or names) or as a bare district slug or
 * name that only one province has; a bare name several provinces share is refused, naming them.
 */
export function findDistrict(registry: Registry, value: string): District {
  const hits = matchDistricts(registry, value);
  if (hits.length === 0) {
    throw new UnknownPlaceError('unknown-district', `no district "${value}" in the registry (expected <province-slug>/<district-slug>)`);
  }
  if (hits.length > 1) throw new AmbiguousDistrictError('district', value, hits);
  return hits[0];
}
