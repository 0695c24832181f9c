import { TUNING } from './tuning.ts';

/**
 * Lines added at the end of an article rather than telling the story: the author's bio.
 */

/**
 * What an author's bio says right after the name: "… is a reporter", "… covers", "… est
 * journaliste", "… là phóng viên". The story's own last paragraph rarely opens on its author.
 */
const BIO_VERB =
  /^,?\s(?:is|was|has been|has|writes|covers|reports|joined|est|était|ist|war|schreibt|es|fue|escribe|è|era|scrive|é|foi|escreve|là|từng)\s/iu;

/** The line opens with the byline's name, whole or its first word, then BIO_VERB. */
export function isAuthorBio(text: string, author: string | undefined): boolean {
  if (!author || text.length > TUNING.tailNoteChars) return false;
  const name = author.replace(/^by\s+/iu, '');
  const first = name.split(' ', 1)[0];
  for (const n of first.length >= 2 && first !== name ? [name, first] : [name]) {
    if (n.length >= 2 && text.startsWith(n) && BIO_VERB.test(text.slice(n.length))) return true;
  }
  return false;
}
