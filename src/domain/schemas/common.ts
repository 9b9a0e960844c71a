import { z } from 'zod';
import { FIELD_RULES } from './field-rules';
import {
  CENTRES,
  COMPLAINT_OFFICES,
  COURTS_OF_APPEAL,
  JUDICIAL_DISTRICTS,
  LANGUAGES,
  PROSECUTOR_OFFICES,
  ROLES,
} from '../codes';

/** A real calendar date: z.iso.date rejects 2026-02-30 and 2025-02-29. */
export const isoDate = z.iso
  .date()
  .meta({ description: 'Calendar date YYYY-MM-DD (Europe/Brussels)', example: '2026-11-23' });

/** Free text kept inside the encrypted payloads only; never logged, never mailed. */
export const note = z
  .string()
  .max(4000)
  .optional()
  .meta({ description: 'Free text, stored encrypted, never logged or mailed' });

export const centreCode = z.enum(CENTRES).meta({ id: 'Centre' });
export const judicialDistrict = z
  .enum(JUDICIAL_DISTRICTS)
  .meta({ id: 'JudicialDistrict', description: "Code of a judicial district's prosecutor's office" });
export const courtOfAppeal = z
  .enum(COURTS_OF_APPEAL)
  .meta({ id: 'CourtOfAppeal', description: "Code of a court of appeal's Principal Crown Prosecutor" });
export const complaintOffice = z.enum(COMPLAINT_OFFICES).meta({
  id: 'ComplaintOffice',
  description:
    "The office a complaint or statement is with: a prosecutor's office by judicial district code, or a labour auditor's office (LABOUR- and its seat)",
});
export const prosecutorOffice = z.enum(PROSECUTOR_OFFICES).meta({
  id: 'ProsecutorOffice',
  description:
    "A prosecutor principal's office: a judicial district's prosecutor's office, a labour auditor's office (LABOUR- and its seat), or a court of appeal's Principal Crown Prosecutor",
});
/**
 * Latin letters (with the accents of nl, fr and de), digits and a few separators: what Belgian administrations
 * print. Written without Unicode classes, so that every JSON Schema tool reads the document's pattern alike.
 */
const FILE_REFERENCE =
  /^[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F ./_-]*$/;
/**
 * A file number of another administration (the prosecutor's, the Immigration Office's), as it is printed
 * there; personal data by association: encrypted, never in search attributes, logs or mails.
 */
export const fileReference = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(FILE_REFERENCE, FIELD_RULES.fileReference)
  .meta({ example: 'BR.12.L3.104578/26' });

export const language = z.enum(LANGUAGES).meta({ id: 'Language' });
export const role = z.enum(ROLES).meta({ id: 'Role' });
