import type { Request } from 'express';
import { LANGUAGES, type Language } from './domain/codes';

/** The language of the reader (Accept-Language: nl-BE, fr-BE, de-BE, en...), English when none of ours is asked for. */
export function acceptedLanguage(req: Request): Language {
  // English first: no header, or `*`, means English.
  const asked = req.acceptsLanguages('en', ...LANGUAGES.filter((l) => l !== 'en'));
  return typeof asked === 'string' ? (asked as Language) : 'en';
}
