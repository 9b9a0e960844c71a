/**
 * Issue 5, end to end: whole cases on the time-skipping server, a real Worker
 * whose activities are the real mail activities, and a real SMTP server in the
 * test process. Every assertion is on the mail that actually arrived.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities } from '../../activities';
import { createMailActivities } from '../../activities/send-notice';
import { loadDirectory } from '../../src/directory';
import { addDays, addPeriod, subtractPeriod, type IsoDate } from '../../src/domain/calendar';
import type { Centre } from '../../src/domain/codes';
import type { Actor } from '../../src/domain/procedure/state';
import type { CaseOpening, CaseStatus } from '../../src/domain/schemas/case';
import { FileSentLedger, InMemorySentLedger, type SentLedger } from '../../src/mail/transport/sent-ledger';
import { CaseDriver } from '../support/case-driver';
import { CENTRE, complaintFiled, IMMIGRATION, prosecutor, PSEUDONYM, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';
import { forbiddenWordsIn } from '../support/forbidden-words';
import { startSmtpServer, type SmtpServer, type SmtpServerOptions } from '../../tools/stack/smtp-server';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';
import { status } from '../../workflows/messages';

const directory = loadDirectory(join(__dirname, '../../config/dev/directory.json'));
const PUBLIC_BASE_URL = 'https://residence-files.example.org';
const MAIL_FROM = 'case-service@example.org';

/** Personal data a case holds; none of it may appear in any mail. */
const DATE_OF_BIRTH = '1999-04-12';
const MINOR_DATE_OF_BIRTH = '2009-08-23';
const GUARDIAN_NAME = 'Ioana Voogd-Marinescu';
const NOTE = 'Staying with cousin Mirela at Kerkstraat 12, Deurne';
const PERSONAL = [
  PSEUDONYM,
  DATE_OF_BIRTH,
  '12/04/1999',
  '12.04.1999',
  MINOR_DATE_OF_BIRTH,
  '23/08/2009',
  '23.08.2009',
  GUARDIAN_NAME,
  'Voogd-Marinescu',
  NOTE,
  'Kerkstraat',
  'Mirela',
];

const SURYA_CENTRE: Actor = { id: 'centre-surya', role: 'centre', centre: 'SURYA' };
const PAG_ASA_CENTRE: Actor = { id: 'centre-pag-asa', role: 'centre', centre: 'PAG-ASA' };

/** A mail as it arrived, with everything a scan for personal data must see. */
interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  ics: string | undefined;
  messageId: string;
  from: string;
  /** The mail as it travelled. */
  raw: string;
  /** Subject, bodies and attachments, decoded. */
  decoded: string;
  /** Raw source, decoded bodies, headers and attachments together. */
  everything: string;
}

function mailsAt(sink: SmtpServer): Mail[] {
  return sink.messages.map((parsed, i) => {
    const ics = parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8');
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    const headers = parsed.headerLines.map((h) => h.line).join('\n');
    const raw = sink.raw[i] ?? '';
    const decoded = [
      parsed.subject,
      parsed.text,
      html,
      ...parsed.attachments.map((a) => a.content.toString('utf8')),
    ].join('\n');
    return {
      to: sink.envelopes[i] ?? [],
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html,
      ics,
      messageId: parsed.messageId ?? '',
      from: parsed.from?.value.map((a) => a.address).join(',') ?? '',
      raw,
      decoded,
      everything: [raw, headers, decoded].join('\n'),
    };
  });
}

/** The mails of one case: every subject ends with the case reference. */
const mailsOf = (sink: SmtpServer, h: WorkflowHandle): Mail[] =>
  mailsAt(sink).filter((m) => m.subject.endsWith(`[${h.workflowId}]`));
const withSubject = (mails: Mail[], subject: string) => mails.filter((m) => m.subject.startsWith(`${subject} [`));
/** [recipient, subject without the reference], sorted: the exact mail a case produced. */
const sent = (mails: Mail[]) => mails.map((m) => [m.to.join(','), m.subject.replace(/ \[[^\]]+\]$/, '')]).sort();
const countBy = <T>(values: T[]) => values.reduce((map, v) => map.set(v, (map.get(v) ?? 0) + 1), new Map<T, number>());

/** The legal date as a person reads it in that language, written without the code under test. */
function readableDate(date: IsoDate, locale: string): string {
  const words = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return words.format(new Date(`${date}T12:00:00Z`));
}

/** A due date shows in the text, the HTML and the calendar file, as an all-day event on that day. */
function expectDue(mail: Mail | undefined, due: IsoDate, locale: string): void {
  expect(mail).toBeDefined();
  const date = readableDate(due, locale);
  expect(mail!.text).toContain(date);
  expect(mail!.html).toContain(date);
  // Written in full only: no ISO date reaches a person (issue 29).
  expect(`${mail!.text}${mail!.html}`).not.toContain(due);
  expect(mail!.ics).toContain(`DTSTART;VALUE=DATE:${due.replaceAll('-', '')}`);
  expect(mail!.ics).toContain(`DTEND;VALUE=DATE:${addDays(due, 1).replaceAll('-', '')}`);
}

