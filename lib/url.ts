import { createHash } from 'node:crypto';

/** Query parameters that identify a visitor or a campaign, never a page. */
const SESSION_PARAMS = /^(jsessionid|phpsessid|sid|sessionid|aspsessionid\w*|utm_\w+|fbclid|gclid|zarsrc|_ga|p_auth|p_p_auth|doAsUserId)$/i;
/** Liferay portlet UI state: window state, mode, column position; never part of an article's identity. */
const PORTLET_UI_PARAMS = /^(p_p_lifecycle|p_p_state|p_p_mode|p_p_col_id|p_p_col_pos|p_p_col_count|p_v_l_s_g_id|_\w+_redirect|redirect)$/i;

/**
 * The one address an article is known by: lower-case host, no fragment, no session or tracking
 * parameters, no `;jsessionid=` path parameter, remaining query parameters sorted.
 */
export function canonicalizeUrl(input: string): string {
  const u = new URL(input);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  u.pathname = u.pathname.replace(/;jsessionid=[^/?#]*/gi, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  // The pairs are kept as the site wrote them: re-encoding them (`?123` as `?123=`, `%20` as `+`)
  // would ask some servers for another page.
  const kept = u.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => ({ pair, key: decodeUriLoosely(pair.split('=', 1)[0].replace(/\+/g, ' ')) }))
    .filter(({ key }) => !SESSION_PARAMS.test(key) && !PORTLET_UI_PARAMS.test(key))
    .sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.pair < b.pair ? -1 : a.pair > b.pair ? 1 : 0))
    .map(({ pair }) => pair);
  u.search = kept.length ? `?${kept.join('&')}` : '';
  return u.toString();
}

/** Whether two addresses are on the same site: one host, with or without `www.`. */
export function sameSite(a: string, b: string): boolean {
  try {
    const strip = (h: string) => h.toLowerCase().replace(/^www\./, '');
    return strip(new URL(a).hostname) === strip(new URL(b).hostname);
  } catch {
    return false;
  }
}

/** Stable article id: the first 20 hex digits of SHA-256 over the canonical URL. */
export function articleId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 20);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Percent-decodes a URL part without ever throwing: a stray `%` (`bao-cao-100%.pdf`) or a broken
 * UTF-8 sequence stays as written, and IIS's `%uXXXX` escapes are read as the character they name.
 */
export function decodeUriLoosely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s
      .replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      })
      .replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
