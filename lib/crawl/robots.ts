/**
 * robots.txt (RFC 9309): the group for our product token, else `*`; the longest matching rule
 * wins, Allow on a tie; `*` and `$` wildcards; plus the widespread `Crawl-delay` extension.
 * Rules are matched by a linear scan (no regexes built from site text), and a file's rules are
 * capped in number and length, so a hostile robots.txt costs bounded time per check.
 */
export interface Robots {
  isAllowed(pathAndQuery: string): boolean;
  /** Seconds between requests asked by the site, when it says. */
  crawlDelaySeconds?: number;
}

/** Rules kept per file and longest rule kept: far beyond any real site's. */
export const MAX_ROBOTS_RULES = 1000;
export const MAX_ROBOTS_RULE_LENGTH = 512;
/** The part of a robots.txt read (RFC 9309 2.5 asks crawlers to read at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 512 * 1024;

interface Rule {
  allow: boolean;
  pattern: string;
  /** The literal pieces between `*`s. */
  pieces: string[];
  anchored: boolean;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay?: number;
}

function compileRule(allow: boolean, pattern: string): Rule {
  const anchored = pattern.endsWith('$');
  return { allow, pattern, anchored, pieces: (anchored ? pattern.slice(0, -1) : pattern).split('*') };
}

/**
 * Does the rule match the path (from its start)? The first piece is a prefix, each middle piece
 * is found at its leftmost place after the last (leftmost is always safe for `*`), and with `$`
 * the last piece must end the path. Each piece is searched once: no backtracking.
 */
export function ruleMatches(pieces: readonly string[], anchored: boolean, path: string): boolean {
  const first = pieces[0];
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return anchored ? path.length === first.length : true;
  let at = first.length;
  const lastIndex = pieces.length - 1;
  for (let i = 1; i < lastIndex; i++) {
    const found = path.indexOf(pieces[i], at);
    if (found < 0) return false;
    at = found + pieces[i].length;
  }
  const last = pieces[lastIndex];
  if (!anchored) return path.indexOf(last, at) >= 0;
  return path.length - last.length >= at && path.endsWith(last);
}

/** Percent-encodes what a browser would, so rules and paths compare alike. */
function normalisePath(p: string): string {
  try {
    return encodeURI(decodeURI(p));
  } catch {
    return p;
  }
}

export const ALLOW_ALL: Robots = { isAllowed: () => true };

/** `key: value` of one line, comment removed; undefined for anything else. */
function fieldOf(raw: string): { key: string; value: string } | undefined {
  const hash = raw.indexOf('#');
  const line = hash >= 0 ? raw.slice(0, hash) : raw;
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const key = line.slice(0, colon).trim().toLowerCase();
  if (!key || !/^[a-z-]+$/.test(key)) return undefined;
  return { key, value: line.slice(colon + 1).trim() };
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  let ruleCount = 0;
  for (const raw of text.slice(0, MAX_ROBOTS_BYTES).split(/\r\n|\r|\n/)) {
    const field = fieldOf(raw);
    if (!field) continue;
    const { key, value } = field;
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (key === 'disallow' && value === '') continue; // "Disallow:" allows everything
      if (value.length > MAX_ROBOTS_RULE_LENGTH || ruleCount >= MAX_ROBOTS_RULES) continue;
      ruleCount++;
      current.rules.push(compileRule(key === 'allow', normalisePath(value)));
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  return groups;
}

export function parseRobots(text: string, productToken = 'wardfeed'): Robots {
  const groups = parseGroups(text);
  const token = productToken.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== undefined);
  return {
    crawlDelaySeconds: delays.length ? Math.max(...delays) : undefined,
    isAllowed(pathAndQuery: string) {
      const path = normalisePath(pathAndQuery);
      if (path === '/robots.txt') return true;
      let best: Rule | undefined;
      for (const r of rules) {
        if (!ruleMatches(r.pieces, r.anchored, path)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r;
      }
      return best ? best.allow : true;
    },
  };
}
