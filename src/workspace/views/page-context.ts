import type { Language } from '../../domain/codes';
import type { Principal } from '../../identity/principals';
import type { LanguagePack } from '../../i18n';

/** What every page needs: the reader's language and words, who is signed in, the form token. */
export interface PageContext {
  lang: Language;
  pack: LanguagePack;
  /** The path of the page, for the language links. */
  path: string;
  /** The page's query (a sign-in's way back, a list's filters), which the language links keep. */
  query?: string;
  principal?: Principal;
  /** How the header names the person signed in (the principals file's name, else the id). */
  principalName?: string;
  csrf?: string;
}
