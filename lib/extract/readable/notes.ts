import { TUNING } from './tuning.ts';

/**
 * Lines added at the end of an article rather than telling the story: the author's bio, the
 * comment policy, the disclaimer that the views are the author's own, and a question that sends
 * readers to the comments or a social network ("… Tell us on Facebook!"). A note is told by two
 * marks together (what it asks and where it sends the reader, what it disclaims and whose the
 * views are) or by a phrase only such a note uses, so that a closing sentence sharing one of the
 * words stays. Many languages.
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

// Word edges that hold in every script (`\b` knows only ASCII letters).
/** Rules for readers' comments: moderation, house rules, length ("Comments may be no longer than 2000 characters"). */
const COMMENT_RULES =
  /(?<!\p{L})(?:(?:keep|remove|delete|moderate) (?:all |any |your )?comments|comments (?:are|will be|may be) (?:moderated|removed|deleted)|comment(?:ing)? (?:policy|guidelines|rules)|commentaires (?:sont|seront) modérés|charte de modération|kommentare werden moderiert|comentarios (?:son|serán) moderados|commenti (?:sono|saranno|vengono) moderati|bình luận (?:sẽ được|được) kiểm duyệt|ý kiến (?:của bạn )?sẽ được (?:biên tập|kiểm duyệt)|comments? (?:(?:may|must|can|should) be|are|is) (?:no (?:longer|more) than|at most|up to|limited to) \d[\d,.]* (?:characters|words)|commentaires? (?:sont |est )?limités? à \d[\d.]* caractères|kommentare (?:dürfen|sind auf) (?:höchstens |maximal )?\d[\d.]* zeichen|comentarios? (?:tienen|tiene) (?:un máximo de|como máximo) \d[\d.]* caracteres|bình luận (?:không quá|tối đa) \d[\d.]* (?:ký tự|chữ))(?!\p{L})/iu;
/** "Views expressed … are those of the author": the views … */
const VIEWS =
  /(?<!\p{L})(?:views|opinions|opinions exprimées|propos|meinung|opiniones|opinioni|opiniões|quan điểm)(?!\p{L})/iu;
/** … and whose they are. */
const VIEWS_OWNER =
  /(?<!\p{L})(?:(?:those|the views|the opinions) of the authors?|authors?'?s? own|not necessarily|n'engagent que|des autors|der autorin|de (?:su |sus )?autor(?:es)?|dell'autore|degli autori|do autor|của tác giả)(?!\p{L})/iu;
/** A call to the reader to answer … */
const READER_ASK =
  /(?<!\p{L})(?:tell us|let us know|let me know|share your (?:thoughts|views|opinions?|experiences?|stories)|sound off|leave (?:a|your) (?:comment|reply|thoughts)|weigh in|dites-nous|faites-nous savoir|donnez(?:-nous)? votre avis|laissez(?:-nous)? un commentaire|schreiben sie uns|sagen sie uns|verraten sie uns|cuéntanos|déjanos|dinos|fateci sapere|diteci|hãy cho (?:chúng tôi|tôi) biết|hãy chia sẻ|hãy để lại|mời (?:bạn|quý) (?:đọc|vị) (?:chia sẻ|gửi))(?!\p{L})/iu;
/**
 * … and where: the comments, below, a social network. Not "ý kiến" (opinions): a ward's
 * consultation notice asks for them, and that line is the notice itself.
 */
const ANSWER_PLACE =
  /(?<!\p{L})(?:comments?|comments? section|below|facebook|twitter|instagram|commentaires?|ci-dessous|kommentar(?:en|e)?|unten|comentarios?|abajo|commenti|qui sotto|bình luận|bên dưới)(?!\p{L})/iu;

/** A comment policy, a disclaimer, or a question sent to the comments: short enough to be one line at the end. */
export function isHouseNote(text: string): boolean {
  if (text.length > TUNING.tailNoteChars) return false;
  return (
    COMMENT_RULES.test(text) ||
    (VIEWS.test(text) && VIEWS_OWNER.test(text)) ||
    (text.length <= TUNING.edgeLineChars && READER_ASK.test(text) && ANSWER_PLACE.test(text))
  );
}
