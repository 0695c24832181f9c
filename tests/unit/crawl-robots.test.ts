import { describe, expect, it } from 'vitest';
import { MAX_ROBOTS_RULE_LENGTH, MAX_ROBOTS_RULES, parseRobots } from '../../lib/crawl/robots.ts';

/** Least milliseconds of five rounds of `n` calls of `f` (the least is the least disturbed by other work). */
function timeOf(f: () => void, n = 10): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('robots.txt wildcard matching (RFC 9309)', () => {
  it.each([
    // rule, path, allowed
    ['Disallow: /fish', '/fish', false],
    ['Disallow: /fish', '/fish.html', false],
    ['Disallow: /fish', '/Fish.asp', true],
    ['Disallow: /fish*', '/fishheads/yummy.html', false],
    ['Disallow: /*.php', '/folder/filename.php?parameters', false],
    ['Disallow: /*.php', '/windows.PHP', true],
    ['Disallow: /*.php$', '/filename.php', false],
    ['Disallow: /*.php$', '/filename.php?parameters', true],
    ['Disallow: /*.php$', '/filename.php5', true],
    ['Disallow: /fish*.php', '/fishheads/catfish.php?parameters', false],
    ['Disallow: /fish*.php', '/Fish.PHP', true],
    ['Disallow: /a*b*c$', '/axxbxxc', false],
    ['Disallow: /a*b*c$', '/axxcxxb', true],
    ['Disallow: /a*b*c$', '/abcbc', false],
    ['Disallow: /a*bc$', '/abcbc', false],
    ['Disallow: /a$', '/a', false],
    ['Disallow: /a$', '/ab', true],
    ['Disallow: /*$', '/anything', false],
    ['Disallow: /x**y', '/x-y', false],
  ])('%s on %s: allowed %s', (rule, path, allowed) => {
    expect(parseRobots(`User-agent: *\n${rule}\n`).isAllowed(path)).toBe(allowed);
  });

  it('the longest rule wins and Allow wins a tie', () => {
    const r = parseRobots('User-agent: *\nDisallow: /page\nAllow: /page\nDisallow: /*.htm\nAllow: /p*\n');
    expect(r.isAllowed('/page')).toBe(true); // Allow /page ties Disallow /page
    expect(r.isAllowed('/page.htm')).toBe(false); // /*.htm is the longest match
    expect(parseRobots('User-agent: *\nDisallow: /*.htm\nAllow: /page.h\n').isAllowed('/page.htm')).toBe(true);
  });

  it('a backtracking-bait rule answers at once (it took seconds as a regex)', () => {
    const r = parseRobots('User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*aX\n');
    expect(r.isAllowed('/' + 'a'.repeat(40))).toBe(true);
    expect(r.isAllowed('/' + 'a'.repeat(40) + 'X')).toBe(false);
  });

  it('check time grows at most linearly with the path (10k vs 100k characters)', () => {
    const r = parseRobots('User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*aX$\nDisallow: /*b*$\n');
    const small = '/' + 'a'.repeat(10_000);
    const large = '/' + 'a'.repeat(100_000);
    timeOf(() => r.isAllowed(large)); // warm up
    const ratio = timeOf(() => r.isAllowed(large)) / Math.max(timeOf(() => r.isAllowed(small)), 0.05);
    // Linear: about 10; quadratic would be about 100.
    expect(ratio).toBeLessThan(40);
  });

  it('caps the number and the length of rules', () => {
    const many = ['User-agent: *', ...Array.from({ length: MAX_ROBOTS_RULES }, (_, i) => `Disallow: /r${i}/`), 'Disallow: /late/'].join('\n');
    const r = parseRobots(many);
    expect(r.isAllowed('/r0/x')).toBe(false);
    expect(r.isAllowed(`/r${MAX_ROBOTS_RULES - 1}/x`)).toBe(false);
    expect(r.isAllowed('/late/x')).toBe(true); // past the cap: ignored
    const long = '/' + 'x'.repeat(MAX_ROBOTS_RULE_LENGTH);
    expect(parseRobots(`User-agent: *\nDisallow: ${long}\n`).isAllowed(long)).toBe(true);
    expect(parseRobots(`User-agent: *\nDisallow: ${long.slice(0, MAX_ROBOTS_RULE_LENGTH)}\n`).isAllowed(long)).toBe(false);
  });
});
