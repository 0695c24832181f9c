/**
 * Which network addresses the crawler may connect to. Ward sites live on public addresses; a
 * private, loopback or link-local target means a misconfigured registry entry or a redirect
 * aimed at the crawler's own network (cloud metadata in particular).
 */
import { isIP } from 'node:net';

/** `never`: refused even when private addresses are allowed (link-local, cloud metadata, unspecified). */
export type AddressClass = 'public' | 'private' | 'never';

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

function inV4(ip: number, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ip & mask) === (v4ToInt(base) & mask);
}

const V4_NEVER: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['169.254.0.0', 16], // link-local, home of 169.254.169.254 (cloud metadata)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const V4_PRIVATE: Array<[string, number]> = [
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
];

function classifyV4(ip: string): AddressClass {
  const n = v4ToInt(ip);
  if (V4_NEVER.some(([b, bits]) => inV4(n, b, bits))) return 'never';
  if (V4_PRIVATE.some(([b, bits]) => inV4(n, b, bits))) return 'private';
  return 'public';
}

/** Expands an IPv6 address into 8 16-bit groups. */
function v6Groups(ip: string): number[] {
  const zone = ip.indexOf('%'); // a zone id (`fe80::1%eth0`) names an interface, not part of the address
  let s = (zone < 0 ? ip : ip.slice(0, zone)).toLowerCase();
  // An IPv4 tail (`::ffff:127.0.0.1`) follows the last colon; anchored at both ends, so read once.
  const v4 = s.slice(s.lastIndexOf(':') + 1);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) {
    const n = v4ToInt(v4);
    s = s.slice(0, -v4.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

/** The IPv4 address held in two 16-bit groups. */
function v4Of(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** An IPv4 address carried inside an IPv6 one (mapped, translated, compatible, NAT64, 6to4), if any. */
function embeddedV4(g: number[]): string | undefined {
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroUpTo(5) && g[5] === 0xffff) return v4Of(g[6], g[7]); // ::ffff:a.b.c.d, mapped
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return v4Of(g[6], g[7]); // ::ffff:0:a.b.c.d, translated
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Of(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return v4Of(g[1], g[2]); // 6to4
  // ::a.b.c.d, the deprecated "compatible" form (:: and ::1 are not addresses of this kind).
  if (zeroUpTo(6) && (g[6] !== 0 || g[7] > 1)) return v4Of(g[6], g[7]);
  return undefined;
}

function classifyV6(ip: string): AddressClass {
  const g = v6Groups(ip);
  const v4 = embeddedV4(g);
  if (v4) return classifyV4(v4);
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroUpTo(8)) return 'never'; // ::
  if (zeroUpTo(7) && g[7] === 1) return 'private'; // ::1
  if ((g[0] & 0xffc0) === 0xfe80) return 'never'; // link-local
  if ((g[0] & 0xff00) === 0xff00) return 'never'; // multicast
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g[7] === 0x254 && g.slice(2, 7).every((x) => x === 0)) return 'never'; // AWS metadata
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique-local
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated, still routed inside some networks)
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64 (RFC 8215): any embedding
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'private'; // documentation
  return 'public';
}

export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 4) return classifyV4(ip);
  if (family === 6) return classifyV6(ip);
  throw new Error(`not an IP address: ${ip}`);
}

/** Why this address is refused, or undefined when it may be fetched. */
export function refusal(ip: string, allowPrivate: boolean): string | undefined {
  const c = classifyAddress(ip);
  if (c === 'never') return `${ip} is a link-local, metadata or reserved address`;
  if (c === 'private' && !allowPrivate) return `${ip} is a private or loopback address`;
  return undefined;
}
