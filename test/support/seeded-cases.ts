/**
 * Running cases brought in through POST /v1/cases/import to hold known open tasks (issue 27), and the walk of a
 * paged list. Each kind of seeded case says, from the events it imports, which tasks it leaves open and for whom:
 * what a test expects of the lists comes from here, never from the code that builds the index
 * (src/domain/procedure/case-index-entry.ts). The dates a task is due on are read from the case's status as the
 * import (or the event after it) answered, and each case is checked to be what it was made to be.
 */
import { inLanes } from '../../src/case-index/in-lanes';
import { addDays, addPeriod, type IsoDate } from '../../src/domain/calendar';
import { CENTRES, courtOfAppealOf, type Centre, type ComplaintOffice } from '../../src/domain/codes';
import type { TaskKind } from '../../src/domain/procedure/case-index-entry';
import type { CaseImport, CaseOpening, CaseStatus } from '../../src/domain/schemas/case';
import type { DocumentType, ImportedEvent } from '../../src/domain/schemas/events';
import { annex15Issued, complaintFiled, conviction, opening, YES } from './fixtures';

const CENTRE = { role: 'centre' } as const;
const IMMIGRATION_OFFICE = { role: 'immigration-office' } as const;
const byOffice = (office: ComplaintOffice) => ({ role: 'prosecutor', office }) as const;

/** A case in reflection, opened `openedDaysAgo` days before `today`; its annex 15's dates recorded or not. */
export function reflectionImport(
  today: IsoDate,
  o: { openedDaysAgo: number; centre?: Centre; datesRecorded?: boolean; opening?: Partial<CaseOpening> },
): CaseImport {
  const openedOn = addDays(today, -o.openedDaysAgo);
  return {
    ...opening(openedOn, o.opening),
    centre: o.centre ?? 'PAYOKE',
    events: o.datesRecorded ? [{ ...annex15Issued(openedOn), by: IMMIGRATION_OFFICE }] : [],
  };
}

/** The dates of a computed document as printed, reported by the Immigration Office the day it was computed. */
const datesOf = (document: DocumentType, issuedOn: IsoDate, months: number): ImportedEvent => ({
  type: 'document-issued',
  on: issuedOn,
  document,
  issuedOn,
  validUntil: addPeriod(issuedOn, { months }),
  by: IMMIGRATION_OFFICE,
});

/**
 * A complaint with `office` `complaintDaysAgo` days before `today`, opened five days before it, its status query
 * unanswered: open today (escalated when the complaint is 16 days old or more), its 3-month document's dates
 * recorded or not. `after`: later events of the seeding's own, in date order.
 */
export function openQueryImport(
  today: IsoDate,
  o: {
    complaintDaysAgo: number;
    office?: ComplaintOffice;
    centre?: Centre;
    datesRecorded?: boolean;
    opening?: Partial<CaseOpening>;
    after?: (complaintOn: IsoDate) => ImportedEvent[];
  },
): CaseImport {
  const complaintOn = addDays(today, -o.complaintDaysAgo);
  return {
    ...opening(addDays(complaintOn, -5), o.opening),
    centre: o.centre ?? 'PAYOKE',
    events: [
      { ...complaintFiled(complaintOn, o.office), by: CENTRE },
      ...(o.datesRecorded ? [datesOf('ATTESTATION_OF_IMMATRICULATION', complaintOn, 3)] : []),
      ...(o.after?.(complaintOn) ?? []),
    ],
  };
}

/** Who a task waits for, named as the cluster's dev principals are: `immigration-office`, `centre-X`, `prosecutor-X`. */
export type PartyName = string;
export const IMMIGRATION_OFFICE_PARTY: PartyName = 'immigration-office';

/** An open task the seeding made: for whom, what, on which case, due when. */
export interface SeededTask {
  party: PartyName;
  kind: TaskKind;
  caseId: string;
  due: IsoDate;
}

