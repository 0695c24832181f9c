/**
 * Opens the article store the environment asks for: `DYNAMODB_ENDPOINT` (any DynamoDB-compatible
 * endpoint), AWS itself inside Lambda, or else the embedded DynamoDB under `WARDFEED_DATA_DIR`.
 */
import { join } from 'node:path';
import { DynamoDBClient } from './sdk.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Registry } from '../registry/types.ts';
import { DynamoArticleStore } from './dynamo-store.ts';
import { startEmbeddedDynamo } from './embedded.ts';

export type { ArticleStore, CrawlState, ListOptions, Paged, PutResult, Scope } from './types.ts';
export { DynamoArticleStore, MAX_LIST_LIMIT, type DynamoArticleStoreOptions, type StoreStats } from './dynamo-store.ts';
export { startEmbeddedDynamo, type EmbeddedDynamo, type EmbeddedOptions } from './embedded.ts';

export interface OpenedStore {
  store: DynamoArticleStore;
  /** The endpoint in use; `aws` for the regional AWS endpoint. */
  endpoint: string;
  /** Closes the client and, when it was started here, the embedded DynamoDB. */
  close: () => Promise<void>;
}

export interface OpenStoreOptions {
  registry?: Registry;
  /** Embedded DynamoDB only: keep nothing on disk. */
  inMemory?: boolean;
  /** Embedded DynamoDB only: its LevelDB directory (default `<dataDir>/dynamodb`). */
  dir?: string;
  /** Create the table when missing (default: yes, except inside Lambda where the stack owns it). */
  ensureTable?: boolean;
}

interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** For DynamoDB Local, dynalite and friends; these never reach AWS. Letters and digits only: DynamoDB Local 2.x refuses other key ids. */
const LOCAL_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'wardfeedlocal', secretAccessKey: 'wardfeedlocal' };

export async function openStore(config: Config = loadConfig(), opts: OpenStoreOptions = {}): Promise<OpenedStore> {
  const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
  let endpoint: string;
  let client: DynamoDBClient;
  let stopEmbedded: (() => Promise<void>) | undefined;

  if (config.dynamoEndpoint) {
    endpoint = config.dynamoEndpoint;
    client = new DynamoDBClient({ region: config.region, endpoint, credentials: chainOrLocal(config.region) });
  } else if (inLambda) {
    endpoint = 'aws';
    client = new DynamoDBClient({ region: config.region });
  } else {
    const embedded = await startEmbeddedDynamo({ inMemory: opts.inMemory, dir: opts.dir ?? join(config.dataDir, 'dynamodb') });
    endpoint = embedded.endpoint;
    stopEmbedded = () => embedded.close();
    client = new DynamoDBClient({ region: config.region, endpoint, credentials: LOCAL_CREDENTIALS });
  }

  const store = new DynamoArticleStore({ client, tableName: config.tableName, registry: opts.registry });
  const close = async () => {
    client.destroy();
    await stopEmbedded?.();
  };
  if (opts.ensureTable ?? !inLambda) {
    try {
      await store.ensureTable();
    } catch (e) {
      await close();
      throw e;
    }
  }
  return { store, endpoint, close };
}

/**
 * For a custom endpoint: the default credential chain (it may be a real AWS endpoint), falling
 * back to local ones when none is configured (DynamoDB Local accepts any).
 */
function chainOrLocal(region: string): () => Promise<AwsCredentialIdentity> {
  const chain = new DynamoDBClient({ region }).config.credentials;
  let fallback = false;
  return async () => {
    if (fallback) return LOCAL_CREDENTIALS;
    try {
      return await chain();
    } catch {
      fallback = true;
      return LOCAL_CREDENTIALS;
    }
  };
}
