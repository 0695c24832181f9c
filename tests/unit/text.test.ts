import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsPhrase, normalizeParagraphs, normalizeText, searchKey, slugify, toneKey } from '../../lib/text/index.ts';

const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
/** Removes only the five tone marks, keeping circumflex, breve, horn and đ. */
const stripTones = (s: string) => s.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');

describe('normalizeText', () => {
  it.each([
    ['no-break spaces become spaces', 'Phường\u00A0Thanh\u202FTrì\u2007mới', 'Phường Thanh Trì mới'],
    ['zero-width characters and BOM are removed', '\uFEFFThượng\u200B Thanh\u200C\u200D\u2060', 'Thượng Thanh'],
    ['soft hyphens are removed', 'Khương\u00ADThượng', 'KhươngThượng'],
    ['whitespace runs fold, ends trimmed', '  Ngày   đăng\t\t15/01/2021 \n | 16:12  ', 'Ngày đăng 15/01/2021 | 16:12'],
    ['decomposed text is composed (NFC)', 'Thu\u0300y', 'Thùy'],
    ['typos are kept as written', 'Tiết mục văn nghẹ tại Hôi nghị', 'Tiết mục văn nghẹ tại Hôi nghị'],
    ['empty stays empty', ' \u00A0 \u200B ', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('composes to NFC code points', () => {
    expect(normalizeText('Đu\u031B\u0301c')).toBe('Đ\u1EE9c');
  });
});

describe('normalizeParagraphs', () => {
  it('keeps paragraph breaks as one blank line and drops empty paragraphs', () => {
    expect(normalizeParagraphs('  Đoạn\u00A0một\n dòng tiếp \r\n\r\n \n\n\nĐoạn  hai\u200B\n\n \u00A0 \n\nĐoạn ba ')).toBe(
      'Đoạn một dòng tiếp\n\nĐoạn hai\n\nĐoạn ba',
    );
  });
  it('treats U+2029 as a paragraph break', () => {
    expect(normalizeParagraphs('một\u2029hai')).toBe('một\n\nhai');
  });
  it('gives the empty string for blank input', () => {
    expect(normalizeParagraphs('\n\n \u00A0\n')).toBe('');
  });
});

describe('searchKey', () => {
  it('folds case, diacritics, đ and both tone placements to one key', () => {
    for (const s of ['Thùy', 'Thuỳ', 'THUY', 'thuy', 'THÙY', 'Thu\u0300y']) expect(searchKey(s)).toBe('thuy');
    expect(searchKey('Đức Giang')).toBe('duc giang');
    expect(searchKey('ĐẢNG ỦY')).toBe('dang uy');
  });
  it('turns punctuation into spaces and folds whitespace', () => {
    expect(searchKey('MỸ LONG – HỘI NGHỊ BAN CHẤP ĐẢNG BỘ PHƯỜNG THÁNG 11/2023!')).toBe('my long hoi nghi ban chap dang bo phuong thang 11 2023');
    expect(searchKey('  Kế hoạch 108-KH/QU, ngày… ')).toBe('ke hoach 108 kh qu ngay');
  });
});

describe('toneKey', () => {
  it.each([
    ['hòa', 'hoà'],
    ['Thùy', 'Thuỳ'],
    ['khoẻ', 'khỏe'],
    ['THÙY', 'thuỳ'],
    ['Hoà Bình', 'hòa bình'],
    ['thuở', 'thủơ'],
    ['Hoài', 'hoaì'],
  ])('%s and %s get the same key', (a, b) => {
    expect(toneKey(a)).toBe(toneKey(b));
  });

  it.each([
    ['Thành', 'Thanh'],
    ['Thượng', 'Thường'],
    ['Đức', 'Dức'],
    ['Mỹ', 'My'],
    ['Hoàng', 'Hoáng'],
  ])('%s and %s stay apart (other diacritics and different tones count)', (a, b) => {
    expect(toneKey(a)).not.toBe(toneKey(b));
  });

  it('places tones by the new orthography and leaves the rest alone', () => {
    expect(toneKey('Hòa')).toBe('hoà');
    expect(toneKey('người')).toBe('người');
    expect(toneKey('quý')).toBe('quý');
    expect(toneKey('già')).toBe('già');
    expect(toneKey('Hoàng Mai')).toBe('hoàng mai');
    expect(toneKey('Phường Thượng Thanh, Q. Long Biên')).toBe('phường thượng thanh, q. long biên');
  });
});

describe('slugify', () => {
  it.each([
    ['Phường Thượng Thanh', 'phuong-thuong-thanh'],
    ['Quận Đống Đa', 'quan-dong-da'],
    ['  MỸ LONG – HỘI NGHỊ!  ', 'my-long-hoi-nghi'],
    ['Covid-19 / 2021', 'covid-19-2021'],
    ['!!!', ''],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('containsPhrase', () => {
  it('matches whole words only', () => {
    const hay = toneKey('Đảng ủy phường Thượng Thanh làm việc');
    expect(containsPhrase(hay, toneKey('Thượng Thanh'))).toBe(true);
    expect(containsPhrase(hay, toneKey('Thanh'))).toBe(true);
    expect(containsPhrase(hay, toneKey('Than'))).toBe(false);
    expect(containsPhrase(hay, toneKey('ượng Thanh'))).toBe(false);
    expect(containsPhrase(hay, '')).toBe(false);
  });
  it('is insensitive to tone placement on tone keys but not to other diacritics', () => {
    const hay = toneKey('Phường Ngọc Thụy và phường Thành Công');
    expect(containsPhrase(hay, toneKey('Ngọc Thuỵ'))).toBe(true);
    expect(containsPhrase(hay, toneKey('Thanh Công'))).toBe(false);
  });
  it('finds a phrase at the very start and end', () => {
    expect(containsPhrase('thanh trì', 'thanh')).toBe(true);
    expect(containsPhrase('thanh trì', 'trì')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Arbitrary text built from Vietnamese letters, marks, odd spaces and punctuation. */
const vietnameseText = fc
  .array(
    fc.constantFrom(
      'a', 'ă', 'â', 'e', 'ê', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'i', 'đ', 'Đ', 'T', 'h', 'n', 'g', 'q', ' ', '  ', '\n', '\n\n',
      '\u00A0', '\u200B', '\uFEFF', '\u00AD', '\t', '.', ',', '–', '/', '1', '9',
      ...TONES,
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('properties', () => {
  it('every normaliser and key is idempotent', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
        expect(normalizeParagraphs(normalizeParagraphs(s))).toBe(normalizeParagraphs(s));
        expect(searchKey(searchKey(s))).toBe(searchKey(s));
        expect(toneKey(toneKey(s))).toBe(toneKey(s));
        expect(slugify(slugify(s))).toBe(slugify(s));
      }),
      { numRuns: 500 },
    );
  });

  it('toneKey only moves tone marks: letters and other diacritics stay', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(stripTones(toneKey(s))).toBe(stripTones(normalizeText(s).toLowerCase()));
        expect(searchKey(toneKey(s))).toBe(searchKey(s));
      }),
      { numRuns: 500 },
    );
  });

  // Words whose tone the two orthographies place differently: old style on the first vowel of
  // oa/oe/uy (hòa, khỏe, thùy), new style on the second (hoà, khoẻ, thuỳ).
  const word = fc.record({
    initial: fc.constantFrom('', 'h', 'kh', 'th', 'x', 'l', 'nh', 't', 'ng', 'h', 'tr', 'ch'),
    nucleus: fc.constantFrom('oa', 'oe', 'uy'),
    tone: fc.constantFrom(...TONES),
    casing: fc.constantFrom('lower', 'upper', 'title'),
  });
  const applyCase = (w: string, casing: string) =>
    casing === 'upper' ? w.toUpperCase() : casing === 'title' ? w.charAt(0).toUpperCase() + w.slice(1) : w;

  it('both tone placements of a word give the same toneKey and searchKey', () => {
    fc.assert(
      fc.property(word, word, ({ initial, nucleus, tone, casing }, other) => {
        const [v1, v2] = [nucleus[0], nucleus[1]];
        const oldStyle = applyCase(`${initial}${v1}${tone}${v2}`.normalize('NFC'), casing);
        const newStyle = applyCase(`${initial}${v1}${v2}${tone}`.normalize('NFC'), casing);
        expect(toneKey(oldStyle)).toBe(toneKey(newStyle));
        expect(searchKey(oldStyle)).toBe(searchKey(newStyle));
        expect(searchKey(oldStyle)).toBe(`${initial}${v1}${v2}`);
        // In a phrase, next to another word, the placements still agree.
        const otherWord = `${other.initial}${other.nucleus[0]}${other.tone}${other.nucleus[1]}`;
        expect(containsPhrase(toneKey(`phường ${otherWord} ${oldStyle}`), toneKey(newStyle))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('different tones never share a toneKey', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...TONES), ({ initial, nucleus, tone }, otherTone) => {
        fc.pre(tone !== otherTone);
        const a = `${initial}${nucleus[0]}${nucleus[1]}${tone}`;
        const b = `${initial}${nucleus[0]}${otherTone}${nucleus[1]}`;
        expect(toneKey(a)).not.toBe(toneKey(b));
      }),
    );
  });
});

describe('normalisers agree with their plain definitions', () => {
  // The plain, one-step-at-a-time definitions the fast versions must match exactly.
  const referenceClean = (s: string) =>
    s
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .normalize('NFC')
      .replace(/[\u00A0\u202F\u2007\u2000-\u2006\u2008-\u200A\u205F\u3000\t\f\v]/g, ' ')
      .replace(/\r\n?|\u2028|\u0085/g, '\n');
  const referenceText = (s: string) => referenceClean(s).replace(/\u2029/g, ' ').replace(/\s+/g, ' ').trim();
  const referenceParagraphs = (s: string) =>
    referenceClean(s)
      .split(/\u2029|\n[ ]*\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 0)
      .join('\n\n');

  const messyText = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'a', 'ư', 'Đ', 'o', 'y', 'u', ' ', '  ', '   ', '\n', '\n\n', '\r', '\r\n', '\t', '\f', '\v',
          '\u00A0', '\u202F', '\u2007', '\u2003', '\u200A', '\u205F', '\u3000', '\u1680',
          '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u2028', '\u2029', '\u0085',
          '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u031B', '\u0302', '\u0306',
        ),
        fc.string({ maxLength: 3 }),
      ),
      { maxLength: 50 },
    )
    .map((parts) => parts.join(''));

  it('normalizeText equals the plain definition', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        expect(normalizeText(s)).toBe(referenceText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('normalizeParagraphs equals the plain definition', () => {
    fc.assert(
      fc.property(messyText, (s) => {
        expect(normalizeParagraphs(s)).toBe(referenceParagraphs(s));
      }),
      { numRuns: 2000 },
    );
  });
});