/** The kinds of running case the mix holds, and the open tasks each leaves. */
export const SEEDED_KINDS = [
  /** In reflection: the annex 15's dates to record, unless recorded. */
  'reflection',
  /** A query open with its office, not escalated: its answer; the 3-month document's dates unless recorded. */
  'queried',
  /** The same query escalated to the Principal Crown Prosecutor: both may answer. */
  'escalated',
  /** A query open and a withdrawal ground reported: the query's answer, and the Office's decision on the review. */
  'withdrawal',
  /** Identified, then convicted under the trafficking law: the Office decides on permanent residence; the A-card's dates. */
  'permanent-residence',
  /**
   * A positive answer waiting for a withdrawal review, whose 3-month document expired before the import: the Office
   * decides the review and what follows the expiry.
   */
  'expired',
  /** Permanent residence granted (after the import) without identity proof: the centre or the Office reports it. */
  'identity-proof',
] as const;
export type SeededKind = (typeof SEEDED_KINDS)[number];

/** Of every 20 cases, how many of each kind. */
const MIX: Record<SeededKind, number> = {
  reflection: 3,
  queried: 6,
  escalated: 4,
  withdrawal: 3,
  'permanent-residence': 2,
  expired: 1,
  'identity-proof': 1,
};
const SLOTS = SEEDED_KINDS.flatMap((kind) => Array.from({ length: MIX[kind] }, () => kind));

/**
 * The offices complaints go to, a block of 20 cases each in turn: Antwerp's office has the most queries, and its
 * Principal Crown Prosecutor gets the escalated ones of three offices.
 */
const OFFICES: ComplaintOffice[] = [
  'ANTWERPEN',
  'LIMBURG',
  'ANTWERPEN',
  'LABOUR-ANTWERPEN',
  'BRUSSEL',
  'ANTWERPEN',
  'LIEGE',
  'LABOUR-GENT',
  'EUPEN',
  'HAINAUT',
];

/** One case of the mix: its import, an event after it (or none), and the tasks it then leaves open. */
export interface SeededCase {
  i: number;
  kind: SeededKind;
  office: ComplaintOffice;
  centre: Centre;
  body: CaseImport;
  /** Recorded by the Immigration Office once the case is imported. */
  after?: Record<string, unknown>;
  /**
   * The open tasks, from the case's status once seeded (the import's answer, or the event's); throws when the case
   * is not what the seeding made it (the seeding's own check).
   */
  tasks(status: CaseStatus): SeededTask[];
}

function expectCase(i: number, kind: SeededKind, checks: Record<string, boolean>): void {
  const failed = Object.entries(checks).filter(([, ok]) => !ok);
  if (failed.length > 0)
    throw new Error(`seeded case ${i} (${kind}) is not what it was made to be: ${failed.map(([c]) => c).join(', ')}`);
}

