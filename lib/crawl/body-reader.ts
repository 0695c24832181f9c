/**
 * Reads a response body: decompressed (gzip, deflate, br) and capped in size, the cap applying to
 * the decompressed bytes too (a small gzip can hide a huge page).
 */
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { WardfeedError } from '../errors.ts';

/** Drops a body we will not read (destroying it makes undici emit an abort error nobody awaits). */
export function discard(body: Dispatcher.ResponseData['body']) {
  body.on('error', () => undefined);
  body.destroy();
}

export async function readBody(body: Dispatcher.ResponseData['body'], encoding: string | undefined, url: string, maxBytes: number, onBytes: (n: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => new WardfeedError('too-large', `body over ${maxBytes} bytes`, { url });
  const enc = (encoding ?? '').trim().toLowerCase();
  const decoder = enc === 'gzip' || enc === 'x-gzip' ? createGunzip() : enc === 'deflate' ? createInflate() : enc === 'br' ? createBrotliDecompress() : undefined;
  try {
    if (!decoder) {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        onBytes(chunk.length);
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
    } else {
      // The cap applies to the decompressed size too (a small gzip can hide a huge page).
      const feed = (async () => {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          onBytes(chunk.length);
          if (!decoder.write(chunk)) await new Promise((r) => decoder.once('drain', r));
        }
        decoder.end();
      })();
      feed.catch((e: Error) => decoder.destroy(e));
      for await (const chunk of decoder as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
      await feed;
    }
  } catch (e) {
    discard(body);
    decoder?.destroy();
    throw e;
  }
  return Buffer.concat(chunks);
}
