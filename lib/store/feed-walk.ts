/**
 * Reading feed entries (keys only) newest first within a Query budget: one partition for a ward
 * feed, or an aggregate scope's months, each one partition. The store fetches the articles behind
 * the entries; the key layout is in `keys.ts`.
 */
import type { QueryCommandInput, QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { entryPk, monthListPk, monthOf, type CursorState } from './keys.ts';

/** One Query on the articles table (the caller supplies the table name). */
export type TableQuery = (input: Omit<QueryCommandInput, 'TableName'>) => Promise<QueryCommandOutput>;

export const MAX_LIST_LIMIT = 1000;
/**
 * Upper bound on Query calls behind one `list`, whatever the table size: a few months of an
 * aggregate feed, more for big pages. A page cut short by it still carries a cursor.
 */
export const queryBudget = (limit: number) => 10 + Math.ceil(limit / 50);
/** Extra entries asked for when removed ones are filtered out, so one Query usually suffices. */
const FILTER_SLACK = 8;
/** Months read per month-list Query for aggregate feeds. */
const MONTH_PAGE = 12;

export interface Entry {
  id: string;
  sk: string;
  /** The article's version (`ver`) when the entry was written; absent on entries written before it was kept. */
  v?: number;
}

export interface WalkResult {
  entries: Entry[];
  /** Resume strictly below this sort key; absent when the partition (within bounds) is exhausted. */
  resume?: string;
  queries: number;
}

/** What a walk reads: sort keys within inclusive bounds, removed entries or not. */
export interface WalkBounds {
  lo?: string;
  hi?: string;
  includeRemoved: boolean;
}

export interface PartitionWalk extends WalkBounds {
  pk: string;
  /** Resume strictly below this sort key (a cursor). */
  after?: string;
  want: number;
  maxQueries: number;
}

/** Reads feed entries of one partition newest first, at most `maxQueries` Query calls. */
export async function walkPartition(query: TableQuery, walk: PartitionWalk): Promise<WalkResult> {
  const { pk, lo, hi, after, want, includeRemoved, maxQueries } = walk;
  const entries: Entry[] = [];
  // The cursor becomes the inclusive upper bound plus ExclusiveStartKey: DynamoDB refuses a
  // start key outside the key condition's range.
  const resumeFrom = after !== undefined && (hi === undefined || after < hi) ? after : undefined;
  const upper = resumeFrom ?? hi;
  if (lo !== undefined && upper !== undefined && lo > upper) return { entries, queries: 0 };
  let start: Record<string, unknown> | undefined = resumeFrom ? { pk, sk: resumeFrom } : undefined;
  let queries = 0;
  const range = sortKeyRange(pk, lo, upper);
  for (;;) {
    if (queries >= maxQueries) {
      const last = (start?.sk as string | undefined) ?? after;
      return { entries, resume: last, queries };
    }
    const need = want - entries.length;
    const r = await query({
      ...range,
      ScanIndexForward: false,
      Limit: Math.min(MAX_LIST_LIMIT, includeRemoved ? need : need + FILTER_SLACK),
      ...(includeRemoved ? {} : { FilterExpression: 'attribute_not_exists(rm)' }),
      ProjectionExpression: 'pk, sk, id, v',
      ExclusiveStartKey: start,
    });
    queries++;
    const items = r.Items ?? [];
    let taken = 0;
    for (const i of items) {
      if (entries.length >= want) break;
      entries.push({ id: String(i.id), sk: String(i.sk), ...(typeof i.v === 'number' ? { v: i.v } : {}) });
      taken++;
    }
    if (entries.length >= want) {
      const more = taken < items.length || r.LastEvaluatedKey !== undefined;
      return more ? { entries, resume: entries[entries.length - 1].sk, queries } : { entries, queries };
    }
    if (!r.LastEvaluatedKey) return { entries, queries };
    start = r.LastEvaluatedKey;
  }
}

export interface MonthsWalk extends WalkBounds {
  /** Aggregate scope id. */
  sid: string;
  cursor?: CursorState;
  limit: number;
}

export interface MonthsResult {
  entries: Entry[];
  /** Where the next page starts; absent when the scope (within bounds) is exhausted. */
  next?: CursorState;
}

/** Aggregate scopes: walk the scope's months newest first, each one partition, within a Query budget. */
export async function walkMonths(query: TableQuery, walk: MonthsWalk): Promise<MonthsResult> {
  const picked: Entry[] = [];
  const next = await walkMonthsInto(query, walk, picked);
  return next ? { entries: picked, next } : { entries: picked };
}

async function walkMonthsInto(query: TableQuery, walk: MonthsWalk, picked: Entry[]): Promise<CursorState | undefined> {
  const { sid, lo, hi, cursor, limit, includeRemoved } = walk;
  let budget = queryBudget(limit);
  const loMonth = lo ? monthOf(lo) : undefined;
  let hiMonth = hi ? monthOf(hi) : undefined;
  if (cursor?.month && (!hiMonth || cursor.month < hiMonth)) hiMonth = cursor.month;
  if (loMonth && hiMonth && loMonth > hiMonth) return undefined;
  const range = sortKeyRange(monthListPk(sid), loMonth, hiMonth);
  let start: Record<string, unknown> | undefined;
  // Everything newer than `pos` has been examined; `{ month: m, sk: m }` means all of month m
  // (every sort key of month m sorts above the bare month).
  let pos: CursorState | undefined;
  for (;;) {
    if (budget <= 0) return pos;
    const r = await query({
      ...range,
      ScanIndexForward: false,
      Limit: MONTH_PAGE,
      ExclusiveStartKey: start,
    });
    budget--;
    const months = (r.Items ?? []).map((i) => String(i.sk));
    for (let n = 0; n < months.length; n++) {
      const month = months[n];
      const after = cursor?.month === month ? cursor.sk : undefined;
      if (after === month) continue;
      if (budget <= 0) return pos ?? { scope: sid, month: nextNewer(month) };
      const w = await walkPartition(query, { pk: entryPk(sid, month), lo, hi, after, want: limit - picked.length, includeRemoved, maxQueries: budget });
      budget -= w.queries;
      picked.push(...w.entries);
      if (w.resume) return { scope: sid, month, sk: w.resume };
      pos = { scope: sid, month, sk: month };
      const olderLeft = n < months.length - 1 || r.LastEvaluatedKey !== undefined;
      if (picked.length >= limit) return olderLeft ? pos : undefined;
    }
    if (!r.LastEvaluatedKey) return undefined;
    start = r.LastEvaluatedKey;
  }
}

/** Key condition for one partition, its sort keys within the inclusive bounds given. */
function sortKeyRange(pk: string, lo: string | undefined, hi: string | undefined) {
  const values: Record<string, unknown> = { ':pk': pk };
  let cond = 'pk = :pk';
  if (lo !== undefined && hi !== undefined) {
    cond += ' AND sk BETWEEN :lo AND :hi';
    Object.assign(values, { ':lo': lo, ':hi': hi });
  } else if (lo !== undefined) {
    cond += ' AND sk >= :lo';
    values[':lo'] = lo;
  } else if (hi !== undefined) {
    cond += ' AND sk <= :hi';
    values[':hi'] = hi;
  }
  return { KeyConditionExpression: cond, ExpressionAttributeValues: values };
}

/** The month after `month` (`YYYY-MM`): a cursor there resumes with `month` from its top. */
function nextNewer(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}
