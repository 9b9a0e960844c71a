import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CENTRES,
  COURTS_OF_APPEAL,
  DISTRICT_COURT_OF_APPEAL,
  JUDICIAL_DISTRICTS,
  LABOUR_AUDITOR_COURT_OF_APPEAL,
  LABOUR_AUDITOR_OFFICES,
  courtOfAppealOf,
} from '../../src/domain/codes';
import { DirectoryError, complaintOfficeContact, loadDirectory, parseDirectory } from '../../src/directory';

const DEV_FILE = join(__dirname, '../../config/dev/directory.json');
const devJson = (): Record<string, Record<string, unknown>> => JSON.parse(readFileSync(DEV_FILE, 'utf8'));

function problemsOf(data: unknown): string {
  try {
    parseDirectory(data, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryError);
    return (err as Error).message;
  }
  throw new Error('expected the directory to be rejected');
}

describe('recipients directory', () => {
  it('loads the shipped dev file with every centre, district and court of appeal', () => {
    const dir = loadDirectory(DEV_FILE);
    expect(Object.keys(dir.centres).sort()).toEqual([...CENTRES].sort());
    expect(Object.keys(dir.prosecutorOffices).sort()).toEqual([...JUDICIAL_DISTRICTS].sort());
    expect(Object.keys(dir.principalCrownProsecutors).sort()).toEqual([...COURTS_OF_APPEAL].sort());
    for (const d of JUDICIAL_DISTRICTS) {
      expect(dir.prosecutorOffices[d].courtOfAppeal).toBe(DISTRICT_COURT_OF_APPEAL[d]);
    }
    expect(Object.keys(dir.labourAuditorOffices).sort()).toEqual([...LABOUR_AUDITOR_OFFICES].sort());
    for (const o of LABOUR_AUDITOR_OFFICES) {
      expect(dir.labourAuditorOffices[o].courtOfAppeal).toBe(LABOUR_AUDITOR_COURT_OF_APPEAL[o]);
    }
    const all = [
      dir.immigrationOffice,
      ...Object.values(dir.centres),
      ...Object.values(dir.prosecutorOffices),
      ...Object.values(dir.labourAuditorOffices),
      ...Object.values(dir.principalCrownProsecutors),
    ];
    for (const c of all) expect(c.email).toMatch(/@example\.org$/);
    expect(dir.centres.PAYOKE.language).toBe('nl');
    expect(dir.centres.SURYA.language).toBe('fr');
    expect(dir.prosecutorOffices.ANTWERPEN.language).toBe('nl');
    expect(dir.prosecutorOffices.LIEGE.language).toBe('fr');
    // The German-speaking district reads German.
    expect(dir.prosecutorOffices.EUPEN.language).toBe('de');
  });

  it('names every bad path: missing code, wrong court of appeal, bad e-mail, bad language, unknown key', () => {
    const data = devJson();
    delete data.centres!.SURYA;
    (data.prosecutorOffices!.LIMBURG as Record<string, unknown>).courtOfAppeal = 'CA-GENT';
    (data.prosecutorOffices!.NAMUR as Record<string, unknown>).email = 'not-an-address';
    (data.principalCrownProsecutors!['CA-MONS'] as Record<string, unknown>).language = 'it';
    data.centres!.PAYOK = { email: 'x@example.org', language: 'nl' };

    const message = problemsOf(data);
    expect(message).toContain('test.json');
    expect(message).toMatch(/centres\.SURYA: missing/);
    expect(message).toMatch(/prosecutorOffices\.LIMBURG\.courtOfAppeal: must be CA-ANTWERPEN/);
    expect(message).toMatch(/prosecutorOffices\.NAMUR\.email: expected an e-mail address/);
    expect(message).toMatch(/principalCrownProsecutors\.CA-MONS\.language: expected one of nl, fr, de, en/);
    expect(message).toMatch(/centres.*PAYOK/);
  });

  it('reports a missing section and a missing district', () => {
    const data = devJson();
    delete data.immigrationOffice;
    delete data.prosecutorOffices!.EUPEN;
    const message = problemsOf(data);
    expect(message).toMatch(/immigrationOffice: missing/);
    expect(message).toMatch(/prosecutorOffices\.EUPEN: missing/);
  });

  it("requires every labour auditor's office, with the court of appeal of the judicial map", () => {
    const data = devJson();
    delete data.labourAuditorOffices!['LABOUR-HAINAUT'];
    (data.labourAuditorOffices!['LABOUR-LEUVEN'] as Record<string, unknown>).courtOfAppeal = 'CA-ANTWERPEN';
    const message = problemsOf(data);
    expect(message).toMatch(/labourAuditorOffices\.LABOUR-HAINAUT: missing/);
    expect(message).toMatch(
      /labourAuditorOffices\.LABOUR-LEUVEN\.courtOfAppeal: must be CA-BRUSSEL, the court of appeal of LABOUR-LEUVEN/,
    );

    const noSection = devJson();
    delete noSection.labourAuditorOffices;
    expect(problemsOf(noSection)).toMatch(/labourAuditorOffices: missing/);
  });

  it("resolves a complaint's office from its section: a district's prosecutor's office or a labour auditor's office", () => {
    const dir = loadDirectory(DEV_FILE);
    expect(complaintOfficeContact(dir, 'LABOUR-GENT')).toEqual({
      email: 'arbeidsauditoraat.gent@example.org',
      language: 'nl',
      courtOfAppeal: 'CA-GENT',
    });
    expect(complaintOfficeContact(dir, 'LABOUR-EUPEN').language).toBe('de');
    expect(complaintOfficeContact(dir, 'OOST-VLAANDEREN')).toBe(dir.prosecutorOffices['OOST-VLAANDEREN']);
    expect(courtOfAppealOf('LABOUR-HAINAUT')).toBe('CA-MONS');
    expect(courtOfAppealOf('CHARLEROI')).toBe('CA-MONS');
    expect(courtOfAppealOf('LABOUR-BRABANT-WALLON')).toBe('CA-BRUSSEL');
  });

  it('names the file when it is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'directory-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "centres": ');
    expect(() => loadDirectory(broken)).toThrow(new RegExp(`${broken}.*not valid JSON`));
    expect(() => loadDirectory(join(dir, 'absent.json'))).toThrow(
      /recipients directory .*absent\.json: cannot be read \(ENOENT\)/,
    );
  });
});
