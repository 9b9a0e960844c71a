import type { Language } from '../domain/codes';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';
import type { LanguagePack } from './types';

export const LANGUAGE_PACKS: Readonly<Record<Language, LanguagePack>> = { nl, fr, de, en };
export * from './types';
