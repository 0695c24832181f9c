import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (where package.json lives). */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Environment of the design: every knob in one place. */
export interface Config {
  /** Any DynamoDB-compatible endpoint; unset means the embedded one (locally). */
  dynamoEndpoint?: string;
  tableName: string;
  registryFile: string;
  dataDir: string;
  region: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    tableName: env.TABLE_NAME || 'wardfeed',
    registryFile: resolve(env.WARDFEED_REGISTRY || resolve(ROOT, 'lib/registry/registry.json')),
    dataDir: resolve(env.WARDFEED_DATA_DIR || resolve(ROOT, '.data')),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'ap-southeast-1',
  };
}

/** The identifying User-Agent, with a contact URL (DESIGN: crawling manners). */
export const USER_AGENT = 'wardfeed/0.1 (+https://github.com/wardfeed/wardfeed; feeds for Vietnamese ward news)';
