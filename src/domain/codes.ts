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

/**
 * The labour auditor's offices (arbeidsauditoraat / auditorat du travail) since
 * the 2014 reform, `LABOUR-` and their seat; a complaint or statement can be
 * with one of them as with a prosecutor's office, and it escalates alike.
 */
export const LABOUR_AUDITOR_COURT_OF_APPEAL = {
  'LABOUR-ANTWERPEN': 'CA-ANTWERPEN', // Antwerpen and Limburg
  'LABOUR-GENT': 'CA-GENT', // Oost- and West-Vlaanderen
  'LABOUR-LEUVEN': 'CA-BRUSSEL',
  'LABOUR-BRUSSEL': 'CA-BRUSSEL',
  'LABOUR-BRABANT-WALLON': 'CA-BRUSSEL',
  'LABOUR-HAINAUT': 'CA-MONS', // Hainaut and Charleroi
  'LABOUR-LIEGE': 'CA-LIEGE', // Liège, Namur and Luxembourg
  'LABOUR-EUPEN': 'CA-LIEGE',
} as const satisfies Record<string, CourtOfAppeal>;
export type LabourAuditorOffice = keyof typeof LABOUR_AUDITOR_COURT_OF_APPEAL;
export const LABOUR_AUDITOR_OFFICES = Object.keys(LABOUR_AUDITOR_COURT_OF_APPEAL) as [
  LabourAuditorOffice,
  ...LabourAuditorOffice[],
];

export function isLabourAuditorOffice(code: unknown): code is LabourAuditorOffice {
  return typeof code === 'string' && Object.hasOwn(LABOUR_AUDITOR_COURT_OF_APPEAL, code);
}

/** The office a complaint or statement is with: a prosecutor's office (by district) or a labour auditor's office. */
export type ComplaintOffice = JudicialDistrict | LabourAuditorOffice;
export const COMPLAINT_OFFICES = [...JUDICIAL_DISTRICTS, ...LABOUR_AUDITOR_OFFICES] as [
  ComplaintOffice,
  ...ComplaintOffice[],
];

/** The court of appeal whose Principal Crown Prosecutor an office's unanswered status query goes to. */
export function courtOfAppealOf(office: ComplaintOffice): CourtOfAppeal {
  return isLabourAuditorOffice(office) ? LABOUR_AUDITOR_COURT_OF_APPEAL[office] : DISTRICT_COURT_OF_APPEAL[office];
}

/** A prosecutor principal's office: a district's office, a labour auditor's office or a Principal Crown Prosecutor's. */
export type ProsecutorOffice = ComplaintOffice | CourtOfAppeal;
export const PROSECUTOR_OFFICES = [...COMPLAINT_OFFICES, ...COURTS_OF_APPEAL] as [
  ProsecutorOffice,
  ...ProsecutorOffice[],
];

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = ['centre', 'prosecutor', 'immigration-office', 'admin'] as const;
export type Role = (typeof ROLES)[number];
