/** `wardfeed serve [--port N] [--host H]`: the web app over an existing store, no crawling. */
import { loadConfig } from '../config.ts';
import { createApp } from '../http/app.ts';
import { startServer } from '../http/server.ts';
import { loadRegistry } from '../registry/index.ts';
import { openStore } from '../store/index.ts';
import { DEFAULT_PORT, parsePort, printUrls, untilSignal } from './dev.ts';
import { commandArgs } from './args.ts';

const USAGE = 'usage: wardfeed serve [--port N] [--host ADDRESS]   (PORT, default 8787; host default 127.0.0.1)';

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('serve', USAGE, args, { port: { type: 'string' }, host: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = parsePort(values.port, '--port') ?? parsePort(process.env.PORT, 'PORT') ?? DEFAULT_PORT;
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const opened = await openStore(config, { registry });
  let server;
  try {
    server = await startServer(createApp({ store: opened.store, registry, baseUrl: process.env.PUBLIC_BASE_URL || undefined }), { port, hostname: values.host });
  } catch (e) {
    await opened.close();
    throw e;
  }
  console.log(`wardfeed serve: ${server.url} (store ${opened.endpoint}, table ${config.tableName}; Ctrl-C to stop)`);
  printUrls(registry, server.url);
  const sig = await untilSignal();
  console.log(`\n${sig}: stopping…`);
  await server.close();
  await opened.close();
  return 0;
}
