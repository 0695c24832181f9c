/** Feed writers: pure functions from articles to bytes, no clock, no I/O. */
import { renderAtom } from './atom.ts';
import { renderJsonFeed } from './json.ts';
import type { FeedChannel, FeedFormat } from './model.ts';
import { renderRss } from './rss.ts';

export { renderAtom, renderJsonFeed, renderRss };
export { renderOpml, groupByProvince, wardLabel } from './opml.ts';
export { renderCsv, csvHeader, csvRow, CSV_COLUMNS } from './csv.ts';
export * from './model.ts';
export { articleUpdatedAt, newestDates, httpDate, rfc3339, rfc822, instant } from './dates.ts';

export function renderFeed(format: FeedFormat, channel: FeedChannel): string {
  switch (format) {
    case 'rss':
      return renderRss(channel);
    case 'atom':
      return renderAtom(channel);
    case 'json':
      return renderJsonFeed(channel);
  }
}
