/**
 * Every failure wardfeed reports carries a kind, so status pages, CLI output and alarms
 * can count failures by kind instead of parsing messages.
 */
export type ErrorKind =
  | 'network' // DNS, connection refused/reset
  | 'tls' // certificate problems
  | 'timeout'
  | 'http-status' // non-2xx after retries
  | 'robots' // disallowed by robots.txt
  | 'too-large' // body over the size cap
  | 'redirect' // too many redirects, or to an unregistered host
  | 'forbidden-address' // private, loopback or link-local target
  | 'charset'
  | 'parse' // HTML could not be read as such
  | 'no-article' // the page holds no article (title or body missing)
  | 'registry' // the registry file is broken
  | 'unverified-source'
  | 'bad-request' // wrong parameter from a client or CLI user
  | 'not-found'
  | 'store' // DynamoDB failure
  | 'internal'; // a fault of wardfeed itself: an error nobody expected

export class WardfeedError extends Error {
  readonly kind: ErrorKind;
  readonly url?: string;
  readonly status?: number;
  readonly hint?: string;

  constructor(
    kind: ErrorKind,
    message: string,
    opts: { url?: string; status?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WardfeedError';
    this.kind = kind;
    this.url = opts.url;
    this.status = opts.status;
    this.hint = opts.hint;
  }

  toJSON() {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.url ? { url: this.url } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }
}

export function isWardfeedError(e: unknown): e is WardfeedError {
  return e instanceof WardfeedError;
}

/**
 * Any thrown value as a WardfeedError: one already typed stays as it is; anything else is
 * `fallbackKind` (default `internal`: an unexpected error is a fault of ours, not of the page or
 * the network), keeping the original as its cause.
 */
export function asWardfeedError(err: unknown, fallbackKind: ErrorKind = 'internal', opts: { url?: string } = {}): WardfeedError {
  if (err instanceof WardfeedError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new WardfeedError(fallbackKind, message || 'unexpected error', { ...opts, cause: err });
}
