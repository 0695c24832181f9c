/** The `wardfeed` command run as a user runs it: a child process of this Node, from the project root. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../../lib/config.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bin/wardfeed.js` with these arguments and environment, `stdin` (default empty) on its input. */
export function runWardfeed(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/wardfeed.js'), ...args], { env: opts.env ?? process.env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a character split between two chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}
