import { COMPLAINT_OFFICES, COURTS_OF_APPEAL } from '../domain/codes';
import type { LanguagePack } from './types';

type Words = Readonly<Record<string, string>>;

/**
 * How a language pack says the codes a refusal's facts carry (stages, documents, grounds, offices):
 * its own words, in its own quotation marks, lists joined by its own "or"/"and"; a code it has no
 * words for, as it is.
 */
export function codeWords(marks: { open: string; close: string }, recipients: LanguagePack['recipients']) {
  const say = (table: Words, code: string | undefined): string =>
    (code !== undefined && Object.hasOwn(table, code) ? table[code] : undefined) ?? String(code);
  const quote = (table: Words, code: string | undefined): string => `${marks.open}${say(table, code)}${marks.close}`;
  /** A comma-joined list of codes in words, the last after `last`. */
  const quoteAll = (table: Words, codes: string | undefined, last: string): string => {
    const each = String(codes)
      .split(',')
      .map((c) => c.trim().replace(/^'(.*)'$/, '$1'))
      .filter((c) => c !== '')
      .map((c) => quote(table, c));
    return each.length < 2 ? each.join('') : `${each.slice(0, -1).join(', ')} ${last} ${each.at(-1)}`;
  };
  /** An office code as the recipients name it. */
  const office = (code: string | undefined): string =>
    (COMPLAINT_OFFICES as readonly string[]).includes(String(code))
      ? recipients.prosecutor(String(code))
      : (COURTS_OF_APPEAL as readonly string[]).includes(String(code))
        ? recipients['principal-crown-prosecutor'](String(code))
        : String(code);
  return { say, quote, quoteAll, office };
}
