/**
 * The key that signs read cursors (HMAC-SHA256), so a client can only hand back a cursor this
 * service issued. Taken from `WARDFEED_CURSOR_KEY` (the stack sets one per deployment); without
 * it, a key generated once and kept in `<WARDFEED_DATA_DIR>/cursor-key`, so cursors printed by
 * `wardfeed query` still work in the next command; where that directory cannot be written, a
 * key for this process only (its cursors end with it).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { WardfeedError } from '../errors.ts';

export const CURSOR_KEY_ENV = 'WARDFEED_CURSOR_KEY';
/** Shorter keys are refused: 32 characters of a random string carry well over 128 bits. */
const MIN_KEY_LENGTH = 32;
const KEY_FILE = 'cursor-key';

export function cursorKeyFrom(env: NodeJS.ProcessEnv = process.env): Buffer {
  const given = env[CURSOR_KEY_ENV];
  if (given) {
    if (given.length < MIN_KEY_LENGTH) {
      throw new WardfeedError('bad-request', `${CURSOR_KEY_ENV} is too short`, { hint: `give at least ${MIN_KEY_LENGTH} random characters` });
    }
    return Buffer.from(given, 'utf8');
  }
  return storedKey(loadConfig(env).dataDir);
}

function storedKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  const read = () => {
    const text = readFileSync(file, 'utf8').trim();
    return text.length >= MIN_KEY_LENGTH ? Buffer.from(text, 'utf8') : undefined;
  };
  try {
    const found = read();
    if (found) return found;
  } catch {
    // not there yet
  }
  const fresh = randomBytes(32).toString('base64url');
  try {
    mkdirSync(dataDir, { recursive: true });
    // `wx`: when two processes start at once, the first key written wins and both use it.
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    try {
      const found = read();
      if (found) return found;
    } catch {
      // read-only data directory: fall through to a key of this process
    }
  }
  return Buffer.from(fresh, 'utf8');
}

let processKey: Buffer | undefined;

/** The key of this process, resolved once. */
export function defaultCursorKey(): Buffer {
  return (processKey ??= cursorKeyFrom());
}
