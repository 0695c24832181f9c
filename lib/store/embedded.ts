/**
 * The embedded DynamoDB: dynalite (DynamoDB's wire protocol over LevelDB) in this process,
 * on a loopback port, so local runs and tests talk to the same API as on AWS.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { loadConfig } from '../config.ts';
import { WardfeedError } from '../errors.ts';

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** Stops the server and closes the database (flushes LevelDB). */
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** LevelDB directory; default `<WARDFEED_DATA_DIR>/dynamodb`. */
  dir?: string;
  /** Keep nothing on disk (tests, demo). */
  inMemory?: boolean;
  /** Default 0: any free port. */
  port?: number;
}

export async function startEmbeddedDynamo(opts: EmbeddedOptions = {}): Promise<EmbeddedDynamo> {
  let path: string | undefined;
  if (!opts.inMemory) {
    path = opts.dir ?? join(loadConfig().dataDir, 'dynamodb');
    try {
      mkdirSync(path, { recursive: true });
    } catch (e) {
      throw new WardfeedError('store', `cannot create the embedded DynamoDB directory ${path}: ${(e as Error).message}`, { cause: e });
    }
  }
  // Table state changes are instant: nothing to wait for locally.
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(new WardfeedError('store', `embedded DynamoDB cannot listen on 127.0.0.1:${opts.port ?? 0}: ${e.code ?? e.message}`, { cause: e }));
    };
    server.once('error', onError);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(new WardfeedError('store', `embedded DynamoDB did not close cleanly: ${err.message}`, { cause: err })) : resolve()));
        // Keep-alive sockets of SDK clients would hold the server open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
