#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx wardfeed` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
