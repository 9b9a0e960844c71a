/**
 * Words a notice must never carry (issue 5: mails name neither the procedure
 * nor the person), in the three languages, plus the raw codes that contain them.
 */
export const FORBIDDEN_IN_MAIL =
  /traffick|trafic|\btraite\b|mensenhandel|human beings?|êtres? humains?|exploit|uitbuit|victim|slachtoffer|smuggl|smokkel|prostitu/i;

/** The matches, for a failure message that shows what leaked. */
export function forbiddenWordsIn(text: string): string[] {
  return [...text.matchAll(new RegExp(FORBIDDEN_IN_MAIL.source, 'gi'))].map((m) => m[0]);
}