/** What every mail of a case must hold: a link to the API, a sender, and nothing personal. */
function expectDiscreet(mails: Mail[], privateAddresses: string[]): void {
  expect(mails.length).toBeGreaterThan(0);
  for (const mail of mails) {
    expect(mail.from).toBe(MAIL_FROM);
    expect(mail.text).toContain(`${PUBLIC_BASE_URL}/workspace/`);
    expect(mail.html).toContain(`href="${PUBLIC_BASE_URL}/workspace/`);
    for (const word of PERSONAL)
      expect({ subject: mail.subject, leaked: mail.everything.includes(word) && word }).toEqual({
        subject: mail.subject,
        leaked: false,
      });
    expect({ subject: mail.subject, forbidden: forbiddenWordsIn(mail.everything) }).toEqual({
      subject: mail.subject,
      forbidden: [],
    });
    // A caseworker's or guardian's address is personal data: in the To header of their own mail, nowhere else.
    for (const address of privateAddresses) {
      const expected = mail.to.includes(address) ? 1 : 0;
      expect({ subject: mail.subject, to: mail.to, address, inRaw: mail.raw.split(address).length - 1 }).toEqual({
        subject: mail.subject,
        to: mail.to,
        address,
        inRaw: expected,
      });
      expect(mail.decoded.includes(address)).toBe(false);
    }
  }
}

function expectUniqueMessageIds(mails: Mail[]): void {
  const repeated = [...countBy(mails.map((m) => m.messageId))].filter(([, n]) => n > 1);
  expect(repeated).toEqual([]);
  expect(mails.every((m) => /^<[^<>\s]+@case-notices\.invalid>$/.test(m.messageId))).toBe(true);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// A worker with the real mail activities, per test: each test has its own relay and ledger.
// ---------------------------------------------------------------------------------------------

let env: TestWorkflowEnvironment;
const stops: (() => Promise<void>)[] = [];

interface Attempt {
  key: string;
  attempt: number;
}

/** Counts lookups that found a mail already sent: the workflow asked for the same notice twice. */
class WatchedLedger extends InMemorySentLedger {
  readonly repeats: string[] = [];
  override async has(messageId: string): Promise<boolean> {
    const found = await super.has(messageId);
    if (found) this.repeats.push(messageId);
    return found;
  }
}

interface MailWorker {
  taskQueue: string;
  attempts: Attempt[];
  cases: CaseDriver;
  stop(): Promise<void>;
}

function mailActivities(sink: SmtpServer, ledger: SentLedger): Pick<CaseActivities, 'sendNotice'> {
  return createMailActivities({
    transport: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    directory,
    from: MAIL_FROM,
    publicBaseUrl: PUBLIC_BASE_URL,
    ledger,
  });
}

async function startMailWorker(
  sink: SmtpServer,
  ledger: SentLedger,
  options: {
    taskQueue?: string;
    around?: (send: CaseActivities['sendNotice']) => CaseActivities['sendNotice'];
    /**
     * No workflow cache, hence no sticky task queue: the time-skipping server did not hand a
     * stopped worker's sticky workflow task back to the shared queue (the real server does after
     * a few seconds), and the case stalled.
     */
    noCache?: boolean;
  } = {},
): Promise<MailWorker> {
  const taskQueue = options.taskQueue ?? `mail-cases-${randomUUID()}`;
  const attempts: Attempt[] = [];
  const real = mailActivities(sink, ledger);
  const send = options.around ? options.around(real.sendNotice) : real.sendNotice;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    ...(options.noCache ? { maxCachedWorkflows: 0 } : {}),
    activities: {
      ...recordingActivities().activities,
      async sendNotice(delivery) {
        attempts.push({ key: delivery.notice.key, attempt: Context.current().info.attempt });
        return send(delivery);
      },
    } satisfies CaseActivities,
  });
  const running = worker.run();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    worker.shutdown();
    await running;
  };
  stops.push(stop);
  return { taskQueue, attempts, cases: new CaseDriver(env, taskQueue), stop };
}

const started: WorkflowHandle[] = [];
const sinks: SmtpServer[] = [];

async function sinkWith(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  const sink = await startSmtpServer(options);
  sinks.push(sink);
  return sink;
}

async function openCase(cases: CaseDriver, o: Partial<CaseOpening>, centre: Centre = 'PAYOKE') {
  const h = await cases.open(
    { victim: { pseudonym: PSEUDONYM, dateOfBirth: DATE_OF_BIRTH, language: 'ro' }, ...o },
    centre,
  );
  started.push(h);
  return h;
}

/** Events a workflow task writes as it completes: after them the case waits for a timer, an activity or an Update. */
const COMMAND_EVENTS = new Set([
  'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
  'EVENT_TYPE_TIMER_STARTED',
  'EVENT_TYPE_TIMER_CANCELED',
  'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
  'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
  'EVENT_TYPE_MARKER_RECORDED',
]);

