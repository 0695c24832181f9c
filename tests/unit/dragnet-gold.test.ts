import { describe, expect, it } from 'vitest';
import { articleText, decodeText } from '../../bench/quality/dragnet-gold.ts';

// The development set's expected bodies come from Dragnet's corrected files: the article, then a
// separator line typed by hand, then the comments. Texts written here.

const ARTICLE = 'The ferry runs again\nBoats leave the north pier every ninety minutes.\n\n* * *\nTickets cost the same as last year.';
const COMMENTS = 'Reader one\nGreat news for the island!';
const EXPECTED = 'The ferry runs again\nBoats leave the north pier every ninety minutes.\n* * *\nTickets cost the same as last year.';

describe('articleText', () => {
  it('keeps the article before the separator, however it was typed', () => {
    for (const sep of [
      '!@#$%^&*()  COMMENTS',
      '!@#$%^&*() COMMENTS',
      '!@ $%^&*()  COMMENTS',
      '!@#$%^&**() COMMENTS',
      '!@#$%^&*()  COMMNENTS',
      '  #$%^&*()  CORRECTED',
      '!@#$%^&*()  \tCOMMENTS\r',
      '!@#$%^&*()',
    ]) {
      expect(articleText(`${ARTICLE}\n${sep}\n${COMMENTS}\n`), sep).toBe(EXPECTED);
    }
  });

  it('keeps the whole text when there is no separator; a row of asterisks divides sections', () => {
    expect(articleText(`${ARTICLE}\n*****************\n${COMMENTS}`)).toBe(`${EXPECTED}\n*****************\n${COMMENTS}`);
  });
});

describe('decodeText', () => {
  it('reads UTF-8, UTF-16 with its mark, and Windows-1252 curly quotes', () => {
    expect(decodeText(Buffer.from('Phường “Một”', 'utf8'))).toBe('Phường “Một”');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ferry', 'utf16le')]))).toBe('ferry');
    expect(decodeText(Buffer.from([0x93, 0x66, 0x65, 0x72, 0x72, 0x79, 0x94]))).toBe('“ferry”');
  });
});
