export { normalizeText, normalizeParagraphs } from './normalize.ts';
export { searchKey, toneKey, slugify, containsPhrase, findPhrase, foldChar } from './fold.ts';
