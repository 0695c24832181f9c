import { TUNING } from './tuning.ts';

/**
 * Lines added at the end of an article rather than telling the story: the author's bio, the
 * comment policy, the disclaimer that the views are the author's own, a note on the printed
 * version or a blog theme's line under the post, and a question that sends readers to the
 * comments or a social network ("… Tell us on Facebook!"). A note is told by two
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

/**
 * The note a paper adds online about the article's printed version ("A version of this article
 * appeared in print on 11/06/2012, on page D7 of the New York edition with the headline: …",
 * "Cet article est paru dans l'édition du …"), and the lines a blog theme prints under every post
 * ("This entry was posted on … and is filed under … You can follow any responses to this entry
 * through the RSS 2.0 feed", "Bookmark the permalink", "blog comments powered by Disqus"):
 * phrases that only such a note uses.
 */
const PRINT_OR_THEME_NOTE =
  /(?<!\p{L})(?:a version of this (?:article|story|review|column|essay) (?:appears|appeared)|this (?:article|story) (?:first )?appeared in (?:print|the print edition)|cet article est paru dans l['’]édition|this entry was posted (?:on|in)|(?:you can )?follow any (?:responses to this entry|comments here) (?:through|with) the|bookmark the permalink|you can leave a response, or trackback|trackbacks are closed|comments powered by disqus|ajoutez ce permalien à vos favoris|setze ein lesezeichen auf den permalink|guarda el enlace permanente)(?!\p{L})/iu;

/** A comment policy, a disclaimer, a question sent to the comments, or a print or theme note: short enough to be one line at the end. */
export function isHouseNote(text: string): boolean {
  if (text.length > TUNING.tailNoteChars) return false;
  return (
    COMMENT_RULES.test(text) ||
    PRINT_OR_THEME_NOTE.test(text) ||
    (VIEWS.test(text) && VIEWS_OWNER.test(text)) ||
    (text.length <= TUNING.edgeLineChars && READER_ASK.test(text) && ANSWER_PLACE.test(text))
  );
}
