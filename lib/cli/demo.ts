/**
 * `wardfeed demo` (what `npm run demo` runs): the local stack against the bundled fixture sites,
 * offline. The fixture sites answer on 127.0.0.1 under their real host names (the fetcher's
 * resolve override), the store is an in-memory embedded DynamoDB, and once the first crawl is
 * done every fixture ward's feed is served at the printed addresses.
 */
import { resolve } from 'node:path';
import { ROOT } from '../config.ts';
import { loadRegistry } from '../registry/index.ts';
import { openEphemeralStore } from '../store/ephemeral.ts';
import { DEFAULT_PORT, parsePort, printUrls, runLocalStack, untilSignal, type LocalStack } from './dev.ts';
import { commandArgs } from './args.ts';

export const FIXTURE_REGISTRY = resolve(ROOT, 'tests/fixtures/registry.json');

const USAGE = 'usage: wardfeed demo [--port N]   (PORT, default 8787; 0 picks a free port)';

export interface Demo {
  stack: LocalStack;
  url: string;
  stop(): Promise<void>;
}

/** Starts the fixture sites, the store and the app; resolves once the first crawl is done. */
export async function startDemo(opts: { port?: number; log?: (line: string) => void } = {}): Promise<Demo> {
  // Loaded on demand: the fixture server is test tooling, needed by the demo only.
  const { startFixtureServer } = await import('../../tests/fixtures/server.ts');
  const sites = await startFixtureServer({ https: true });
  const registry = loadRegistry(FIXTURE_REGISTRY);
  let opened;
  let stack: LocalStack;
  try {
    opened = await openEphemeralStore({ registry, tablePrefix: 'wardfeed-demo' });
    stack = await runLocalStack({
      registry,
      opened,
      port: opts.port ?? DEFAULT_PORT,
      fetcher: { resolve: sites.resolve, allowPrivate: true, delayMs: 0, caCerts: sites.caCert ? [sites.caCert] : [] },
      log: opts.log,
    });
  } catch (e) {
    await opened?.close();
    await sites.close();
    throw e;
  }
  await stack.firstCrawl;
  return {
    stack,
    url: stack.server.url,
    async stop() {
      await stack.stop();
      await sites.close();
    },
  };
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('demo', USAGE, args, { port: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = parsePort(values.port, '--port') ?? parsePort(process.env.PORT, 'PORT') ?? DEFAULT_PORT;
  console.log('wardfeed demo: fixture sites on 127.0.0.1, in-memory store; crawling…');
  const started = Date.now();
  const demo = await startDemo({ port });
  console.log(`\nready in ${((Date.now() - started) / 1000).toFixed(1)} s (Ctrl-C to stop):`);
  printUrls(loadRegistry(FIXTURE_REGISTRY), demo.url);
  const sig = await untilSignal();
  console.log(`\n${sig}: stopping…`);
  await demo.stop();
  return 0;
}
