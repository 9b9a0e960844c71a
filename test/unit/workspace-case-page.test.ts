/**
 * Issue 29: the case page of a real case state (the procedure's own functions), read in process. Residence of
 * unlimited duration granted without identity proof was a dead end: the page said the file was closed with nothing
 * to report, while the case waited for the proof. Decisions showed neither what was decided nor by whom.
 */
import { addDays } from '../../src/domain/calendar';
import { applyAnswer, applyEvent } from '../../src/domain/procedure/apply';
import { caseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import { newCaseState, type Actor, type CaseState } from '../../src/domain/procedure/state';
import { toStatus } from '../../src/domain/procedure/status';
import type { CaseEvent } from '../../src/domain/schemas/events';
import { LANGUAGE_PACKS } from '../../src/i18n';
import type { WorkspaceDeps } from '../../src/workspace/deps';
import { CENTRE, IMMIGRATION, opening, prosecutor, YES } from '../support/fixtures';
import { Browser, useSessionRecords, workspaceInProcess } from '../support/workspace-in-process';

const D0 = '2026-03-02';
const ID = 'case-00000000-0000-0000-0000-00000000a29a';
const ANTWERPEN = prosecutor('ANTWERPEN');
const SECOND_OFFICER: Actor = { id: 'dvz-2', role: 'immigration-office' };
const en = LANGUAGE_PACKS.en.pages;
const PEOPLE = [
  { oidcSubject: CENTRE.id, id: CENTRE.id, role: 'centre' as const, centre: 'PAYOKE' as const, name: 'Lotte Peeters' },
  { oidcSubject: IMMIGRATION.id, id: IMMIGRATION.id, role: 'immigration-office' as const, name: 'Anna Janssens' },
  { oidcSubject: SECOND_OFFICER.id, id: SECOND_OFFICER.id, role: 'immigration-office' as const, name: 'Marc Dubois' },
];

const sessions = useSessionRecords();

const record = (s: CaseState, event: CaseEvent, actor: Actor) => applyEvent(s, event, actor, event.on);

/** An identified victim (stage 3): a complaint to Antwerp, answered yes. */
function identified(): CaseState {
  const s = newCaseState(ID, 'PAYOKE', opening(D0), [], CENTRE.id);
  record(s, { type: 'complaint-filed', on: D0, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }, CENTRE);
  applyAnswer(s, YES, ANTWERPEN, D0);
  return s;
}

/** The workspace of one API process, whose gateway answers for this case as its workflow would. */
async function reader(s: CaseState, who: string): Promise<Browser> {
  const gateway = {
    indexedAccess: () => Promise.resolve({ centre: 'PAYOKE', prosecutorOffices: ['ANTWERPEN'], running: true }),
    status: () => Promise.resolve(toStatus(s, D0)),
    openTasks: () => Promise.resolve(caseIndexEntry(s).tasks),
  } as unknown as WorkspaceDeps['gateway'];
  const { app } = workspaceInProcess(sessions.records, { now: Date.now() }, PEOPLE, { gateway });
  const browser = new Browser(app);
  await browser.signIn(who);
  return browser;
}

/** The text of a section of the page, by its heading's id, tags removed. */
const section = (html: string, id: string): string => {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) return '';
  return html
    .slice(at, html.indexOf('</section>', at))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
};

describe('the case page', () => {
  it('shows the missing identity proof after a B-card with the form that records it, to the centre and the Office', async () => {
    const s = identified();
    record(s, { type: 'trafficking-retained-in-charges', on: D0, statementsSignificant: true }, ANTWERPEN);
    record(s, { type: 'permanent-residence-decided', on: addDays(D0, 5), grant: true }, IMMIGRATION);
    expect(s.outcome).toBe('PERMANENT_RESIDENCE');
    for (const who of [CENTRE.id, IMMIGRATION.id]) {
      const page = (await (await reader(s, who)).get(`/workspace/cases/${ID}`)).text;
      const waiting = section(page, 'open-tasks');
      expect({ who, waiting }).toEqual({ who, waiting: expect.stringContaining(en.tasks['identity-proof']) });
      expect(page).toContain(`href="/workspace/cases/${ID}/report/identity-documented"`);
      expect(page).toContain(en.case.closedWithTasks);
      expect(page).not.toContain(`<p>${en.case.closed}</p>`);
    }
    const form = await (await reader(s, CENTRE.id)).get(`/workspace/cases/${ID}/report/identity-documented`);
    expect(form.status).toBe(200);
  });

  it('names what was decided and by whom for the Office; a centre reads its own people by name, others by role', async () => {
    const s = identified();
    record(s, { type: 'support-declined', on: D0 }, CENTRE);
    record(s, { type: 'withdrawal-decided', on: addDays(D0, 2), withdraw: false }, SECOND_OFFICER);
    const office = section((await (await reader(s, IMMIGRATION.id)).get(`/workspace/cases/${ID}`)).text, 'history');
    expect(office).toContain(`${en.events['withdrawal-decided']}: ${en.decisions['not-withdrawn']}`);
    expect(office).toContain(`Marc Dubois (${en.roles['immigration-office']})`);
    expect(office).toContain(`Lotte Peeters (${en.roles.centre})`);
    expect(office).toContain(`${en.events['status-query-answered']}: ${en.decisions.positive}`);
    const centre = section((await (await reader(s, CENTRE.id)).get(`/workspace/cases/${ID}`)).text, 'history');
    expect(centre).toContain(`Lotte Peeters (${en.roles.centre})`);
    expect(centre).not.toContain('Marc Dubois');
    expect(centre).toContain(`${en.decisions['not-withdrawn']}`);
  });

  it("offers the review's decision to another officer only, and shows the review apart from the status query", async () => {
    const s = identified();
    record(s, { type: 'public-order-threat', on: D0 }, IMMIGRATION);
    const decide = `href="/workspace/cases/${ID}/report/withdrawal-decided"`;
    const reporter = (await (await reader(s, IMMIGRATION.id)).get(`/workspace/cases/${ID}`)).text;
    expect(reporter).not.toContain(decide);
    expect(section(reporter, 'open-tasks')).toContain(en.inbox.yours);
    expect(section(reporter, 'review')).toContain(`Anna Janssens (${en.roles['immigration-office']})`);
    const other = (await (await reader(s, SECOND_OFFICER.id)).get(`/workspace/cases/${ID}`)).text;
    expect(other).toContain(decide);
    expect(section(other, 'query')).not.toContain(LANGUAGE_PACKS.en.grounds['public-order-threat']);
  });

  it('shows the basis of an open B-card decision', async () => {
    const s = identified();
    record(s, { type: 'conviction', on: D0, underTraffickingLaw: true, appealed: true }, ANTWERPEN);
    const page = (await (await reader(s, IMMIGRATION.id)).get(`/workspace/cases/${ID}`)).text;
    expect(section(page, 'permanent-residence')).toContain(LANGUAGE_PACKS.en.outcomeDetails['conviction-under-appeal']);
  });
});
