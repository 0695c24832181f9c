/** The Article contract (see DESIGN.md, "Contracts"). */

/** Where `publishedAt` came from. */
export type DateSource = 'page' | 'listing' | 'meta' | 'url' | 'body' | 'first-seen';
export type DatePrecision = 'minute' | 'day';

export interface Image {
  /** Absolute URL. */
  src: string;
  caption?: string;
}

export interface Attachment {
  /** Absolute URL. */
  url: string;
  title: string;
  /** Lower-case file type taken from the URL or link text: `pdf`, `doc`, `docx`, `xls`, `xlsx`, `zip`, … */
  type: string;
}

/** What extraction alone can say about one article page. */
export interface ExtractedArticle {
  url: string;
  canonicalUrl: string;
  title: string;
  /** ISO 8601 with `+07:00` (Vietnam time), or undefined when the page says nothing. */
  publishedAt?: string;
  datePrecision?: DatePrecision;
  dateSource?: DateSource;
  category?: string;
  viewCount?: number;
  author?: string;
  summary?: string;
  /** Sanitised HTML, absolute URLs. */
  bodyHtml: string;
  /** Plain text, paragraphs separated by a blank line ("\n\n"). */
  bodyText: string;
  images: Image[];
  attachments: Attachment[];
  /** Name of the profile that extracted it. */
  profile: string;
}

/** What the store keeps. */
export interface Article extends Omit<ExtractedArticle, 'publishedAt' | 'datePrecision' | 'dateSource'> {
  /** Stable hash of the canonical URL (see `articleId`). */
  id: string;
  wardIds: string[];
  sourceId: string;
  publishedAt: string;
  datePrecision: DatePrecision;
  dateSource: DateSource;
  /** Hash of title + bodyText + attachments: changes when the article is edited. */
  contentHash: string;
  firstSeenAt: string;
  lastCheckedAt: string;
  /** Count of content changes seen after the first capture. */
  revisions: number;
  /** When the last content change was seen (set with each revision; absent while unedited). */
  updatedAt?: string;
  /** Set when the page answered 404/410; the article is kept. */
  removedAt?: string;
  /** Set when the body had to be cut to fit a DynamoDB item. */
  truncated?: boolean;
}