/** The `i`-th case of the mix, as of `today` (the day the API imports it). */
export function seededCase(i: number, today: IsoDate): SeededCase {
  const kind = SLOTS[i % SLOTS.length]!;
  const office = OFFICES[Math.floor(i / SLOTS.length) % OFFICES.length]!;
  const centre = CENTRES[i % CENTRES.length]!;
  // Every third case of a kind has its current document's dates recorded; the others wait for them.
  const datesRecorded = Math.floor(i / SLOTS.length) % 3 === 0;
  const spread = Math.floor(i / 7);
  const pseudonym: Partial<CaseOpening> = {
    victim: { pseudonym: `Seeded-${i}`, dateOfBirth: '1996-05-20', language: 'ro' },
  };
  const common = { office, centre, datesRecorded, opening: pseudonym };
  const io = (t: Omit<SeededTask, 'party'>): SeededTask => ({ party: IMMIGRATION_OFFICE_PARTY, ...t });
  const documentDates = (s: CaseStatus): SeededTask[] =>
    datesRecorded ? [] : [io({ kind: 'document-dates', caseId: s.caseId, due: s.document!.issuedOn })];
  const answers = (s: CaseStatus, escalated: boolean): SeededTask[] => {
    const q = s.prosecutorQuery!;
    const parties = [`prosecutor-${office}`, ...(escalated ? [`prosecutor-${courtOfAppealOf(office)}`] : [])];
    return parties.map((party) => ({ party, kind: 'status-query-answer', caseId: s.caseId, due: q.replyBy }));
  };
  const base = { i, kind, office, centre };
  switch (kind) {
    case 'reflection':
      return {
        ...base,
        body: reflectionImport(today, { ...common, openedDaysAgo: 1 + (spread % 30) }),
        tasks: (s) => {
          expectCase(i, kind, { stage: s.stage === 'REFLECTION', dates: s.document?.datesRecorded === datesRecorded });
          return documentDates(s);
        },
      };
    case 'queried':
    case 'escalated': {
      const escalated = kind === 'escalated';
      return {
        ...base,
        body: openQueryImport(today, { ...common, complaintDaysAgo: (escalated ? 30 : 0) + (spread % 11) }),
        tasks: (s) => {
          expectCase(i, kind, {
            query: s.prosecutorQuery?.office === office,
            escalation: s.prosecutorQuery?.escalatedTo === (escalated ? courtOfAppealOf(office) : null),
            dates: s.document?.datesRecorded === datesRecorded,
          });
          return [...answers(s, escalated), ...documentDates(s)];
        },
      };
    }
    case 'withdrawal': {
      // Reported yesterday or today, by the centre or by the Immigration Office.
      const ground = i % 2 === 0 ? 'contact-with-exploiters' : 'public-order-threat';
      const by = ground === 'contact-with-exploiters' ? CENTRE : IMMIGRATION_OFFICE;
      return {
        ...base,
        body: openQueryImport(today, {
          ...common,
          complaintDaysAgo: 2 + (spread % 9),
          after: () => [{ type: ground, on: addDays(today, -(spread % 2)), by }],
        }),
        tasks: (s) => {
          const review = s.withdrawalReview;
          expectCase(i, kind, {
            review: review?.grounds[0]?.ground === ground,
            query: s.prosecutorQuery?.escalatedTo === null,
            dates: s.document?.datesRecorded === datesRecorded,
          });
          return [
            ...answers(s, false),
            io({ kind: 'withdrawal-decision', caseId: s.caseId, due: review!.decideBy }),
            ...documentDates(s),
          ];
        },
      };
    }
    case 'permanent-residence':
    case 'identity-proof': {
      // Identified ten days after the complaint; convicted at most 19 days ago. The A-card runs months on.
      const complaintDaysAgo = 40 + (spread % 50);
      const convictedOn = addDays(today, -(spread % 20));
      const granted = kind === 'identity-proof';
      return {
        ...base,
        body: openQueryImport(today, {
          ...common,
          datesRecorded: false,
          complaintDaysAgo,
          after: (complaintOn) => {
            const identifiedOn = addDays(complaintOn, 10);
            return [
              { type: 'status-query-answered', on: identifiedOn, by: byOffice(office), ...YES },
              ...(datesRecorded && !granted ? [datesOf('A_CARD', identifiedOn, 6)] : []),
              { ...conviction(convictedOn), by: byOffice(office) },
            ];
          },
        }),
        ...(granted ? { after: { type: 'permanent-residence-decided', on: today, grant: true } } : {}),
        tasks: (s) => {
          if (granted) {
            expectCase(i, kind, {
              granted: s.outcome === 'PERMANENT_RESIDENCE',
              proofMissing: s.flags.identityProofMissing,
            });
            const due = s.document!.issuedOn;
            return [
              { party: `centre-${centre}`, kind: 'identity-proof', caseId: s.caseId, due },
              io({ kind: 'identity-proof', caseId: s.caseId, due }),
            ];
          }
          const review = s.permanentResidenceReview;
          expectCase(i, kind, {
            stage: s.stage === 'IDENTIFIED_VICTIM',
            review: review !== null,
            noQuery: s.prosecutorQuery === null,
            dates: s.document?.datesRecorded === datesRecorded,
          });
          return [
            io({ kind: 'permanent-residence-decision', caseId: s.caseId, due: review!.decideBy }),
            ...documentDates(s),
          ];
        },
      };
    }
    case 'expired':
      return {
        ...base,
        body: openQueryImport(today, {
          ...common,
          // The 3-month document ran out 8 to 22 days before the import.
          complaintDaysAgo: 100 + (spread % 15),
          after: (complaintOn) => [
            { type: 'contact-with-exploiters', on: addDays(complaintOn, 5), by: CENTRE },
            { type: 'status-query-answered', on: addDays(complaintOn, 10), by: byOffice(office), ...YES },
          ],
        }),
        tasks: (s) => {
          const review = s.withdrawalReview;
          expectCase(i, kind, {
            pending: review?.identificationPending === true,
            expired: s.document!.validUntil! < today,
            running: s.outcome === null,
            noQuery: s.prosecutorQuery === null,
            dates: s.document?.datesRecorded === datesRecorded,
          });
          return [
            io({ kind: 'withdrawal-decision', caseId: s.caseId, due: review!.decideBy }),
            io({ kind: 'expiry-without-decision', caseId: s.caseId, due: s.document!.validUntil! }),
            ...documentDates(s),
          ];
        },
      };
  }
}

