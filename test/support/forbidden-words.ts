/**
 * Words a notice must never carry (issue 5: mails name neither the procedure
 * nor the person), in the notice languages (nl, fr, de, en), plus the raw codes that contain them.
 */
export const FORBIDDEN_IN_MAIL =
  /traffick|trafic|\btraite\b|mensenhandel|menschenhandel|human beings?|êtres? humains?|exploit|uitbuit|ausbeut|victim|slachtoffer|opfer|smuggl|smokkel|schmuggel|schleus|prostitu/i;

/** The matches, for a failure message that shows what leaked. */
export function forbiddenWordsIn(text: string): string[] {
  return [...text.matchAll(new RegExp(FORBIDDEN_IN_MAIL.source, 'gi'))].map((m) => m[0]);
}
