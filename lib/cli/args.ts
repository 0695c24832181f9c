import { parseArgs, type ParseArgsConfig } from 'node:util';
import { WardfeedError } from '../errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * A command's arguments, parsed the one way every command parses them: `--help`/`-h` prints the
 * usage (exit 0), a wrong or unknown option prints the message and the usage (exit 2). Returns the
 * exit code when the command should stop there.
 */
export function commandArgs<const O extends Options>(
  command: string,
  usage: string,
  args: string[],
  options: O,
  allowPositionals = false,
): Parsed<O> | number {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      return 0;
    }
    return parsed;
  } catch (e) {
    console.error(`wardfeed ${command}: ${(e as Error).message}\n${usage}`);
    return 2;
  }
}

/** The one page address a command takes (`add`, `probe`): exit code 2 with the usage when not one. */
export function onePageAddress(positionals: string[], usage: string): URL | number {
  if (positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  try {
    return new URL(positionals[0]);
  } catch {
    throw new WardfeedError('bad-request', `not a URL: ${positionals[0]}`);
  }
}
