/**
 * Library warnings in the CLI. Dependencies talk to the user through `process.emitWarning`: the
 * AWS SDK, for one, opens every command on Node 20 with a seven-line notice about its future Node
 * support. None of that is wardfeed's output, so the CLI keeps it off stderr; `--verbose` (or
 * `WARDFEED_DEBUG=1`) shows each distinct warning once. Only the CLI process does this: the
 * Lambda handlers leave Node's warning output as it is.
 */

/** Takes `--verbose` out of the arguments (before a `--`) and installs the warning handler. */
export function quietLibraryWarnings(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const verbose = argv.slice(0, end).includes('--verbose') || env.WARDFEED_DEBUG === '1';
  // Node prints warnings through its own 'warning' listener; ours replaces it.
  process.removeAllListeners('warning');
  const shown = new Set<string>();
  process.on('warning', (w: Error) => {
    const text = `${w.name}: ${w.message}`;
    if (!verbose || shown.has(text)) return;
    shown.add(text);
    process.stderr.write(`wardfeed: library warning: ${text}\n`);
  });
  return [...argv.slice(0, end).filter((a) => a !== '--verbose'), ...argv.slice(end)];
}
