/**
 * One DynamoDB table as the store uses it: its creation, the calls it makes (counted, with read
 * units), batches cut to DynamoDB's sizes and retried while items come back unprocessed, and
 * every SDK failure turned into a `WardfeedError` of kind `store`. It knows nothing of articles.
 */
import { backoffMs, sleep } from '../async.ts';
import { WardfeedError } from '../errors.ts';
import { TABLE_LAYOUT } from './schema.ts';
import {
  BatchGetCommand,
  BatchWriteCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type QueryCommandInput,
  type TableDescription,
} from './sdk.ts';

/** DynamoDB calls made through the store's client, by kind (tests and benchmarks read these). */
export interface StoreStats {
  /** GetItem, BatchGetItem. */
  reads: number;
  /** PutItem, UpdateItem, DeleteItem, BatchWriteItem. */
  writes: number;
  /** Query, Scan. */
  queries: number;
  /** Every call, table management included. */
  calls: number;
  /** Read capacity units consumed by reads and queries, as DynamoDB reports them. */
  readUnits: number;
}

export type Key = { pk: string; sk: string };
export type Item = Record<string, unknown>;
/** A BatchWriteItem request: put an item or delete a key. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };
/** A Query on this table: everything but the table's name. */
export type TableQueryInput = Omit<QueryCommandInput, 'TableName'>;

const BATCH_GET_MAX = 100;
const BATCH_WRITE_MAX = 25;
const BATCH_RETRIES = 8;
/** Unprocessed-item retries: full jitter under 25 ms * 2^attempt, at most 2 s (the crawler's own backoff). */
const backoff = (attempt: number) => backoffMs(attempt, 25, 2000);

let tableCounter = 0;

