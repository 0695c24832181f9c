/**
 * Formulas written in MathML are article text: the element names of presentation MathML, which of
 * them are tokens (one symbol, number, name or word each), and the attributes that only lay a
 * formula out. Shared by the content finder, the text walk and the sanitiser.
 */

/** Token elements: each is a word of its own when the formula is read as text. */
export const MATH_TOKEN_TAGS = new Set(['mi', 'mn', 'mo', 'mtext', 'ms']);

/**
 * Presentation MathML (MathML Core and the common MathML 3 layout elements). `semantics` stays
 * for its first child, the presentation; its annotations are in MATH_ANNOTATION_TAGS.
 */
export const MATH_TAGS = new Set([
  'math', ...MATH_TOKEN_TAGS, 'mspace', 'mrow', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'merror', 'mpadded', 'mphantom',
  'mfenced', 'menclose', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts',
  'none', 'mtable', 'mtr', 'mlabeledtr', 'mtd', 'maction', 'semantics',
]);

/** Other encodings of a formula (TeX source, content MathML, HTML): never shown, never read. */
export const MATH_ANNOTATION_TAGS = ['annotation', 'annotation-xml'];

/** Drawn invisibly: takes room in the layout but is not read. */
export const MATH_INVISIBLE_TAG = 'mphantom';

/** Layout attributes any MathML element may keep: none holds an address, a script or a style. */
const COMMON_ATTRIBUTES = ['dir', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize'];

const OWN_ATTRIBUTES: Record<string, string[]> = {
  math: ['display', 'alttext'],
  mo: ['form', 'fence', 'separator', 'stretchy', 'symmetric', 'largeop', 'movablelimits', 'lspace', 'rspace', 'minsize', 'maxsize', 'accent'],
  mfrac: ['linethickness'],
  mover: ['accent'],
  munder: ['accentunder'],
  munderover: ['accent', 'accentunder'],
  mspace: ['width', 'height', 'depth'],
  mpadded: ['width', 'height', 'depth', 'lspace', 'voffset'],
  mtable: ['columnalign', 'rowalign', 'columnlines', 'rowlines', 'columnspacing', 'rowspacing', 'frame'],
  mtr: ['columnalign', 'rowalign'],
  mlabeledtr: ['columnalign', 'rowalign'],
  mtd: ['columnalign', 'rowalign', 'columnspan', 'rowspan'],
  menclose: ['notation'],
  mfenced: ['open', 'close', 'separators'],
  ms: ['lquote', 'rquote'],
};

/** The attributes each MathML element keeps through the sanitiser. */
export function mathAttributes(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const tag of MATH_TAGS) out[tag] = [...COMMON_ATTRIBUTES, ...(OWN_ATTRIBUTES[tag] ?? [])];
  return out;
}

/**
 * Invisible operators (function application, invisible times, separator and plus): they tell a
 * reader's software how the symbols bind and show nothing, so a token of only these is no word.
 */
export const INVISIBLE_OPERATORS = /[\u2061-\u2064]/g;
