/**
 * The tuning values of the generic extractor in one place. Shares are fractions of a text length;
 * lengths are visible characters (whitespace collapsed), those of scripts without spaces weighted.
 */
export const TUNING = {
  /** Title cuts considered at each end of a `<title>` (site names sit at an end). */
  titleEndCuts: 4,
  /** What one Han ideograph or kana counts in the lengths below (see `denseWeight` in text.ts). */
  denseScriptWeight: 3,
  /** A run of text needs this many characters to vote as a paragraph. */
  minParagraph: 25,
  /**
   * Furniture by name is skipped only while it holds less than this share of the page's text:
   * a wrapper named "has-sidebar" around the article holds most of it, a page header with a few
   * teasers above a short article barely half.
   */
  furnitureShare: 0.6,
  /** Content found in a box named like furniture with less text than this is looked for again without names … */
  shortArticle: 200,
  /** … and the second answer is kept when it holds more than this many times the text. */
  secondLookGain: 3,
  /** A `<header>` is furniture while it holds less than this share of the page's text. */
  headerShare: 0.2,
  /** Class/id weight of one positive or negative name. */
  classWeight: 25,
  /** Extra weight of `itemprop="articleBody"`. */
  articleBodyWeight: 50,
  /** A paragraph's vote: 1, plus one per comma, plus one per this many characters … */
  charsPerPoint: 100,
  /** … up to this many. */
  maxLengthPoints: 3,
  /** Levels of ancestors a paragraph votes for (its block's parent first). */
  voteLevels: 5,
  /** How many runners-up are compared with the best block. */
  runnersUp: 4,
  /** Runners-up scoring at least this share of the best are near-equal to it. */
  nearEqualShare: 0.75,
  /** Climbing from the best block stops at a parent scoring under the last level's score divided by this. */
  climbStopDivisor: 3,
  /** A sibling joins the article when it scores this share of the best block … */
  siblingShare: 0.2,
  /** … and at least this much. */
  siblingMinScore: 10,
  /** Bonus share of the best block's score for a sibling of the same class. */
  sameClassBonus: 0.2,
  /** An unscored sibling `<p>` joins with more than this many characters … */
  siblingParagraphChars: 80,
  /** … and a link density under this. */
  siblingParagraphLinkDensity: 0.25,
  /** The best block gives way to an ancestor up to this many levels up … */
  proseClimbLevels: 3,
  /** … holding this many times its prose, mostly prose itself … */
  proseClimbGain: 1.5,
  /** … with a link density under this (teaser lists around an article have more). */
  proseClimbLinkDensity: 0.1,
  /** A sibling block whose voting paragraphs hold this share of its text is prose and joins. */
  siblingProseShare: 0.6,
  /** The block named the article body wins over a block outside it while holding this share of its text. */
  namedBodyShare: 0.25,
  /** Inside the content, a box with more than this share of link text is a link list. */
  linkListDensity: 0.5,
  /** Pruning never takes out a box holding this share of the content's text or more. */
  pruneMaxShare: 0.5,
  /** A labelled tail ("Related content", "About the author") is cut while it holds at most this share of the content. */
  tailCutShare: 0.35,
  /** A comments label cuts whatever follows it with this many characters of article before it … */
  commentsMinArticle: 200,
  /** … and this share of the content. */
  commentsMinArticleShare: 0.05,
  /** … and a comment's signature line ("Posted by: … at …", "… says:") comes within this many characters after it. */
  threadSignatureWithin: 2000,
  /** Looks for a thread after a comments label or in a box named so, at most, per content. */
  threadScans: 4,
  /** A trailing navigation link ("« Back") has at most this many characters. */
  trailingLinkChars: 40,
  /** A line about the post at the content's edge ("Posted by … on …", "Tags: …") has at most this many characters … */
  edgeLineChars: 200,
  /** … and at most this many of them are taken from each edge. */
  edgeLines: 6,
  /** An author's bio or a house note at the content's end ("… is a reporter based in …") has at most this many characters. */
  tailNoteChars: 400,
  /** A box of at least this many short pieces of text … */
  labelCloudPieces: 8,
  /** … this share of them no word (figures, signs), is a chart's labels or a pager (see asides.ts). */
  labelCloudShare: 0.6,
  /** A box with an embedded player and at most this much text is the player with its caption. */
  playerCaptionChars: 300,
  /** A box named as a gallery, with a control and at least this many pictures, is a gallery widget. */
  galleryPictures: 3,
} as const;

/** Scores of title candidates by source; a string named by several sources adds them up. */
export const TITLE_SCORES = {
  meta: 3,
  metaPart: 1.5,
  docTitle: 2,
  docTitlePart: 1.5,
  h1: 2,
  h2: 1.5,
  otherHeading: 1,
  namedElement: 0.5,
  /** Bonus for a heading named title/headline. */
  named: 1,
  /** Bonus for a heading within `nearLevels` of the content, and a smaller one within `closeLevels`. */
  near: 2,
  nearLevels: 3,
  close: 1,
  closeLevels: 5,
  /** Malus for a heading inside a menu, sidebar or footer. */
  inFurniture: -3,
  /** Malus for a heading inside the content that is not its first. */
  notFirstInContent: -2,
  /** An emphasised first line of the content. */
  leadLine: 2.5,
  /** Fewest words of a title that a longer heading (title and kicker) may support. */
  kickedMinWords: 3,
  /** Longest title candidate, characters. */
  maxLength: 400,
} as const;
