/**
 * Characters XML 1.0 forbids anywhere (C0 controls except tab/newline/return, U+FFFE/U+FFFF and
 * lone surrogates). Old CMS pages carry such bytes now and then; one of them would make a whole
 * feed unreadable, so every text is cleaned before any writer sees it.
 */
// eslint-disable-next-line no-control-regex -- the control characters XML forbids are what this pattern matches
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}
