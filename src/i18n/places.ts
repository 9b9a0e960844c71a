import type { Centre, Language } from '../domain/codes';

/**
 * The seats and areas the offices are named after, as each language writes them: an office's code is its place,
 * after `LABOUR-` (a labour auditor's office) or `CA-` (a court of appeal, whose Principal Crown Prosecutor it is).
 * French gives the place with its preposition, as it follows "parquet", "auditorat du travail" or "procureur
 * général" (de Liège, d'Anvers, du Hainaut).
 */
const PLACES: Record<string, Record<Language, string>> = {
  ANTWERPEN: { nl: 'Antwerpen', fr: 'd’Anvers', de: 'Antwerpen', en: 'Antwerp' },
  LIMBURG: { nl: 'Limburg', fr: 'du Limbourg', de: 'Limburg', en: 'Limburg' },
  'OOST-VLAANDEREN': { nl: 'Oost-Vlaanderen', fr: 'de Flandre orientale', de: 'Ostflandern', en: 'East Flanders' },
  'WEST-VLAANDEREN': {
    nl: 'West-Vlaanderen',
    fr: 'de Flandre occidentale',
    de: 'Westflandern',
    en: 'West Flanders',
  },
  GENT: { nl: 'Gent', fr: 'de Gand', de: 'Gent', en: 'Ghent' },
  BRUSSEL: { nl: 'Brussel', fr: 'de Bruxelles', de: 'Brüssel', en: 'Brussels' },
  'HALLE-VILVOORDE': { nl: 'Halle-Vilvoorde', fr: 'de Hal-Vilvorde', de: 'Halle-Vilvoorde', en: 'Halle-Vilvoorde' },
  LEUVEN: { nl: 'Leuven', fr: 'de Louvain', de: 'Löwen', en: 'Leuven' },
  'BRABANT-WALLON': { nl: 'Waals-Brabant', fr: 'du Brabant wallon', de: 'Wallonisch-Brabant', en: 'Walloon Brabant' },
  LIEGE: { nl: 'Luik', fr: 'de Liège', de: 'Lüttich', en: 'Liège' },
  NAMUR: { nl: 'Namen', fr: 'de Namur', de: 'Namür', en: 'Namur' },
  LUXEMBOURG: { nl: 'Luxemburg', fr: 'du Luxembourg', de: 'Luxemburg', en: 'Luxembourg' },
  EUPEN: { nl: 'Eupen', fr: 'd’Eupen', de: 'Eupen', en: 'Eupen' },
  HAINAUT: { nl: 'Henegouwen', fr: 'du Hainaut', de: 'Hennegau', en: 'Hainaut' },
  CHARLEROI: { nl: 'Charleroi', fr: 'de Charleroi', de: 'Charleroi', en: 'Charleroi' },
  MONS: { nl: 'Bergen', fr: 'de Mons', de: 'Bergen', en: 'Mons' },
};

/** The place an office is named after, in a language; a code of no known place (a test finds none) as it is. */
export const placeOf = (code: string, language: Language): string =>
  PLACES[code.replace(/^(LABOUR|CA)-/, '')]?.[language] ?? code;

/** The centres as they write their own names. */
export const CENTRE_NAMES: Record<Centre, string> = { 'PAG-ASA': 'PAG-ASA', PAYOKE: 'Payoke', SURYA: 'Sürya' };

export const centreName = (code: string): string => CENTRE_NAMES[code as Centre] ?? code;