export class Table {
  readonly stats: StoreStats = { reads: 0, writes: 0, queries: 0, calls: 0, readUnits: 0 };
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly client: DynamoDBClient,
    readonly name: string,
  ) {
    if (!name) throw new WardfeedError('store', 'table name is empty');
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
      unmarshallOptions: { wrapNumbers: false },
    });
    const stats = this.stats;
    // Counted on the client's own stack, so every call is seen, whichever command class sent it.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const op = String(context.commandName ?? '').replace(/Command$/, '');
        stats.calls++;
        const read = op === 'GetItem' || op === 'BatchGetItem' || op === 'Query' || op === 'Scan';
        if (op === 'GetItem' || op === 'BatchGetItem') stats.reads++;
        else if (op === 'PutItem' || op === 'UpdateItem' || op === 'DeleteItem' || op === 'BatchWriteItem') stats.writes++;
        else if (op === 'Query' || op === 'Scan') stats.queries++;
        // Reads report what they cost (read units are what DynamoDB bills); it costs nothing to ask.
        if (read) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
        const result = await next(args);
        if (read) stats.readUnits += consumedUnits((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      },
      { step: 'initialize', name: `wardfeedStoreStats${++tableCounter}` },
    );
  }

  /** Creates the table with the stack's layout when missing, and waits until it and its index are active. */
  async ensure(requiredIndex: string): Promise<void> {
    let table = await this.describe();
    if (!table) {
      try {
        await this.client.send(
          new CreateTableCommand({
            TableName: this.name,
            BillingMode: 'PAY_PER_REQUEST',
            // The same layout the CDK stack deploys.
            ...(structuredClone(TABLE_LAYOUT) as unknown as Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes'>),
          }),
        );
      } catch (e) {
        // Another process created it first: fine, wait for it below.
        if ((e as { name?: string }).name !== 'ResourceInUseException') throw storeError('CreateTable', e);
      }
    }
    const deadline = Date.now() + 5 * 60_000;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      table = await this.describe();
      const ready =
        table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
      if (ready) break;
      if (Date.now() > deadline) throw new WardfeedError('store', `table ${this.name} did not become ACTIVE within 5 minutes`);
      await sleep(delay);
    }
    if (!(table?.GlobalSecondaryIndexes ?? []).some((g) => g.IndexName === requiredIndex)) {
      throw new WardfeedError('store', `table ${this.name} exists without the ${requiredIndex} index`, {
        hint: 'create the table with the CDK stack or let wardfeed create it (delete the old table locally)',
      });
    }
  }

  private async describe(): Promise<TableDescription | undefined> {
    try {
      const r = await this.client.send(new DescribeTableCommand({ TableName: this.name }));
      return r.Table;
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw storeError('DescribeTable', e);
    }
  }

  async get(key: Key, opts: { consistent?: boolean; projection?: string } = {}): Promise<Item | undefined> {
    const r = await this.send('GetItem', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.name,
          Key: key,
          ...(opts.consistent ? { ConsistentRead: true } : {}),
          ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
        }),
      ),
    );
    return r.Item;
  }

  async put(item: Item): Promise<void> {
    await this.send('PutItem', () => this.doc.send(new PutCommand({ TableName: this.name, Item: item })));
  }

  /** A put under a condition: false when the condition did not hold. */
  async putIf(item: Item, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.send(
        'PutItem',
        () => this.doc.send(new PutCommand({ TableName: this.name, Item: item, ConditionExpression: condition, ExpressionAttributeValues: values })),
        true,
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  /** An update of an item that must exist (a missing one is `not-found`). */
  async updateExisting(key: Key, expression: string, values: Record<string, unknown>): Promise<void> {
    await this.send('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.name,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async query(input: TableQueryInput) {
    return this.send('Query', () => this.doc.send(new QueryCommand({ ...input, TableName: this.name })));
  }

  /** Every page of a Query, following LastEvaluatedKey; leaving the loop early stops it. */
  async *queryPages(input: Omit<TableQueryInput, 'ExclusiveStartKey'>) {
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.query({ ...input, ExclusiveStartKey: start });
      yield r;
      start = r.LastEvaluatedKey;
    } while (start);
  }

  async count(input: Omit<TableQueryInput, 'ExclusiveStartKey' | 'Select'>): Promise<number> {
    let count = 0;
    for await (const r of this.queryPages({ ...input, Select: 'COUNT' })) count += r.Count ?? 0;
    return count;
  }

  /** Writes in batches of 25, `concurrency` batches in flight, retrying unprocessed items with backoff; a key given twice is written once. */
  async batchWrite(requests: WriteRequest[], concurrency = 1): Promise<void> {
    const seen = new Set<string>();
    const unique = requests.filter((r) => {
      const key = keyString('PutRequest' in r ? (r.PutRequest.Item) : r.DeleteRequest.Key);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_WRITE_MAX) batches.push(unique.slice(i, i + BATCH_WRITE_MAX));
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < batches.length && !failed) {
        let pending: unknown[] = batches[next++];
        for (let attempt = 0; pending.length; attempt++) {
          if (attempt > BATCH_RETRIES) throw new WardfeedError('store', `BatchWriteItem: ${pending.length} writes still unprocessed after retries`);
          if (attempt) await sleep(backoff(attempt));
          const batch = pending as WriteRequest[];
          const r = await this.send('BatchWriteItem', () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.name]: batch } })));
          pending = r.UnprocessedItems?.[this.name] ?? [];
        }
      }
    };
    const guarded = () => worker().catch((e) => {
      failed = true; // the other workers stop after their current batch
      throw e;
    });
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, guarded));
  }

  /** The items at these keys (those that exist, in no particular order), 100 keys a call. */
  async batchGet(keys: Key[], projection?: string[]): Promise<Item[]> {
    const out: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let pending: Record<string, unknown>[] = keys.slice(i, i + BATCH_GET_MAX);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > BATCH_RETRIES) throw new WardfeedError('store', `BatchGetItem: ${pending.length} reads still unprocessed after retries`);
        if (attempt) await sleep(backoff(attempt));
        const batch = pending;
        const r = await this.send('BatchGetItem', () =>
          this.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [this.name]: {
                  Keys: batch,
                  ...(projection
                    ? {
                        ProjectionExpression: projection.map((_, n) => `#p${n}`).join(', '),
                        ExpressionAttributeNames: Object.fromEntries(projection.map((p, n) => [`#p${n}`, p])),
                      }
                    : {}),
                },
              },
            }),
          ),
        );
        out.push(...(r.Responses?.[this.name] ?? []));
        pending = (r.UnprocessedKeys?.[this.name]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return out;
  }

  /** Every SDK failure leaves the store as a WardfeedError of kind `store`. */
  private async send<T>(op: string, fn: () => Promise<T>, passConditional = false): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof WardfeedError) throw e;
      if (passConditional && (e as { name?: string }).name === 'ConditionalCheckFailedException') throw e;
      throw storeError(op, e);
    }
  }
}

/** A key as one string, for sets of keys. */
export function keyString(k: Item): string {
  return `${String(k.pk)}\u0000${String(k.sk)}`;
}

function storeError(op: string, e: unknown): WardfeedError {
  const err = e as { name?: string; message?: string };
  if (err?.name === 'ConditionalCheckFailedException') {
    return new WardfeedError('not-found', `${op}: the item does not exist`, { cause: e });
  }
  return new WardfeedError('store', `DynamoDB ${op} failed: ${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`, { cause: e });
}

/** Read units in a reply's ConsumedCapacity (one object, or one per table for batches). */
function consumedUnits(c: unknown): number {
  const list: unknown[] = Array.isArray(c) ? c : c ? [c] : [];
  return list.reduce((sum: number, x) => sum + capacityUnitsOf(x), 0);
}

function capacityUnitsOf(x: unknown): number {
  if (typeof x !== 'object' || x === null || !('CapacityUnits' in x)) return 0;
  return typeof x.CapacityUnits === 'number' ? x.CapacityUnits : 0;
}
