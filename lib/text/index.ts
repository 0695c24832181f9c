export { normalizeText, normalizeParagraphs } from './normalize.ts';
export { searchKey, toneKey, slugify, containsPhrase, findPhrase, foldChar, trimChar } from './fold.ts';
