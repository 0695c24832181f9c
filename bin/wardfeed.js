#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx wardfeed` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
// Before any command loads a library that may warn (see lib/cli/warnings.ts).
const { quietLibraryWarnings } = await import('../lib/cli/warnings.ts');
const argv = quietLibraryWarnings(process.argv.slice(2));
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(argv);
