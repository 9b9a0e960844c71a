/**
 * Codes of the actors the directory and the API refer to. The judicial map is
 * the one in force since the 2014 reform: each prosecutor's office (by judicial
 * district) escalates to the Principal Crown Prosecutor of its court of appeal.
 */
export const CENTRES = ['PAG-ASA', 'PAYOKE', 'SURYA'] as const;
export type Centre = (typeof CENTRES)[number];

export const COURTS_OF_APPEAL = ['CA-ANTWERPEN', 'CA-GENT', 'CA-BRUSSEL', 'CA-LIEGE', 'CA-MONS'] as const;
export type CourtOfAppeal = (typeof COURTS_OF_APPEAL)[number];

export const DISTRICT_COURT_OF_APPEAL = {
  ANTWERPEN: 'CA-ANTWERPEN',
  LIMBURG: 'CA-ANTWERPEN',
  'OOST-VLAANDEREN': 'CA-GENT',
  'WEST-VLAANDEREN': 'CA-GENT',
  BRUSSEL: 'CA-BRUSSEL',
  'HALLE-VILVOORDE': 'CA-BRUSSEL',
  LEUVEN: 'CA-BRUSSEL',
  'BRABANT-WALLON': 'CA-BRUSSEL',
  LIEGE: 'CA-LIEGE',
  NAMUR: 'CA-LIEGE',
  LUXEMBOURG: 'CA-LIEGE',
  EUPEN: 'CA-LIEGE',
  HAINAUT: 'CA-MONS',
  CHARLEROI: 'CA-MONS',
} as const satisfies Record<string, CourtOfAppeal>;
export type JudicialDistrict = keyof typeof DISTRICT_COURT_OF_APPEAL;
export const JUDICIAL_DISTRICTS = Object.keys(DISTRICT_COURT_OF_APPEAL) as [JudicialDistrict, ...JudicialDistrict[]];

/** A prosecutor principal's office: a district's office or a Principal Crown Prosecutor's. */
export type ProsecutorOffice = JudicialDistrict | CourtOfAppeal;
export const PROSECUTOR_OFFICES = [...JUDICIAL_DISTRICTS, ...COURTS_OF_APPEAL] as [ProsecutorOffice, ...ProsecutorOffice[]];

export const LANGUAGES = ['nl', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['centre', 'prosecutor', 'immigration-office', 'admin'] as const;
export type Role = (typeof ROLES)[number];
