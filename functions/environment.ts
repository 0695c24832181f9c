/**
 * What a handler needs from its Lambda environment: the bundled registry and the articles table.
 *
 * The store is built on `DynamoArticleStore` directly rather than `openStore()`, which can also
 * start the embedded DynamoDB and would pull it into the bundle; on AWS the stack owns the table.
 */
import { DynamoDBClient } from '../lib/store/sdk.ts';
import { loadConfig } from '../lib/config.ts';
import { loadRegistry } from '../lib/registry/index.ts';
import type { Registry } from '../lib/registry/types.ts';
import { DynamoArticleStore } from '../lib/store/dynamo-store.ts';

export interface LambdaEnvironment {
  registry: Registry;
  store: DynamoArticleStore;
}

export function lambdaEnvironment(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  if (!env.TABLE_NAME) throw new Error('TABLE_NAME is not set');
  const config = loadConfig(env);
  const registry = loadRegistry(config.registryFile);
  // DYNAMODB_ENDPOINT is honoured so the same bundle runs against any DynamoDB-compatible endpoint.
  const client = new DynamoDBClient({ region: config.region, ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}) });
  return { registry, store: new DynamoArticleStore({ client, tableName: config.tableName, registry }) };
}