/** An answer of the API, from supertest or the harness's fetch. */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Imports cases `lanes` at a time (`post` may spread them over several APIs), then, once every one is in, records
 * each one's event after the import; returns each case's status once seeded. Fails on any answer but 201 (and 200
 * for the event).
 */
export async function seedCases<C extends { body: CaseImport; after?: Record<string, unknown> }>(
  cases: readonly C[],
  lanes: number,
  post: (path: string, body: unknown, n: number) => Promise<Answer>,
): Promise<{ seeded: C; status: CaseStatus }[]> {
  const statuses: CaseStatus[] = [];
  const answered = async (n: number, path: string, body: unknown, ok: number): Promise<CaseStatus> => {
    const res = await post(path, body, n);
    if (res.status !== ok) throw new Error(`${path} (case ${n}) gave ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CaseStatus;
  };
  await inLanes([...cases.keys()], lanes, async (n) => {
    statuses[n] = await answered(n, '/v1/cases/import', cases[n]!.body, 201);
  });
  const later = [...cases.keys()].filter((n) => cases[n]!.after);
  await inLanes(later, lanes, async (n) => {
    statuses[n] = await answered(n, `/v1/cases/${statuses[n]!.caseId}/events`, cases[n]!.after, 200);
  });
  return cases.map((seeded, n) => ({ seeded, status: statuses[n]! }));
}

/** A page of a paged list (GET /v1/tasks, GET /v1/prosecutor/queries). */
export interface ListPage {
  items: Record<string, string>[];
  total: number;
  self: string;
  next?: string;
}

/** Every page of a list, following `next` (a link to the API that answered first: its path is asked again). */
export async function everyPage<R extends Answer>(
  get: (path: string) => Promise<R>,
  first: string,
): Promise<{ pages: ListPage[]; responses: R[] }> {
  const pages: ListPage[] = [];
  const responses: R[] = [];
  let path: string | undefined = first;
  while (path) {
    const res = await get(path);
    expect(res.status).toBe(200);
    responses.push(res);
    const page = res.body as ListPage;
    pages.push(page);
    path = page.next ? new URL(page.next).pathname + new URL(page.next).search : undefined;
  }
  return { pages, responses };
}

/** Whether the dates come soonest first. */
export const soonestFirst = (dates: string[]): boolean => dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