/**
 * The status once nothing is in flight: no workflow task to run, no activity
 * running or waiting to retry (a running activity writes no event until it ends),
 * and the history still between two looks.
 */
async function quiet(h: WorkflowHandle): Promise<CaseStatus> {
  let last = '';
  let seen = '';
  for (let i = 0; i < 400; i++) {
    const current = env.client.workflow.getHandle(h.workflowId);
    const d = await current.describe();
    const pending = d.raw.pendingActivities?.length ?? 0;
    const events = (await current.fetchHistory()).events ?? [];
    const tail = [];
    for (let j = events.length - 1; j >= 0; j--) {
      const type = temporal.api.enums.v1.EventType[events[j]!.eventType ?? 0] ?? 'unknown';
      tail.push(type);
      if (type === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') break;
    }
    const closed = d.status.name !== 'RUNNING';
    const idle =
      closed ||
      (pending === 0 &&
        tail.every((t) => COMMAND_EVENTS.has(t)) &&
        tail.includes('EVENT_TYPE_WORKFLOW_TASK_COMPLETED'));
    const now = JSON.stringify([events.length, d.status.name, d.runId, pending]);
    seen = JSON.stringify({ tail, pending: d.raw.pendingActivities });
    if (idle && now === last) return h.query(status);
    last = idle ? now : '';
    await delay(40);
  }
  throw new Error(`case did not go quiet: ${seen}`);
}

async function advance(cases: CaseDriver, h: WorkflowHandle, date: IsoDate): Promise<CaseStatus> {
  await cases.advanceTo(h, date);
  return quiet(h);
}

beforeAll(async () => {
  env = await timeSkippingEnv();
  await workflowBundle();
});
afterEach(async () => {
  // A case left open would wake on a later test's clock with no worker to run it.
  for (const h of started.splice(0)) {
    await env.client.workflow
      .getHandle(h.workflowId)
      .terminate('test over')
      .catch(() => undefined);
  }
  for (const stop of stops.splice(0)) await stop();
  for (const sink of sinks.splice(0)) await sink.close();
});
afterAll(async () => {
  await env?.teardown();
});

// ---------------------------------------------------------------------------------------------

describe('a whole case, as the recipients receive it', () => {
  it("mails a Payoke case's centre and caseworker in Dutch, the Immigration Office in French and an Antwerp prosecutor in Dutch", async () => {
    const sink = await sinkWith();
    const { cases } = await startMailWorker(sink, new InMemorySentLedger());
    const CASEWORKER = 'an.caseworker@private.example.net';
    const h = await openCase(cases, { caseworkerEmail: CASEWORKER });
    const opened = await cases.today();
    const end = addDays(opened, 45);
    await quiet(h);

    const [caseOpened] = mailsOf(sink, h);
    expect(caseOpened).toMatchObject({
      to: ['office-etrangers@example.org'],
      subject: `Nouveau dossier de séjour : document à délivrer [${h.workflowId}]`,
    });
    expect(caseOpened!.text).toContain(`${PUBLIC_BASE_URL}/workspace/cases/${h.workflowId}`);

    await advance(cases, h, addDays(end, -14));
    await advance(cases, h, addDays(end, -7));
    const reminders = withSubject(mailsOf(sink, h), 'Herinnering: bedenktijd loopt binnenkort af');
    expect(reminders.map((m) => m.to.join())).toEqual(expect.arrayContaining(['payoke@example.org', CASEWORKER]));
    expect(reminders).toHaveLength(4); // 14 and 7 days before, to the centre and the caseworker, once each
    for (const mail of reminders) expectDue(mail, end, 'nl-BE');
    expect(reminders[0]!.text).toContain(`${PUBLIC_BASE_URL}/workspace/cases/${h.workflowId}`);

    // A complaint 5 days before the end: stage 2, and the status query to the Antwerp prosecutor.
    const complaintDay = addDays(end, -5);
    await advance(cases, h, complaintDay);
    const s2 = await cases.event(h, CENTRE, {
      ...complaintFiled(complaintDay),
      note: NOTE,
    });
    await quiet(h);
    const replyBy = addDays(complaintDay, 14);
    const [query] = withSubject(mailsOf(sink, h), 'Statusaanvraag over een verblijfsdossier');
    expect(query?.to).toEqual(['parket.antwerpen@example.org']);
    expectDue(query, replyBy, 'nl-BE');
    expect(query!.text).toContain(`${PUBLIC_BASE_URL}/workspace/queries`);
    expect(query!.text).toContain(s2.prosecutorQuery!.queryId);

    await cases.answer(h, prosecutor('ANTWERPEN'), s2.prosecutorQuery!.queryId, { ...YES, note: NOTE });
    const s3 = await quiet(h);
    expect(s3.stage).toBe('IDENTIFIED_VICTIM');

    const all = mailsOf(sink, h);
    expect(sent(all)).toEqual(
      [
        ['office-etrangers@example.org', 'Nouveau dossier de séjour : document à délivrer'],
        ['payoke@example.org', 'Herinnering: bedenktijd loopt binnenkort af'],
        ['payoke@example.org', 'Herinnering: bedenktijd loopt binnenkort af'],
        [CASEWORKER, 'Herinnering: bedenktijd loopt binnenkort af'],
        [CASEWORKER, 'Herinnering: bedenktijd loopt binnenkort af'],
        ['payoke@example.org', 'Verblijfsdossier: nieuwe fase'],
        ['office-etrangers@example.org', 'Dossier de séjour : document à délivrer'],
        ['parket.antwerpen@example.org', 'Statusaanvraag over een verblijfsdossier'],
        ['payoke@example.org', 'Verblijfsdossier: nieuwe fase'],
        ['office-etrangers@example.org', 'Dossier de séjour : document à délivrer'],
      ].sort(),
    );
    expectUniqueMessageIds(all);
    expectDiscreet(all, [CASEWORKER]);
    // Stage 3 is told in Dutch to the centre, with the A-card to be issued in French to the office.
    const stage3 = withSubject(all, 'Verblijfsdossier: nieuwe fase').at(-1);
    expect(stage3!.text).toContain('fase 3');
    expect(withSubject(all, 'Dossier de séjour : document à délivrer').at(-1)!.text).toMatch(/carte A/);
  });

  it("mails a Sürya minor's case in French, guardian and caseworker included, and escalates a Liège query to the Principal Crown Prosecutor of Liège", async () => {
    const sink = await sinkWith();
    const { cases } = await startMailWorker(sink, new InMemorySentLedger());
    const CASEWORKER = 'claire.caseworker@private.example.net';
    const GUARDIAN = 'guardian.person@private.example.net';
    const h = await openCase(
      cases,
      {
        unaccompaniedMinor: true,
        victim: { pseudonym: PSEUDONYM, dateOfBirth: MINOR_DATE_OF_BIRTH, language: 'ro' },
        guardian: { name: GUARDIAN_NAME, email: GUARDIAN },
        caseworkerEmail: CASEWORKER,
      },
      'SURYA',
    );
    const d0 = await cases.today();
    const s = await cases.event(h, SURYA_CENTRE, {
      ...complaintFiled(d0, 'LIEGE', 'statement'),
      note: NOTE,
    });
    const queryId = s.prosecutorQuery!.queryId;
    const validUntil = s.document!.validUntil!;
    await quiet(h);

    const stageMails = withSubject(mailsOf(sink, h), 'Dossier de séjour : nouvelle phase');
    expect(stageMails.map((m) => m.to.join()).sort()).toEqual([GUARDIAN, 'surya@example.org']);
    const [query] = withSubject(mailsOf(sink, h), 'Demande de statut concernant un dossier de séjour');
    expect(query?.to).toEqual(['parquet.liege@example.org']);
    expectDue(query, addDays(d0, 14), 'fr-BE');

    await advance(cases, h, addDays(d0, 11)); // reminder 3 days before the reply is due
    const st = await advance(cases, h, addDays(d0, 15)); // no reply: escalated
    expect(st.prosecutorQuery).toMatchObject({ escalatedTo: 'CA-LIEGE' });
    const [escalated] = withSubject(mailsOf(sink, h), 'Demande de statut transmise : aucune réponse reçue');
    expect(escalated?.to).toEqual(['pg.liege@example.org']);
    expectDue(escalated, addDays(d0, 22), 'fr-BE');
    expect(escalated!.text).toContain(queryId);
    expect(escalated!.text).toContain(`${PUBLIC_BASE_URL}/workspace/queries`);

    await advance(cases, h, addDays(d0, 19)); // reminder to the Principal Crown Prosecutor
    await advance(cases, h, addDays(d0, 23)); // still none: the document will expire without a decision
    await advance(cases, h, addDays(validUntil, -30)); // the centre and the caseworker are reminded of the expiry
    const all = mailsOf(sink, h);
    expect(sent(all)).toEqual(
      [
        ['office-etrangers@example.org', 'Nouveau dossier de séjour : document à délivrer'],
        ['surya@example.org', 'Dossier de séjour : nouvelle phase'],
        [GUARDIAN, 'Dossier de séjour : nouvelle phase'],
        ['office-etrangers@example.org', 'Dossier de séjour : document à délivrer'],
        ['parquet.liege@example.org', 'Demande de statut concernant un dossier de séjour'],
        ['parquet.liege@example.org', 'Rappel : demande de statut en attente de votre réponse'],
        ['pg.liege@example.org', 'Demande de statut transmise : aucune réponse reçue'],
        ['pg.liege@example.org', 'Rappel : demande de statut en attente de votre réponse'],
        ['office-etrangers@example.org', 'Le document de séjour expirera sans décision'],
        ['surya@example.org', 'Le document de séjour expirera sans décision'],
        // The guardian is copied on whatever the centre is told about the minor (PROCEDURE.md "Who takes part").
        [GUARDIAN, 'Le document de séjour expirera sans décision'],
        ['surya@example.org', 'Rappel : le document de séjour expire bientôt'],
        [CASEWORKER, 'Rappel : le document de séjour expire bientôt'],
        [GUARDIAN, 'Rappel : le document de séjour expire bientôt'],
      ].sort(),
    );
    // The caseworker of a French-speaking centre reads French too.
    for (const mail of withSubject(all, 'Rappel : le document de séjour expire bientôt'))
      expectDue(mail, validUntil, 'fr-BE');
    const reminders = withSubject(all, 'Rappel : demande de statut en attente de votre réponse');
    expectDue(
      reminders.find((m) => m.to[0] === 'parquet.liege@example.org'),
      addDays(d0, 14),
      'fr-BE',
    );
    expectDue(
      reminders.find((m) => m.to[0] === 'pg.liege@example.org'),
      addDays(d0, 22),
      'fr-BE',
    );
    for (const alert of withSubject(all, 'Le document de séjour expirera sans décision'))
      expectDue(alert, validUntil, 'fr-BE');
    expectUniqueMessageIds(all);
    expectDiscreet(all, [CASEWORKER, GUARDIAN]);
  });

  it("mails the guardian in the guardian's own language, and a Eupen file escalated to Liège in German", async () => {
    const sink = await sinkWith();
    const { cases } = await startMailWorker(sink, new InMemorySentLedger());
    const GUARDIAN = 'vormund.person@private.example.net';
    const h = await openCase(
      cases,
      {
        unaccompaniedMinor: true,
        victim: { pseudonym: PSEUDONYM, dateOfBirth: MINOR_DATE_OF_BIRTH, language: 'ro' },
        guardian: { name: GUARDIAN_NAME, email: GUARDIAN, language: 'de' },
      },
      'SURYA',
    );
    const d0 = await cases.today();
    await cases.event(h, SURYA_CENTRE, complaintFiled(d0, 'EUPEN'));
    await quiet(h);
    // The centre reads French, the guardian German (PROCEDURE.md "opening and the complaint").
    expect(withSubject(mailsOf(sink, h), 'Dossier de séjour : nouvelle phase').map((m) => m.to)).toEqual([
      ['surya@example.org'],
    ]);
    expect(withSubject(mailsOf(sink, h), 'Aufenthaltsakte: neue Phase').map((m) => m.to)).toEqual([[GUARDIAN]]);

    await advance(cases, h, addDays(d0, 15)); // no reply from Eupen: escalated to Liège
    // The file's language, whatever the directory gives Liège (French).
    const escalated = withSubject(mailsOf(sink, h), 'Statusanfrage an Sie weitergeleitet: keine Antwort erhalten');
    expect(escalated.map((m) => m.to)).toEqual([['pg.liege@example.org']]);
    expectDue(escalated[0], addDays(d0, 22), 'de-BE');
  });

  it("escalates each district to the Principal Crown Prosecutor of its court of appeal, in that office's language", async () => {
    const sink = await sinkWith();
    const { cases } = await startMailWorker(sink, new InMemorySentLedger());
    const routes = [
      {
        district: 'HALLE-VILVOORDE',
        office: 'parket.halle-vilvoorde@example.org',
        query: 'Statusaanvraag over een verblijfsdossier',
        pg: 'pg.brussel@example.org',
        escalation: 'Demande de statut transmise : aucune réponse reçue',
      },
      {
        district: 'LIMBURG',
        office: 'parket.limburg@example.org',
        query: 'Statusaanvraag over een verblijfsdossier',
        pg: 'pg.antwerpen@example.org',
        escalation: 'Statusaanvraag aan u doorgestuurd: geen antwoord ontvangen',
      },
      {
        district: 'CHARLEROI',
        office: 'parquet.charleroi@example.org',
        query: 'Demande de statut concernant un dossier de séjour',
        pg: 'pg.mons@example.org',
        escalation: 'Demande de statut transmise : aucune réponse reçue',
      },
      {
        district: 'WEST-VLAANDEREN',
        office: 'parket.west-vlaanderen@example.org',
        query: 'Statusaanvraag over een verblijfsdossier',
        pg: 'pg.gent@example.org',
        escalation: 'Statusaanvraag aan u doorgestuurd: geen antwoord ontvangen',
      },
    ] as const;
    const d0 = await cases.today();
    const handles = [];
    for (const route of routes) {
      const h = await openCase(cases, {});
      await cases.event(h, CENTRE, complaintFiled(d0, route.district));
      handles.push(h);
    }
    await cases.advanceTo(handles[0]!, addDays(d0, 15));
    for (const [i, route] of routes.entries()) {
      const h = handles[i]!;
      await quiet(h);
      const mails = mailsOf(sink, h);
      expect(withSubject(mails, route.query).map((m) => m.to)).toEqual([[route.office]]);
      const escalations = mails.filter((m) => m.to.includes(route.pg));
      expect(escalations.map((m) => m.subject)).toEqual([`${route.escalation} [${h.workflowId}]`]);
      expectDue(escalations[0], addDays(d0, 22), route.escalation.startsWith('Demande') ? 'fr-BE' : 'nl-BE');
      // Nobody else's Principal Crown Prosecutor hears of it.
      expect(mails.filter((m) => m.to.some((to) => to.startsWith('pg.') && to !== route.pg))).toEqual([]);
    }
  });

  it('asks the Immigration Office in French to review a reported ground, reminds it, and tells an English-speaking centre the case closed', async () => {
    const sink = await sinkWith();
    const { cases } = await startMailWorker(sink, new InMemorySentLedger());
    const h = await openCase(cases, { caseworkerEmail: 'sam.caseworker@private.example.net' }, 'PAG-ASA');
    const d0 = await cases.today();
    await cases.event(h, PAG_ASA_CENTRE, { type: 'contact-with-exploiters', on: d0, note: NOTE });
    await advance(cases, h, addDays(d0, 11));
    const [opened] = withSubject(mailsOf(sink, h), 'Examen demandé : retrait éventuel');
    expect(opened?.to).toEqual(['office-etrangers@example.org']);
    expectDue(opened, addDays(d0, 14), 'fr-BE');
    const [reminder] = withSubject(mailsOf(sink, h), 'Rappel : décision d’examen attendue');
    expect(reminder?.to).toEqual(['office-etrangers@example.org']);
    expectDue(reminder, addDays(d0, 14), 'fr-BE');

    await cases.event(h, IMMIGRATION, {
      type: 'withdrawal-decided',
      on: addDays(d0, 11),
      withdraw: true,
      ground: 'contact-with-exploiters',
    });
    await quiet(h);
    const closed = mailsOf(sink, h).filter((m) =>
      /^(Residence file closed|Dossier de séjour clôturé) \[/.test(m.subject),
    );
    expect(closed.map((m) => [m.to.join(), m.subject.replace(/ \[.*$/, '')]).sort()).toEqual([
      ['office-etrangers@example.org', 'Dossier de séjour clôturé'],
      ['pag-asa@example.org', 'Residence file closed'],
    ]);
    const all = mailsOf(sink, h);
    expectUniqueMessageIds(all);
    expectDiscreet(all, ['sam.caseworker@private.example.net']);
  });
});

describe('delivery', () => {
  it('flags a notice undelivered when the relay stays down past the two days of retries', async () => {
    const sink = await sinkWith();
    const { cases, attempts } = await startMailWorker(sink, new InMemorySentLedger(), {
      around: () => async () => {
        throw new Error('mail relay unavailable (ECONNREFUSED)');
      },
    });
    const h = await openCase(cases, {});
    // The retries back off to 10 minutes; the schedule-to-close of two days ends them, for the opening's notice
    // and then for the Immigration Office's delivery-failed notice (the server's clock).
    await env.sleep('5 days');
    const st = await quiet(h);
    // Not taken for a forged outcome: the server ended the retries, so the notice is not sent again.
    expect(st.flags.undeliverableNotices).toEqual(['undelivered-after-retries']);
    const keys = new Set(attempts.map((a) => a.key));
    // The opening's notice, and the Immigration Office's delivery-failed notice (which fails as well).
    expect(keys.size).toBe(2);
    expect(attempts.filter((a) => a.attempt === 1)).toHaveLength(2);
  });

  it('delivers exactly one mail through a relay that refuses twice, then accepts', async () => {
    const sink = await sinkWith({ failFirst: 2 });
    const { cases, attempts } = await startMailWorker(sink, new InMemorySentLedger());
    const h = await openCase(cases, {});
    // The retries wait 2 s, then 4 s: skipped on the server's clock.
    await env.sleep(60_000);
    await sink.waitFor(1, 10_000);
    let st = await quiet(h);

    expect(sink.sessions).toBe(3);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(sent(mailsOf(sink, h))).toEqual([
      ['office-etrangers@example.org', 'Nouveau dossier de séjour : document à délivrer'],
    ]);
    expect(st.flags.undeliverableNotices).toEqual([]);

    // The relay is healthy again: the rest of the case is mailed once, attempt 1 each.
    const d0 = await cases.today();
    await cases.event(h, CENTRE, complaintFiled(d0));
    await quiet(h);
    await env.sleep(3_600_000);
    st = await quiet(h);
    expect(st.flags.undeliverableNotices).toEqual([]);
    const all = mailsOf(sink, h);
    expect(all).toHaveLength(4);
    expectUniqueMessageIds(all);
    expect(attempts.slice(3).map((a) => a.attempt)).toEqual([1, 1, 1]);
  });

  it('flags a caseworker address the relay refuses for good, tells the Immigration Office, and does not retry', async () => {
    const GONE = 'gone.caseworker@private.example.net';
    const rcpt: string[] = [];
    const sink = await sinkWith({
      rejectRecipients: (address) => {
        rcpt.push(address);
        return address === GONE;
      },
    });
    const { cases, attempts } = await startMailWorker(sink, new InMemorySentLedger());
    const h = await openCase(cases, { caseworkerEmail: GONE });
    const end = addDays(await cases.today(), 45);

    let st = await advance(cases, h, addDays(end, -14));
    expect(st.flags.undeliverableNotices).toEqual(['caseworker']);
    const reminderKey = attempts.find((a) => a.key.includes('/reflection-ending-reminder/'))!.key;
    expect(rcpt.filter((a) => a === GONE)).toHaveLength(1);
    let failed = withSubject(mailsOf(sink, h), 'Un avis n’a pas pu être remis');
    expect(failed.map((m) => m.to)).toEqual([['office-etrangers@example.org']]);
    // The office learns which notice and which recipient, by role, never by address.
    expect(failed[0]!.text).toContain('Rappel : le délai de réflexion se termine bientôt');
    expect(failed[0]!.text).toContain('l’assistant social du dossier');
    expect(failed[0]!.text).toContain(`${PUBLIC_BASE_URL}/workspace/cases/${h.workflowId}`);
    // The centre still got its reminder.
    expect(withSubject(mailsOf(sink, h), 'Herinnering: bedenktijd loopt binnenkort af').map((m) => m.to)).toEqual([
      ['payoke@example.org'],
    ]);

    // No retry storm: a day later the refused address was still tried once, by one attempt.
    await advance(cases, h, addDays(end, -13));
    expect(rcpt.filter((a) => a === GONE)).toHaveLength(1);
    expect(attempts.filter((a) => a.key === reminderKey).map((a) => a.attempt)).toEqual([1]);

    // The next reminder is refused once too, and reported once more.
    st = await advance(cases, h, addDays(end, -7));
    expect(rcpt.filter((a) => a === GONE)).toHaveLength(2);
    expect(st.flags.undeliverableNotices).toEqual(['caseworker']);
    failed = withSubject(mailsOf(sink, h), 'Un avis n’a pas pu être remis');
    expect(failed).toHaveLength(2);
    expect(attempts.filter((a) => a.key.includes('/delivery-failed/')).map((a) => a.attempt)).toEqual([1, 1]);
    expect(attempts.every((a) => a.attempt === 1)).toBe(true);
    const all = mailsOf(sink, h);
    expectUniqueMessageIds(all);
    expectDiscreet(all, [GONE]);
  });
});

describe('never twice', () => {
  it('does not mail a notice again when a new worker takes over mid-case with the same ledger file', async () => {
    const ledgerFile = join(mkdtempSync(join(tmpdir(), 'mail-cases-')), 'sent.jsonl');
    const sink = await sinkWith();
    let lost: () => void = () => undefined;
    const workerLost = new Promise<void>((resolve) => (lost = resolve));
    // The first worker dies after the relay accepted the status query, before the activity completed.
    const first = await startMailWorker(sink, new FileSentLedger(ledgerFile), {
      noCache: true,
      around: (send) => async (delivery) => {
        const receipt = await send(delivery);
        if (delivery.notice.kind === 'status-query') {
          lost();
          throw new Error('worker lost after the relay accepted the mail');
        }
        return receipt;
      },
    });
    const h = await openCase(first.cases, {});
    const d0 = await first.cases.today();
    const s = await first.cases.event(h, CENTRE, complaintFiled(d0));
    await workerLost;
    await first.stop();
    const queryKey = first.attempts.find((a) => a.key.includes('/status-query/'))!.key;
    expect(withSubject(mailsOf(sink, h), 'Statusaanvraag over een verblijfsdossier')).toHaveLength(1);

    // A new worker process: new activities, a new ledger object on the same file.
    const second = await startMailWorker(sink, new FileSentLedger(ledgerFile), {
      taskQueue: first.taskQueue,
      noCache: true,
    });
    await env.sleep(60_000); // the retry's back-off
    await quiet(h);
    expect(second.attempts.filter((a) => a.key === queryKey).map((a) => a.attempt)).toEqual([2]);
    expect(withSubject(mailsOf(sink, h), 'Statusaanvraag over een verblijfsdossier')).toHaveLength(1);

    // The case goes on with the new worker: the reminder, then stage 3, each once.
    await advance(second.cases, h, addDays(d0, 11));
    await second.cases.answer(h, prosecutor('ANTWERPEN'), s.prosecutorQuery!.queryId, YES);
    const st = await quiet(h);
    expect(st).toMatchObject({ stage: 'IDENTIFIED_VICTIM', flags: { undeliverableNotices: [] } });

    const all = mailsOf(sink, h);
    expect(sent(all)).toEqual(
      [
        ['office-etrangers@example.org', 'Nouveau dossier de séjour : document à délivrer'],
        ['payoke@example.org', 'Verblijfsdossier: nieuwe fase'],
        ['office-etrangers@example.org', 'Dossier de séjour : document à délivrer'],
        ['parket.antwerpen@example.org', 'Statusaanvraag over een verblijfsdossier'],
        ['parket.antwerpen@example.org', 'Herinnering: statusaanvraag wacht op uw antwoord'],
        ['payoke@example.org', 'Verblijfsdossier: nieuwe fase'],
        ['office-etrangers@example.org', 'Dossier de séjour : document à délivrer'],
      ].sort(),
    );
    expectUniqueMessageIds(all);
    // The ledger file holds each mail once: what both workers sent, in one place.
    const ledgered = readFileSync(ledgerFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { messageId: string }).messageId);
    expect([...ledgered].sort()).toEqual(all.map((m) => m.messageId).sort());
  });

  it('mails each notice once across continue-as-new, through two renewals of the 6-month permit to permanent residence', async () => {
    const sink = await sinkWith();
    const ledger = new WatchedLedger();
    const { cases } = await startMailWorker(sink, ledger);
    const h = await openCase(cases, {});
    const d0 = await cases.today();
    const s = await cases.event(h, CENTRE, complaintFiled(d0));
    let st = await cases.answer(h, prosecutor('ANTWERPEN'), s.prosecutorQuery!.queryId, YES);
    const queries: IsoDate[] = [addDays(d0, 14)];
    let review: { reminded: IsoDate; decideBy: IsoDate } | undefined;
    for (let cycle = 1; cycle <= 2; cycle++) {
      const validUntil = st.document!.validUntil!;
      const queryDay = subtractPeriod(validUntil, { months: 1 });
      if (cycle === 1) {
        // A review opened before the renewal is still open after it: its reminder, already sent, must not go again.
        const reported = addDays(queryDay, -12);
        await advance(cases, h, reported);
        st = await cases.event(h, prosecutor('ANTWERPEN'), { type: 'cooperation-ended', on: reported, note: NOTE });
        review = { decideBy: st.withdrawalReview!.decideBy, reminded: addDays(st.withdrawalReview!.decideBy, -3) };
        expect(review.reminded < queryDay && queryDay < review.decideBy).toBe(true);
      }
      st = await advance(cases, h, queryDay);
      expect(st.prosecutorQuery).toMatchObject({ sentOn: queryDay });
      queries.push(st.prosecutorQuery!.replyBy);
      const runBefore = (await h.describe()).runId;
      st = await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
      expect(st.document).toMatchObject({ renewals: cycle, validUntil: addPeriod(validUntil, { months: 6 }) });
      await quiet(h);
      expect((await h.describe()).runId).not.toBe(runBefore); // the renewal cycle continued as new
      if (cycle === 1) {
        await advance(cases, h, addDays(review!.decideBy, 1)); // overdue, in the new run
        await cases.event(h, IMMIGRATION, {
          type: 'withdrawal-decided',
          on: addDays(review!.decideBy, 1),
          withdraw: false,
          ground: 'cooperation-ended',
        });
        st = await quiet(h);
      }
    }
    const today = await cases.today();
    await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'conviction',
      on: today,
      underTraffickingLaw: true,
      appealed: false,
    });
    await quiet(h);
    await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: today, grant: true });
    await quiet(h);
    await cases.event(h, CENTRE, { type: 'identity-documented', on: today, documentKind: 'passport' });
    expect(await h.result()).toMatchObject({ outcome: 'PERMANENT_RESIDENCE' });

    const all = mailsOf(sink, h);
    expectUniqueMessageIds(all);
    // The workflow never asked for a notice twice: the ledger had nothing to hold back.
    expect(ledger.repeats).toEqual([]);
    const statusQueries = withSubject(all, 'Statusaanvraag over een verblijfsdossier');
    expect(statusQueries).toHaveLength(3);
    statusQueries.forEach((mail, i) => expectDue(mail, queries[i]!, 'nl-BE'));
    expect(withSubject(all, 'Dossier de séjour : document à délivrer')).toHaveLength(4); // the attestation, the A-card, two renewals
    for (const subject of [
      'Examen demandé : retrait éventuel',
      'Rappel : décision d’examen attendue',
      'Décision d’examen en retard',
    ]) {
      const [mail, ...again] = withSubject(all, subject);
      expect({ subject, to: mail?.to, again: again.length }).toEqual({
        subject,
        to: ['office-etrangers@example.org'],
        again: 0,
      });
      expectDue(mail, review!.decideBy, 'fr-BE');
    }
    const granted = all.filter((m) =>
      /^(Verblijfsdossier: verblijf van onbeperkte duur|Dossier de séjour : séjour illimité) \[/.test(m.subject),
    );
    expect(granted.map((m) => m.to.join()).sort()).toEqual(['office-etrangers@example.org', 'payoke@example.org']);
    expect(granted.find((m) => m.to[0] === 'payoke@example.org')!.text).toContain(
      'het identiteitsbewijs ontbreekt nog',
    );
    expectDiscreet(all, ['caseworker@payoke.example.org']);
  });
});
