/** The host(s) a source lives on: those of its listing URLs. */
import type { Source } from '../registry/types.ts';

/** Every host of a source's listing URLs and feed, lower case (an unreadable URL names none). */
export function sourceHosts(source: Pick<Source, 'listUrls' | 'feedUrl'>): Set<string> {
  const hosts = new Set<string>();
  for (const u of [...source.listUrls, ...(source.feedUrl ? [source.feedUrl] : [])]) {
    try {
      hosts.add(new URL(u).hostname.toLowerCase());
    } catch {
      // The registry validates its URLs; nothing to add for one that is not.
    }
  }
  return hosts;
}

/** The host of a source's first listing URL: its politeness group (FIFO group, crawl group). */
export function sourceHost(source: Pick<Source, 'id' | 'listUrls'>): string {
  return sourceHosts({ listUrls: source.listUrls.slice(0, 1) }).values().next().value ?? source.id;
}
