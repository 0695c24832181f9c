import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { classifyAddress, refusal } from '../../lib/crawl/address.ts';
import { backoffMs, retryAfterMs } from '../../lib/crawl/backoff.ts';
import { charsetFromContentType, charsetFromMeta, decodeBody } from '../../lib/crawl/charset.ts';
import { HostQueue } from '../../lib/crawl/host-queue.ts';
import { parseRobots } from '../../lib/crawl/robots.ts';
import { WardfeedError } from '../../lib/errors.ts';

describe('robots.txt', () => {
  const robots = parseRobots(
    [
      'User-agent: Googlebot', 'Disallow: /', '',
      'User-agent: *', 'Disallow: /c/portal/', 'Disallow: /*.pdf$', 'Allow: /c/portal/public', 'Crawl-delay: 2', '',
    ].join('\n'),
  );
  it('uses the * group when none names wardfeed', () => {
    expect(robots.isAllowed('/phuong-thanh-tri')).toBe(true);
    expect(robots.isAllowed('/c/portal/login')).toBe(false);
    expect(robots.crawlDelaySeconds).toBe(2);
  });
  it('longest match wins; wildcards and $ anchor', () => {
    expect(robots.isAllowed('/c/portal/public/x')).toBe(true);
    expect(robots.isAllowed('/documents/a.pdf')).toBe(false);
    expect(robots.isAllowed('/documents/a.pdf?x=1')).toBe(true);
  });
  it('a group naming wardfeed replaces the * group', () => {
    const r = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: wardfeed\nDisallow: /private\n');
    expect(r.isAllowed('/news')).toBe(true);
    expect(r.isAllowed('/private/a')).toBe(false);
  });
  it('empty Disallow allows everything; robots.txt itself is always allowed', () => {
    expect(parseRobots('User-agent: *\nDisallow:\n').isAllowed('/x')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /\n').isAllowed('/robots.txt')).toBe(true);
  });
});

describe('addresses', () => {
  it.each([
    ['8.8.8.8', 'public'], ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'],
    ['127.0.0.1', 'private'], ['100.64.0.1', 'private'], ['169.254.169.254', 'never'], ['0.0.0.0', 'never'],
    ['::1', 'private'], ['fd12::1', 'private'], ['fe80::1', 'never'], ['::ffff:169.254.169.254', 'never'],
    ['::ffff:10.0.0.1', 'private'], ['2001:4860:4860::8888', 'public'], ['fd00:ec2::254', 'never'], ['::', 'never'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
  it.each([
    // IPv4 inside IPv6: the embedded address decides.
    ['::7f00:1', 'private'], ['::127.0.0.1', 'private'], ['::a9fe:a9fe', 'never'], ['::808:808', 'public'],
    ['::ffff:0:7f00:1', 'private'], ['::ffff:0:a9fe:a9fe', 'never'], ['::ffff:0:808:808', 'public'],
    ['2002:7f00:1::', 'private'], ['2002:a9fe:a9fe::1', 'never'], ['2002:c0a8:101::1', 'private'], ['2002:808:808::1', 'public'],
    ['64:ff9b::7f00:1', 'private'], ['64:ff9b::808:808', 'public'],
    // Ranges that are not public themselves.
    ['fec0::1', 'private'], ['feff::1', 'private'], ['64:ff9b:1::1', 'private'], ['64:ff9b:1:ffff::808:808', 'private'],
    // Public neighbours stay public.
    ['2003::1', 'public'], ['fe00::1', 'public'], ['64:ff9b:2::1', 'public'],
  ])('IPv6 form %s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
  it('metadata stays refused with allowPrivate', () => {
    expect(refusal('127.0.0.1', true)).toBeUndefined();
    expect(refusal('127.0.0.1', false)).toMatch(/private or loopback/);
    expect(refusal('169.254.169.254', true)).toMatch(/metadata/);
  });
});

describe('backoff', () => {
  it('full jitter stays under the exponential cap', () => {
    expect(backoffMs(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffMs(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffMs(10, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffMs(2, 100, 1000, () => 0)).toBe(0);
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('charset', () => {
  it('Content-Type first, then <meta>, then UTF-8', () => {
    expect(charsetFromContentType('text/html; charset="Windows-1258"')).toBe('windows-1258');
    expect(charsetFromMeta(Buffer.from('<meta charset="windows-1258">'))).toBe('windows-1258');
    expect(charsetFromMeta(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'))).toBe('utf-8');
    expect(decodeBody(Buffer.from('Phường')).text).toBe('Phường');
  });
  it('decodes windows-1258 tone marks into composed (NFC) text', () => {
    // "Hoà": o + combining grave (0xCC in windows-1258)
    const bytes = Buffer.concat([iconv.encode('Ho', 'windows-1258'), Buffer.from([0xcc]), iconv.encode('a', 'windows-1258')]);
    const { text, charset } = decodeBody(bytes, 'text/html; charset=windows-1258');
    expect(charset).toBe('windows-1258');
    expect(text).toBe('Hòa'.normalize('NFC'));
  });
  it('reads pages that say ISO-8859-1 or ASCII as windows-1252, as browsers do', () => {
    // 0x93 and 0x94 are curly quotes in windows-1252 and control characters in ISO-8859-1.
    const bytes = Buffer.from([0x93, 0x41, 0x94, 0x20, 0xe9]);
    for (const label of ['iso-8859-1', 'ISO_8859-1', 'latin1', 'us-ascii', 'ascii', 'cp1252']) {
      expect(decodeBody(bytes, `text/html; charset=${label}`), label).toEqual({ text: '“A” é', charset: 'windows-1252' });
    }
  });
  it('an unknown charset is a typed error', () => {
    expect(() => decodeBody(Buffer.from('x'), 'text/html; charset=x-klingon')).toThrow(WardfeedError);
  });
});

describe('host queue', () => {
  it('runs one task at a time per host, with the delay between them', async () => {
    const q = new HostQueue();
    let running = 0;
    let maxRunning = 0;
    const starts: number[] = [];
    const task = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 10));
      running--;
    };
    await Promise.all([q.run('a', 40, task), q.run('a', 40, task), q.run('a', 40, task)]);
    expect(maxRunning).toBe(1);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(48);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(48);
  });
  it('different hosts run side by side', async () => {
    const q = new HostQueue();
    let running = 0;
    let maxRunning = 0;
    const task = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    };
    await Promise.all([q.run('a', 0, task), q.run('b', 0, task)]);
    expect(maxRunning).toBe(2);
  });
});
