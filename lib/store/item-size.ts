/**
 * DynamoDB's item size, counted the way it bills and limits (names + values, UTF-8),
 * rounded up where the rules are vague so that an item we accept is never refused.
 */
export function itemSize(item: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) {
    if (v === undefined) continue;
    n += Buffer.byteLength(k, 'utf8') + valueSize(v);
  }
  return n;
}

function valueSize(v: unknown): number {
  if (v === undefined) return 0;
  if (v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number' || typeof v === 'bigint') return 21;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set || Array.isArray(v)) {
    let n = 3;
    for (const e of v) n += valueSize(e) + 1;
    return n;
  }
  if (typeof v === 'object') {
    let n = 3;
    for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
      if (e === undefined) continue;
      n += Buffer.byteLength(k, 'utf8') + valueSize(e) + 1;
    }
    return n;
  }
  // Left: a symbol or a function, neither of which DynamoDB stores; counted by their text.
  return typeof v === 'symbol' || typeof v === 'function' ? Buffer.byteLength(String(v), 'utf8') : 0;
}
