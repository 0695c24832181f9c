/** Reading Dragnet's corrected files (the text people marked as a page's article). */
import iconv from 'iconv-lite';

/**
 * Dragnet's separator between the article and its comments in a corrected file, a line of its own:
 * `!@#$%^&*()  COMMENTS` in most files, typed by hand in all, so about 30 files spell it otherwise
 * (`!@ $%^&*() COMMENTS`, `!@#$%^&*()  COMMNENTS`, `  #$%^&*()  CORRECTED`, no word at all). A line
 * of those symbols holding `^&*`, with one upper-case word or none, is the separator; a row of
 * asterisks dividing an article's sections is not.
 */
const SEPARATOR_LINE = /^[!@#$%^&*()\s]+[A-Z]*$/;

function isCommentsSeparator(line: string): boolean {
  const t = line.trim();
  return t.includes('^&*') && SEPARATOR_LINE.test(t);
}

/** A corrected file's text: some are UTF-16 (with a byte-order mark), a few Windows-1252. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // iconv-lite: Node 20's TextDecoder reads windows-1252's bytes 0x80–0x9F (curly quotes,
    // dashes) as control characters.
    return iconv.decode(bytes, 'windows-1252');
  }
}

/** The article's text: the lines before the comments separator, whitespace collapsed, empty lines left out. */
export function articleText(corrected: string): string {
  const lines = corrected.split('\n');
  const cut = lines.findIndex(isCommentsSeparator);
  return (cut >= 0 ? lines.slice(0, cut) : lines)
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
