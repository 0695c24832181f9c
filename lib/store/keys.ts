/**
 * The single-table key layout (see "Storage keys" in the README).
 *
 *   article        pk A#<id>                 sk A
 *   feed entry     pk W#<wardId>             sk <publishedAt UTC>#<id>   one partition per ward
 *                  pk P#<province>#<month>   sk …                        aggregates: one partition
 *                  pk D#<province>#<district>#<month>  sk …              per scope and month
 *                  pk ALL#<month>            sk …
 *   month list     pk M#<scope>              sk <month>                  which months a scope holds
 *   crawl state    pk CRAWL                  sk <sourceId>
 *   GSI1 (keys)    gsi1pk SRC#<sourceId>     gsi1sk <lastCheckedAt UTC>#<id>
 */
import { WardfeedError } from '../errors.ts';
import { trimChar } from '../text/index.ts';
import type { Scope } from './types.ts';

export const ARTICLE_SK = 'A';
export const CRAWL_PK = 'CRAWL';
export const GSI1 = 'gsi1';

export const articlePk = (id: string): string => `A#${id}`;

/**
 * Fixed-width UTC form of an instant, so that string order is time order whatever offset the
 * page gave (`+07:00`, `Z`, …).
 */
export function utcInstant(iso: string, field = 'instant'): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new WardfeedError('bad-request', `${field} is not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  const out = new Date(ms).toISOString();
  if (out.length !== 24) throw new WardfeedError('bad-request', `${field} is out of range: ${JSON.stringify(iso)}`);
  return out;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A `from` bound; a bare date means the start of that day in Vietnam time. */
export function fromBound(from: string): string {
  return utcInstant(DATE_ONLY.test(from) ? `${from}T00:00:00.000+07:00` : from, 'from');
}

/** A `to` bound, inclusive; a bare date means the end of that day in Vietnam time. */
export function toBound(to: string): string {
  return utcInstant(DATE_ONLY.test(to) ? `${to}T23:59:59.999+07:00` : to, 'to');
}

/** Sort key of a feed entry: newest first is descending order; the id breaks ties deterministically. */
export const entrySk = (publishedUtc: string, id: string): string => `${publishedUtc}#${id}`;
/** Above every `<instant>#<id>` with that instant (`~` sorts after hex digits). */
export const entrySkUpper = (utc: string): string => `${utc}#~`;

/** Aggregate partitions are split by month of publication (UTC), so no partition grows hot or without end. */
export const monthOf = (utcOrSk: string): string => utcOrSk.slice(0, 7);

/**
 * Scope names in keys are folded (no diacritics, lower case, dashes), so `Thành phố Hà Nội`
 * and `thanh-pho-ha-noi` name the same partition.
 */
export function foldName(name: string): string {
  return trimChar(
    name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-'),
    '-',
  );
}

/** Aggregate scope id of a province, or undefined when the name folds to nothing. */
export function provinceScopeId(province: string): string | undefined {
  const f = foldName(province);
  return f ? `P#${f}` : undefined;
}

/**
 * Aggregate scope id of a legacy district. Legacy district names repeat across provinces
 * ("Huyện Châu Thành" exists in ten), so a district is always keyed with its province.
 */
export function districtScopeId(province: string, district: string): string | undefined {
  const p = foldName(province);
  const d = foldName(district);
  return p && d ? `D#${p}#${d}` : undefined;
}

/**
 * Scope id as stored on articles and in cursors: `W#<ward>`, `P#<province>`,
 * `D#<province>#<district>`, `ALL`.
 */
export function scopeId(scope: Scope): string {
  switch (scope.kind) {
    case 'ward':
      if (!scope.wardId) throw new WardfeedError('bad-request', 'ward id is empty');
      return `W#${scope.wardId}`;
    case 'province': {
      const id = provinceScopeId(scope.province ?? '');
      if (!id) throw new WardfeedError('bad-request', 'province is empty');
      return id;
    }
    case 'district': {
      if (!foldName(scope.province ?? '')) throw new WardfeedError('bad-request', 'district scope needs its province');
      const id = districtScopeId(scope.province ?? '', scope.district ?? '');
      if (!id) throw new WardfeedError('bad-request', 'district is empty');
      return id;
    }
    case 'all':
      return 'ALL';
    default:
      throw new WardfeedError('bad-request', `unknown scope kind ${JSON.stringify((scope as { kind?: unknown }).kind)}`);
  }
}

/** Ward feeds live in one partition; aggregate scopes in one partition per month. */
export const isBucketed = (scope: string): boolean => !scope.startsWith('W#');

export const entryPk = (scope: string, month: string): string => (isBucketed(scope) ? `${scope}#${month}` : scope);
export const monthListPk = (scope: string): string => `M#${scope}`;

export const sourcePk = (sourceId: string): string => `SRC#${sourceId}`;
export const checkedSk = (checkedUtc: string, id: string): string => `${checkedUtc}#${id}`;

/** Where a listing resumes: the scope it belongs to, and the month and sort key to continue below. */
export interface CursorState {
  scope: string;
  /** Month to resume in (aggregates). */
  month?: string;
  /** Resume strictly below this sort key; absent means from the top of `month`. */
  sk?: string;
}

export function encodeCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify({ v: 1, s: c.scope, m: c.month, k: c.sk }), 'utf8').toString('base64url');
}

/** A feed entry's sort key as written (`entrySk`): a fixed-width UTC instant, `#`, the article id. */
const ENTRY_SK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[\w-]{1,100}$/;
const MONTH = /^\d{4}-\d{2}$/;

/**
 * A cursor back into its state. Only shapes this store writes pass: a ward's sort key, or an
 * aggregate's month with an entry of that month (or the month itself); anything else would
 * reach DynamoDB as a key it refuses, which is the caller's mistake, not an outage.
 */
export function decodeCursor(cursor: string, scope: string): CursorState {
  const refused = () => new WardfeedError('bad-request', 'cursor is not one this service issued');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  const r = raw as { v?: unknown; s?: unknown; m?: unknown; k?: unknown };
  if (!r || typeof r !== 'object' || r.v !== 1 || typeof r.s !== 'string') throw refused();
  if (r.s !== scope) throw new WardfeedError('bad-request', 'cursor belongs to another feed');
  const month = r.m;
  const sk = r.k;
  if (month !== undefined && (typeof month !== 'string' || !MONTH.test(month))) throw refused();
  if (sk !== undefined && (typeof sk !== 'string' || !(ENTRY_SK.test(sk) || (sk === month && month !== undefined)))) throw refused();
  if (isBucketed(scope)) {
    if (sk !== undefined && (month === undefined || monthOf(sk) !== month)) throw refused();
  } else if (month !== undefined || sk === undefined) {
    throw refused();
  }
  return { scope: r.s, month, sk };
}
