/**
 * Where a JSON text first goes wrong, as line and column (1-based). `JSON.parse` on Node 20 does
 * not always say where; this small scanner follows the JSON grammar only to find that place.
 */
export function jsonErrorPosition(text: string): { line: number; column: number; reason: string } {
  let i = 0;
  class Stop extends Error {}
  let reason = '';
  const stop = (why: string): never => {
    reason = why;
    throw new Stop(why);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else stop(describe());
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop('bad escape in string');
      } else if (c < ' ') stop('control character in string (unescaped line break?)');
      else i++;
    }
    stop('unterminated string');
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) stop(describe());
    i += m![0].length;
  };
  /** The members of an object or array, after its opening bracket, up to and past `close`. */
  const members = (close: '}' | ']', member: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      stop(`${describe()}, expected "," or "${close}"`);
    }
  };
  const property = () => {
    ws();
    if (text[i] !== '"') stop(`${describe()}, expected a property name in double quotes`);
    string();
    ws();
    if (text[i] !== ':') stop(`${describe()}, expected ":"`);
    i++;
    value();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') members('}', property);
    else if (c === '[') members(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else stop(describe());
  };
  try {
    value();
    ws();
    if (i < text.length) stop(`${describe()} after the end of the JSON value`);
    reason = 'not valid JSON';
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  const column = i - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, reason };
}
