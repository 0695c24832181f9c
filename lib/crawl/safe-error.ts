/**
 * What an error may say outside the logs: the crawl state feeds `/api/status`, which anyone can
 * read. Addresses (resolved private ones in particular), ARNs and account ids are masked and the
 * text is bounded; the full message stays in the logs.
 */
export const MAX_SAFE_MESSAGE = 200;

const ARN = /\barn:aws[a-z-]*:[^\s"',;)]*/gi;
const ACCOUNT_ID = /\b\d{12}\b/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;
// redos-bound: applied to at most 4 × MAX_SAFE_MESSAGE characters (safeMessage slices first)
const IPV6 = /\[?\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w{1,16})?\b\]?/gi;

export function safeMessage(message: string): string {
  const masked = message
    .slice(0, 4 * MAX_SAFE_MESSAGE)
    .replace(ARN, 'arn:…')
    .replace(IPV4, '<address>')
    .replace(IPV6, (m) => (m.split(':').length > 2 ? '<address>' : m))
    .replace(ACCOUNT_ID, '<account>');
  return masked.length > MAX_SAFE_MESSAGE ? masked.slice(0, MAX_SAFE_MESSAGE - 1) + '…' : masked;
}
