/**
 * Where the fetcher may connect: connection pools per set of trusted CAs, the `--resolve`-style
 * host override, DNS, and the address policy (no private, loopback or link-local targets) checked
 * on the address actually connected to, redirects included.
 */
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import { WardfeedError } from '../errors.ts';
import { refusal } from './address.ts';

export interface ConnectorOptions {
  allowedHosts?: Iterable<string>;
  allowPrivate?: boolean;
  resolve?: Record<string, string>;
  caCerts?: string[];
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** PEM text is taken as is; anything else is a file path. */
function loadPem(entry: string): string {
  if (entry.includes('-----BEGIN')) return entry;
  try {
    return readFileSync(entry, 'utf8');
  } catch (e) {
    throw new WardfeedError('tls', `cannot read CA certificate file ${entry}`, { cause: e });
  }
}

export interface Connector {
  /** The pool trusting the default roots plus these extra CAs. */
  agentFor(extraCas: string[]): Agent;
  /** Refuses a URL (or redirect target) the fetcher may not visit. */
  checkTarget(u: URL, what: string): void;
  close(): Promise<void>;
}

export function createConnector(opts: ConnectorOptions): Connector {
  const allowed = opts.allowedHosts ? new Set([...opts.allowedHosts].map((h) => h.toLowerCase())) : undefined;
  const allowPrivate = opts.allowPrivate ?? false;
  const resolveMap = new Map(Object.entries(opts.resolve ?? {}).map(([h, t]) => [h.toLowerCase(), t]));
  const { connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs } = opts;
  const agents = new Map<string, Agent>();

  /** One connection pool per set of trusted CAs: extra CAs are added to the default roots. */
  function agentFor(extraCas: string[]): Agent {
    const entries = [...(opts.caCerts ?? []), ...extraCas];
    // Keyed by the entries as given, so CA files are read once per pool, not on every request.
    const key = entries.join('\n');
    let agent = agents.get(key);
    if (agent) return agent;
    const pems = entries.map(loadPem);
    // One secure context per CA set: building one from ~150 roots costs far more than a handshake.
    const base = buildConnector({
      timeout: connectTimeoutMs,
      ...(pems.length ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...pems] }) } : {}),
    });
    const connect: buildConnector.connector = (o, cb) => {
      const host = o.hostname.toLowerCase().replace(/^\[|\]$/g, '');
      (async () => {
        let ip: string;
        let port = o.port;
        const override = resolveMap.get(host);
        if (override) {
          const i = override.lastIndexOf(':');
          ip = i > 0 ? override.slice(0, i).replace(/^\[|\]$/g, '') : override;
          if (i > 0) port = override.slice(i + 1);
        } else if (isIP(host)) {
          ip = host;
        } else {
          try {
            ip = (await lookup(host)).address;
          } catch (e) {
            throw new WardfeedError('network', `cannot resolve ${host}: ${(e as Error).message}`, { cause: e });
          }
        }
        const why = refusal(ip, allowPrivate);
        if (why) throw new WardfeedError('forbidden-address', `refused to connect to ${host}: ${why}`);
        // Connect to the resolved address, but keep the real name for SNI and certificate checks.
        base({ ...o, hostname: ip, port, servername: isIP(host) ? undefined : host }, cb);
      })().catch((e) => cb(e as Error, null));
    };
    agent = new Agent({ connect, headersTimeout: headersTimeoutMs, bodyTimeout: bodyTimeoutMs, keepAliveTimeout: 4000 });
    agents.set(key, agent);
    return agent;
  }

  function checkTarget(u: URL, what: string) {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new WardfeedError('redirect', `${what} ${u.href}: only http and https are fetched`, { url: u.href });
    }
    const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const why = refusal(host, allowPrivate);
      if (why) throw new WardfeedError('forbidden-address', `${what} ${u.href} refused: ${why}`, { url: u.href });
    }
    if (allowed && !allowed.has(host)) {
      throw new WardfeedError('redirect', `${what} ${u.href}: ${host} is not a registered host`, { url: u.href });
    }
  }

  return {
    agentFor,
    checkTarget,
    async close() {
      await Promise.all([...agents.values()].map((a) => a.close().catch(() => undefined)));
      agents.clear();
    },
  };
}
