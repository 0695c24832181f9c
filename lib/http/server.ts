/** The app on Node's HTTP server (serve, dev, demo, tests, benchmarks). */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { WardfeedError } from '../errors.ts';

export interface RunningServer {
  /** `http://host:port` as the server listens. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(app: Hono, opts: { port?: number; hostname?: string } = {}): Promise<RunningServer> {
  const hostname = opts.hostname ?? '127.0.0.1';
  // Requests still being answered, even when their client has gone: closing waits for them, so
  // the store is never closed under a running handler.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const fetch = async (req: Request) => {
    inFlight++;
    try {
      return await app.fetch(req);
    } finally {
      if (--inFlight === 0) drained?.();
    }
  };
  const server = createAdaptorServer({ fetch, hostname }) as Server;
  // Idle keep-alive sockets would hold `close()` open.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) =>
      reject(new WardfeedError('bad-request', `cannot listen on ${hostname}:${opts.port ?? 0}: ${e.code ?? e.message}`, {
        cause: e,
        hint: e.code === 'EADDRINUSE' ? 'another program uses this port; choose one with --port or PORT' : undefined,
      }));
    server.once('error', onError);
    server.listen(opts.port ?? 0, hostname, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${shown}:${port}`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
  };
}
