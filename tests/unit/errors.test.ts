import { describe, expect, it } from 'vitest';
import { asWardfeedError, WardfeedError } from '../../lib/errors.ts';

describe('asWardfeedError', () => {
  it('keeps a WardfeedError as it is', () => {
    const e = new WardfeedError('timeout', 'timed out', { url: 'https://x.vn/' });
    expect(asWardfeedError(e)).toBe(e);
    expect(asWardfeedError(e, 'network')).toBe(e);
  });

  it('makes an unexpected error internal, keeping its message and cause', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'attribs')");
    const e = asWardfeedError(cause, undefined, { url: 'https://x.vn/a' });
    expect(e).toBeInstanceOf(WardfeedError);
    expect(e).toMatchObject({ kind: 'internal', message: cause.message, url: 'https://x.vn/a' });
    expect(e.cause).toBe(cause);
  });

  it('takes the kind the caller knows and reads thrown non-errors', () => {
    expect(asWardfeedError(new Error('ECONNRESET'), 'network').kind).toBe('network');
    expect(asWardfeedError('boom')).toMatchObject({ kind: 'internal', message: 'boom' });
    expect(asWardfeedError(undefined).message).toBe('undefined');
  });
});
