/**
 * Issue 29: erasure with four eyes. One admin requests the erasure of a case that ended at least the waiting period
 * ago, another admin confirms it; the requests are rows of the service's database that every API process reads,
 * and the record outlives the case: it is what the file's page shows afterwards, and all it shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseErasures } from '../../src/cases/case-erasures';
import type { CaseGateway, ErasureStores } from '../../src/cases/case-gateway';
import { openErasureRecords, type ErasureRecords } from '../../src/cases/erasure-records';
import { noCase, type ServiceProblem } from '../../src/cases/problems';
import { addDays, dateAt } from '../../src/domain/calendar';
import type { CaseErasure } from '../../src/domain/schemas/api';
import type { Principal } from '../../src/identity/principals';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { formatLegalDate } from '../../src/i18n/facts';
import { openSessionRecords, type SessionRecords } from '../../src/workspace/session-records';
import { Browser, workspaceInProcess } from '../support/workspace-in-process';

const CASE = 'case-0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';
const admin: Principal = { id: 'admin', role: 'admin' };
const admin2: Principal = { id: 'admin-2', role: 'admin' };
const en = LANGUAGE_PACKS.en;

let dir: string;
let opened: ErasureRecords[];
const recordsOn = () => {
  const r = openErasureRecords(join(dir, 'service.sqlite'));
  opened.push(r);
  return r;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'case-erasures-'));
  opened = [];
});
afterEach(async () => {
  await Promise.all(opened.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A gateway whose case ended on `endedOn`; it counts the erasures it is asked for, and does `meanwhile` in each. */
function erasuresWith(
  records: ErasureRecords,
  endedOn: string,
  waitingDays: number,
  meanwhile: () => Promise<void> = () => Promise.resolve(),
) {
  const erased: string[] = [];
  const gateway = {
    endedOn: () => Promise.resolve(endedOn),
    erase: async (caseId: string): Promise<CaseErasure> => {
      erased.push(caseId);
      await meanwhile();
      return Promise.resolve({
        caseId,
        erasedAt: new Date().toISOString(),
        dataKey: 'destroyed',
        runsDeleted: 1,
        effectiveOn: addDays(dateAt(Date.now()), 1),
      });
    },
  } as unknown as CaseGateway;
  const stores = {
    caseKeys: { erasureEffectiveOn: () => Promise.resolve(addDays(dateAt(Date.now()), 1)) },
  } as unknown as ErasureStores;
  return { erasures: new CaseErasures({ gateway, stores, records, waitingDays }), erased };
}

const problemOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('not refused');
    },
    (err: ServiceProblem) => ({
      kind: err.kind,
      status: err.status,
      en: err.words(en),
      nl: err.words(LANGUAGE_PACKS.nl),
    }),
  );

