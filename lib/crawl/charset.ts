/**
 * Bytes to text: the charset named by Content-Type, else by the page's own `<meta charset>` or
 * `http-equiv`, else UTF-8. Old Vietnamese sites still serve windows-1258 (decoded by iconv-lite).
 */
import iconv from 'iconv-lite';
import { WardfeedError } from '../errors.ts';

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return m ? m[1].toLowerCase() : undefined;
}

/** Looks for a charset declaration in the first 4 KB, read as ASCII (as browsers do). */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return declaredIn(head, /<meta\b[^<>]*/gi, /charset\s*=\s*(?:["']\s*)?([\w.:-]+)/i) ?? declaredIn(head, /<\?xml\b[^<>]*/gi, /encoding\s*=\s*["']([\w.:-]+)/i);
}

/**
 * The value `attribute` finds in the first tag `tag` matches. Two steps, a tag then its attribute:
 * one pattern spanning both (`<meta[^>]+charset…`) retries the tag from every `<meta` (cubic).
 */
function declaredIn(head: string, tag: RegExp, attribute: RegExp): string | undefined {
  for (const t of head.matchAll(tag)) {
    const m = attribute.exec(t[0]);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * The labels the WHATWG Encoding Standard reads as windows-1252: a page that says ISO-8859-1 or
 * ASCII is windows-1252 in every browser, its “curly quotes” and dashes (bytes 0x80–0x9F) included.
 */
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
  'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
]);

/** The iconv-lite decoder for a declared charset label, as browsers choose it. */
function decoderName(label: string): string {
  const name = label.trim().toLowerCase();
  return WINDOWS_1252_LABELS.has(name) ? 'windows-1252' : name;
}

export function decodeBody(bytes: Uint8Array, contentType?: string, url?: string): { text: string; charset: string } {
  // A byte-order mark outranks every declaration (WHATWG encoding sniffing).
  const declared = bomCharset(bytes) ?? charsetFromContentType(contentType) ?? charsetFromMeta(bytes) ?? 'utf-8';
  const charset = decoderName(declared);
  if (!iconv.encodingExists(charset)) {
    throw new WardfeedError('charset', `unknown charset "${declared}"`, { url, hint: 'the page declares a charset wardfeed cannot decode' });
  }
  const decoded = iconv.decode(Buffer.from(bytes), charset); // strips a BOM
  // windows-1258 writes tone marks as combining characters: compose them as the rest of wardfeed expects.
  const text = charset === 'utf-8' || charset === 'utf8' ? decoded : decoded.normalize('NFC');
  return { text, charset };
}
