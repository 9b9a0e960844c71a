/**
 * The languages a caseworker picks the person's language from, as ISO 639 codes (what the opening stores): those
 * of the victims the centres meet and of the interpreters they call, named in the reader's language by the
 * platform's own list (Intl.DisplayNames), so that no code and no language name of ours needs translating.
 */
export const VICTIM_LANGUAGES = [
  'am',
  'ar',
  'bg',
  'bn',
  'cs',
  'de',
  'el',
  'en',
  'es',
  'fa',
  'ff',
  'fr',
  'ha',
  'hi',
  'hr',
  'hu',
  'hy',
  'ig',
  'it',
  'ka',
  'ku',
  'lt',
  'ln',
  'lv',
  'mk',
  'mn',
  'ne',
  'nl',
  'pa',
  'pl',
  'ps',
  'pt',
  'rom',
  'ro',
  'ru',
  'sk',
  'so',
  'sq',
  'sr',
  'sw',
  'th',
  'ti',
  'tl',
  'tr',
  'uk',
  'ur',
  'vi',
  'wo',
  'yo',
  'zh',
] as const;

/** A language's name in a locale's words ("Roemeens", "roumain"). */
export const languageName = (locale: string, code: string): string | undefined =>
  new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);

/** The languages in the order of their names in the reader's language, as a list to choose from reads. */
export const languagesByName = (locale: string): string[] =>
  [...VICTIM_LANGUAGES].sort((a, b) =>
    (languageName(locale, a) ?? a).localeCompare(languageName(locale, b) ?? b, locale),
  );
