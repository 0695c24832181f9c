/**
 * Finding the article in a page that no profile knows, in the spirit of Mozilla Readability and
 * trafilatura: paragraphs vote for the blocks that hold them, class/id names and link density
 * weigh the votes, the best block wins and takes its qualified siblings along. Only
 * language-neutral markup signals are used; nothing here knows any particular site.
 *
 * The parts, under readable/: `context` (what one extraction learns of the page), `names`
 * (class/id and tag signals), `analysis` (the paragraph walk), `candidates` (scoring and choosing
 * the block), `prune` (furniture inside the chosen block), `asides` (furniture known by its shape:
 * charts of labels, players, skipped boxes, cross-references, boxes titled by a prompt),
 * `contents` (a table of contents that pruning keeps; tab widgets it drops), `edge` (lines about
 * the post at its edges), `notes` (the author's bio and the house's notes at its end), `tail` (a
 * labelled tail) and `thread` (readers' comments after the article), `title` and `title-text` (the
 * title by agreement of its sources), `dateline` (lines that only date and sign the post),
 * `standfirst` (the lead), `text` (lengths of text as prose), `tuning` (every tuning value).
 */
export { readableContext, type ReadableContext } from './readable/context.ts';
export { locateMainContent, type MainContent } from './readable/candidates.ts';
export { pruneContent } from './readable/prune.ts';
export { findTitle, findTitleWithElement } from './readable/title.ts';
export { findStandfirst } from './readable/standfirst.ts';
export { cleanTitleKey, titleKey } from './readable/title-text.ts';
export { isBylineLine, isDateLine, MAX_DATE_LINE } from './readable/dateline.ts';
export { isEdgeLineAbove } from './readable/edge.ts';
export { DOCUMENT_EXT, STANDFIRST } from './readable/names.ts';
export { proseLength } from './readable/text.ts';