describe('erasure with four eyes', () => {
  it('keeps a request being confirmed from being withdrawn, so the erasure is on record', async () => {
    const other = recordsOn();
    let withdrawn: unknown;
    // A third admin, on another API process, withdraws the request while the erasure runs.
    const { erasures } = erasuresWith(recordsOn(), dateAt(Date.now()), 0, async () => {
      withdrawn = await erasuresWith(other, dateAt(Date.now()), 0)
        .erasures.withdraw(CASE)
        .catch((e: unknown) => e);
    });
    await erasures.request(CASE, admin);
    const { confirmed } = await erasures.confirm(CASE, admin2);
    expect(confirmed.byId).toBe(admin2.id);
    expect((withdrawn as ServiceProblem).kind).toBe('erasureNotRequested');
    expect((await other.of(CASE))?.confirmed?.byId).toBe(admin2.id);
  });

  it('erases only once a second admin confirms, and every process sees the request', async () => {
    const { erasures, erased } = erasuresWith(recordsOn(), dateAt(Date.now()), 0);
    const requested = await erasures.request(CASE, admin);
    expect(requested).toMatchObject({ caseId: CASE, requestedById: 'admin', confirmed: null });
    expect(erased).toEqual([]);
    // Another API process on the same database.
    const other = erasuresWith(recordsOn(), dateAt(Date.now()), 0);
    await expect(other.erasures.pending()).resolves.toEqual([requested]);
    // A second request, by anyone, answers the one on record.
    await expect(other.erasures.request(CASE, admin2)).resolves.toEqual(requested);

    const done = await other.erasures.confirm(CASE, admin2);
    expect(done.confirmed).toMatchObject({ byId: 'admin-2', erasure: { caseId: CASE, dataKey: 'destroyed' } });
    expect(other.erased).toEqual([CASE]);
    // A retry, or the first admin's late confirmation, answers the record and erases nothing again.
    await expect(erasures.confirm(CASE, admin)).resolves.toEqual(done);
    expect([...erased, ...other.erased]).toEqual([CASE]);
    await expect(erasures.pending()).resolves.toEqual([]);
    await expect(erasures.recordOf(CASE)).resolves.toEqual(done);
  });

  it('refuses the confirmation of the admin who requested it', async () => {
    const { erasures, erased } = erasuresWith(recordsOn(), dateAt(Date.now()), 0);
    await erasures.request(CASE, admin);
    await expect(problemOf(erasures.confirm(CASE, admin))).resolves.toEqual({
      kind: 'secondAdminRequired',
      status: 409,
      en: 'You requested this erasure: a second administrator must confirm it.',
      nl: 'U hebt deze wissing aangevraagd: een tweede beheerder moet ze bevestigen.',
    });
    expect(erased).toEqual([]);
    await expect(erasures.standing(CASE)).resolves.toMatchObject({ kind: 'pending', requestedById: 'admin' });
  });

  it('refuses a request before the waiting period is over, naming the first day it may be made', async () => {
    const endedOn = dateAt(Date.now());
    const { erasures } = erasuresWith(recordsOn(), endedOn, 30);
    const from = addDays(endedOn, 30);
    const refused = await problemOf(erasures.request(CASE, admin));
    expect(refused).toMatchObject({ kind: 'erasureTooEarly', status: 409 });
    expect(refused.en).toBe(
      `A case may be erased only 30 days after it ended; its erasure may be requested from ${formatLegalDate(from, en.locale)}.`,
    );
    expect(refused.nl).toContain(formatLegalDate(from, LANGUAGE_PACKS.nl.locale));
    await expect(erasures.standing(CASE)).resolves.toEqual({ kind: 'waiting', from });
    await expect(erasures.pending()).resolves.toEqual([]);
    // The day it is over, the request is taken.
    const later = erasuresWith(recordsOn(), addDays(endedOn, -30), 30).erasures;
    await expect(later.standing(CASE)).resolves.toEqual({ kind: 'requestable' });
    await expect(later.request(CASE, admin)).resolves.toMatchObject({ requestedById: 'admin' });
  });

  it('has nothing to confirm or withdraw where nothing was requested, and a withdrawn request is gone', async () => {
    const { erasures, erased } = erasuresWith(recordsOn(), dateAt(Date.now()), 0);
    await expect(problemOf(erasures.confirm(CASE, admin2))).resolves.toMatchObject({ kind: 'erasureNotRequested' });
    await expect(problemOf(erasures.withdraw(CASE))).resolves.toMatchObject({ kind: 'erasureNotRequested' });
    await erasures.request(CASE, admin);
    await erasures.withdraw(CASE);
    await expect(problemOf(erasures.confirm(CASE, admin2))).resolves.toMatchObject({ kind: 'erasureNotRequested' });
    // An erasure done cannot be withdrawn.
    await erasures.request(CASE, admin);
    await erasures.confirm(CASE, admin2);
    await expect(problemOf(erasures.withdraw(CASE))).resolves.toMatchObject({ kind: 'erasureNotRequested' });
    expect(erased).toEqual([CASE]);
  });
});

describe("an erased file's page", () => {
  let sessions: SessionRecords;
  beforeEach(() => {
    sessions = openSessionRecords(join(dir, 'sessions.sqlite'));
  });
  afterEach(() => sessions.close());

  it('says it was erased, when and by which two admins, to an admin, without asking Temporal; and to a centre nothing', async () => {
    const { erasures } = erasuresWith(recordsOn(), dateAt(Date.now()), 0);
    await erasures.request(CASE, admin);
    const { confirmed } = await erasures.confirm(CASE, admin2);
    const { app } = workspaceInProcess(
      sessions,
      { now: Date.now() },
      [
        { oidcSubject: 'centre-payoke', id: 'centre-payoke', role: 'centre', centre: 'PAYOKE' },
        { oidcSubject: 'admin', id: 'admin', role: 'admin', name: 'Sofie Maes' },
        { oidcSubject: 'admin-2', id: 'admin-2', role: 'admin', name: 'Luc Peeters' },
      ],
      // Temporal holds the case no more: its runs were deleted with the erasure.
      {
        erasures,
        gateway: {
          indexedAccess: () => Promise.resolve(undefined),
          currentAccess: () => Promise.reject(noCase(CASE)),
        } as unknown as CaseGateway,
      },
    );
    const w = en.pages.erase;
    const erasedOn = formatLegalDate(dateAt(Date.parse(confirmed.erasure.erasedAt)), en.locale);
    const rowsOf = (html: string) =>
      Object.fromEntries([...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]]));
    // The admins read who they were.
    for (const [reader, requester, confirmer] of [['admin', 'Sofie Maes', 'Luc Peeters']]) {
      const browser = new Browser(app);
      await browser.signIn(reader!);
      const res = await browser.get(`/workspace/cases/${CASE}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(w.doneTitle);
      expect(res.text).toContain(w.done(CASE.slice(5, 13)));
      const rows = rowsOf(res.text);
      expect(Object.keys(rows)).toEqual([w.erasedOn, w.requestedBy, w.confirmedBy]);
      expect(rows[w.erasedOn]).toMatch(new RegExp(`^${erasedOn.replace(/[()]/g, '\\$&')}, \\d\\d:\\d\\d$`));
      expect(rows[w.requestedBy]).toMatch(new RegExp(`^${requester} \\(`));
      expect(rows[w.confirmedBy]).toBe(confirmer);
    }
    // A centre is not told that a file existed, let alone that it was erased: whose it was is erased with it.
    const centre = new Browser(app);
    await centre.signIn('centre-payoke');
    const res = await centre.get(`/workspace/cases/${CASE}`);
    expect(res.text).not.toContain(w.doneTitle);
    expect(res.status).toBe(404);
  });
});
