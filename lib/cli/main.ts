import { WardfeedError } from '../errors.ts';

/** Each subcommand is a module exporting `run(args): Promise<exit code>`, loaded on demand. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  extract: { summary: 'extract <url|file>… [--profile NAME] [--base-url URL]   one Article as JSON per input', load: () => import('./extract.ts') },
  crawl: { summary: 'crawl [--ward ID]… [--backfill N] [--strict]              crawl registered sources into the store', load: () => import('./crawl.ts') },
  status: { summary: 'status                                                  per-source health', load: () => import('./status.ts') },
  add: { summary: 'add <url> [--ward ID] [--write] [--registry FILE]            find the unit and platform of a site, add it and crawl it once', load: () => import('./add.ts') },
  probe: { summary: 'probe <url>                                             detect the family, propose a registry entry', load: () => import('./probe.ts') },
  query: { summary: 'query [--ward ID]… [--province P] [--district P/D] [--from D] [--to D] [--q TEXT] [--limit N] [--cursor C] [--format json|ndjson|csv] [--bom]', load: () => import('./query.ts') },
  import: { summary: 'import <file.ndjson|->                                  load articles exported with query --format ndjson', load: () => import('./import.ts') },
  serve: { summary: 'serve [--port N]                                        serve feeds and the API', load: () => import('./serve.ts') },
  dev: { summary: 'dev                                                     embedded DynamoDB + crawl every 30 min + serve', load: () => import('./dev.ts') },
  demo: { summary: 'demo                                                    the local stack against the bundled fixture sites, offline', load: () => import('./demo.ts') },
};

function usage(): string {
  return [
    'usage: wardfeed [--verbose] <command> [options]', '',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`), '',
    '  --verbose (or WARDFEED_DEBUG=1) also shows warnings from libraries, once each',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`wardfeed: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(args);
  } catch (e) {
    if (e instanceof WardfeedError) {
      console.error(`wardfeed ${name}: [${e.kind}] ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`);
      return 1;
    }
    throw e;
  }
}
