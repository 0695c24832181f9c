/**
 * One place that turns failures into replies. Whatever a client sends, the answer is a 4xx:
 * client mistakes are typed errors (bad parameter, unknown place, not found). Only a store that
 * cannot be reached is answered 503 (with Retry-After), because then the request was fine and a
 * retry will do; anything else unexpected is logged and answered 500, and the fuzz test keeps
 * that from ever being reachable by client input.
 */
import { HTTPException } from 'hono/http-exception';
import { isWardfeedError } from '../errors.ts';
import { AmbiguousDistrictError, BadParameterError, UnknownPlaceError } from './params.ts';
import { errorReply } from './respond.ts';

export type ErrorLog = (event: Record<string, unknown>) => void;

export const defaultErrorLog: ErrorLog = (event) => console.error(JSON.stringify({ level: 'error', ...event }));

/** Names of AWS SDK and network failures that mean "the store is unreachable or overloaded". */
const STORE_OUTAGE = /^(ProvisionedThroughputExceeded|RequestLimitExceeded|ThrottlingException|InternalServerError|ServiceUnavailable|ResourceNotFoundException|TimeoutError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UnrecognizedClientException)/;

function isStoreOutage(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; $metadata?: unknown };
  if (!err || typeof err !== 'object') return false;
  if (err.$metadata !== undefined) return true; // any AWS SDK service error
  return (typeof err.name === 'string' && STORE_OUTAGE.test(err.name)) || (typeof err.code === 'string' && STORE_OUTAGE.test(err.code));
}

/** The request was fine; the store was not. A retry will do. */
function storeUnavailable(): Response {
  return errorReply(503, { error: 'store-unavailable', message: 'the article store is unavailable; retry later' }, { 'Retry-After': '30' });
}

export function errorResponse(e: unknown, request: { method: string; path: string }, log: ErrorLog = defaultErrorLog): Response {
  if (e instanceof BadParameterError) {
    const candidates = e instanceof AmbiguousDistrictError ? { candidates: e.candidates } : {};
    return errorReply(400, { error: 'bad-parameter', parameter: e.parameter, message: e.message, ...candidates });
  }
  if (e instanceof UnknownPlaceError) return errorReply(404, { error: e.code, message: e.message });
  if (isWardfeedError(e)) {
    switch (e.kind) {
      case 'bad-request':
        return errorReply(400, { error: 'bad-request', message: e.message });
      case 'not-found':
        return errorReply(404, { error: 'not-found', message: e.message });
      case 'store':
        log({ msg: 'store unavailable', ...request, error: e.toJSON() });
        return storeUnavailable();
      default:
        break;
    }
  }
  if (e instanceof HTTPException && e.status < 500) {
    return errorReply(e.status, { error: 'bad-request', message: e.message || 'bad request' });
  }
  if (isStoreOutage(e)) {
    log({ msg: 'store unavailable', ...request, error: String(e) });
    return storeUnavailable();
  }
  log({ msg: 'unexpected error', ...request, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  return errorReply(500, { error: 'internal', message: 'unexpected error' });
}
