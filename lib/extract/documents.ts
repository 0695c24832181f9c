/**
 * Links to documents (PDF, Office, archives): attachments of an article, never articles or body
 * text. The extension may be followed by a query, a fragment, a path parameter or a further
 * path segment (Liferay serves `/documents/…/plan.pdf/<uuid>`).
 */
export const DOCUMENT_EXT = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|odt|ods|odp)(?=$|[?#&;/])/i;
