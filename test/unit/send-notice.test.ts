import { mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { ParsedMail } from 'mailparser';
import type { CaseActivities } from '../../activities';
import { createMailActivities } from '../../activities/send-notice';
import { loadDirectory } from '../../src/directory';
import { NOTICE_REJECTED, type Notice, type NoticeDelivery, type NoticeReceipt } from '../../src/domain/notices';
import { FileSentLedger, InMemorySentLedger, type SentLedger } from '../../src/mail/transport/sent-ledger';
import { classifySmtpFailure } from '../../src/mail/transport/smtp-failure';
import { forbiddenWordsIn } from '../support/forbidden-words';
import { startSmtpServer, type SmtpServer, type SmtpServerOptions } from '../../tools/stack/smtp-server';

const directory = loadDirectory(join(__dirname, '../../config/dev/directory.json'));
const CASEWORKER = 'jane.caseworker@private.example.net';
const GUARDIAN = 'guardian.person@private.example.net';
const contacts = { caseworkerEmail: CASEWORKER, guardianEmail: GUARDIAN };

const reminder: Notice = {
  key: 'case-7f3k/document-expiry-reminder/2027-03-01/14',
  kind: 'document-expiry-reminder',
  caseId: 'case-7f3k',
  centre: 'PAYOKE',
  recipients: [{ role: 'centre', centre: 'PAYOKE' }, { role: 'caseworker' }, { role: 'guardian' }],
  due: '2027-03-15',
  facts: { stage: 'TEMPORARY_RESIDENCE', documentType: 'ATTESTATION_OF_IMMATRICULATION' },
};
const statusQuery: Notice = {
  key: 'case-7f3k/status-query/q-1',
  kind: 'status-query',
  caseId: 'case-7f3k',
  centre: 'PAYOKE',
  recipients: [{ role: 'prosecutor', office: 'LIEGE' }],
  due: '2027-02-14',
  facts: { queryId: 'q-1' },
};
const deliver = (notice: Notice): NoticeDelivery => ({ notice, contacts });

let sink: SmtpServer | undefined;
let logs: LogEntry[];

async function setUp(sinkOptions: SmtpServerOptions = {}, ledger: SentLedger = new InMemorySentLedger()) {
  sink = await startSmtpServer(sinkOptions);
  const activities = createMailActivities({
    transport: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    directory,
    from: 'case-service@example.org',
    publicBaseUrl: 'https://cases.example.org',
    ledger,
  });
  return { sink, activities, send: (notice: Notice) => run(activities, notice) };
}

function run(activities: Pick<CaseActivities, 'sendNotice'>, notice: Notice): Promise<NoticeReceipt> {
  const env = new MockActivityEnvironment(
    { attempt: 1 },
    { logger: new DefaultLogger('TRACE', (entry) => logs.push(entry)) },
  );
  return env.run(activities.sendNotice, deliver(notice));
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the activity to fail');
}

/** Every log line of the test, messages and metadata, to scan for personal data. */
const logText = () => JSON.stringify(logs.map(({ level, message, meta }) => ({ level, message, meta })));
const isRetryable = (err: Error) => !(err instanceof ApplicationFailure && err.nonRetryable);

beforeEach(() => {
  logs = [];
});
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

describe('sendNotice', () => {
  it("sends one mail per recipient, in each recipient's language, with the due date and a calendar file", async () => {
    const { sink, send } = await setUp();
    // The receipt names the notice: the workflow takes an outcome without it as not the worker's.
    expect(await send(reminder)).toEqual({ notice: reminder.key });
    await send(statusQuery);

    expect(sink.envelopes).toEqual([['payoke@example.org'], [CASEWORKER], [GUARDIAN], ['parquet.liege@example.org']]);
    const [centre, caseworker, guardian, prosecutor] = sink.messages as [
      ParsedMail,
      ParsedMail,
      ParsedMail,
      ParsedMail,
    ];
    // PAYOKE reads Dutch, and so do its caseworker and the guardian of its case.
    for (const mail of [centre, caseworker, guardian]) {
      expect(mail.subject).toBe('Herinnering: verblijfsdocument verloopt binnenkort [case-7f3k]');
      expect(mail.text).toContain('maandag 15 maart 2027');
      expect(mail.html).toContain('maandag 15 maart 2027');
      expect(mail.text).toContain('https://cases.example.org/workspace/cases/case-7f3k');
    }
    expect(prosecutor.subject).toBe('Demande de statut concernant un dossier de séjour [case-7f3k]');
    expect(prosecutor.text).toContain('dimanche 14 février 2027');
    expect(prosecutor.text).toContain('https://cases.example.org/workspace/queries');

    const [ics] = prosecutor.attachments;
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics?.filename).toMatch(/\.ics$/);
    expect(sink.raw[3]).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    const calendar = (ics?.content.toString('utf8') ?? '').replace(/\r?\n[ \t]/g, ''); // unfolded
    expect(calendar).toContain('DTSTART;VALUE=DATE:20270214');
    expect(calendar).toContain('UID:case-7f3k=2Fstatus-query=2F2d2ad3e9f3068da8ec02602e485f9ed5@case-notices.invalid');

    expect(centre.messageId).toBe(
      '<case-7f3k=2Fdocument-expiry-reminder=2Fa768e1490589aa5ff5840059b8e2b612.centre=3APAYOKE@case-notices.invalid>',
    );
    expect(caseworker.messageId).toBe(
      '<case-7f3k=2Fdocument-expiry-reminder=2Fa768e1490589aa5ff5840059b8e2b612.caseworker@case-notices.invalid>',
    );
    expect(prosecutor.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it("sends a labour auditor's office its status query at the address and in the language of the directory, in its words", async () => {
    const { sink, send } = await setUp();
    await send({
      ...statusQuery,
      key: 'case-7f3k/status-query/q-2',
      recipients: [{ role: 'prosecutor', office: 'LABOUR-GENT' }],
    });
    await send({
      ...statusQuery,
      key: 'case-7f3k/status-query-escalated/q-2',
      kind: 'status-query-escalated',
      recipients: [{ role: 'principal-crown-prosecutor', courtOfAppeal: 'CA-GENT' }],
      facts: { queryId: 'q-2', office: 'LABOUR-GENT' },
    });

    expect(directory.labourAuditorOffices['LABOUR-GENT']).toMatchObject({
      email: 'arbeidsauditoraat.gent@example.org',
      language: 'nl',
    });
    expect(sink.envelopes).toEqual([['arbeidsauditoraat.gent@example.org'], ['pg.gent@example.org']]);
    const [office, pg] = sink.messages as [ParsedMail, ParsedMail];
    expect(office.subject).toBe('Statusaanvraag over een verblijfsdossier [case-7f3k]');
    expect(office.text).toContain('zondag 14 februari 2027');
    expect(office.text).toContain('De Dienst Vreemdelingenzaken vraagt u naar de stand');
    expect(office.text).not.toMatch(/parket/i);
    expect(pg.text).toContain('- Bevraagde instantie: arbeidsauditoraat Gent\n');
    expect(logText()).toContain('prosecutor:LABOUR-GENT');

    // The Immigration Office (French) is told of an undelivered notice in its words.
    await send({
      key: 'case-7f3k/delivery-failed/q-2',
      kind: 'delivery-failed',
      caseId: 'case-7f3k',
      centre: 'PAYOKE',
      recipients: [{ role: 'immigration-office' }],
      facts: { noticeKind: 'status-query', recipients: 'prosecutor:LABOUR-GENT' },
    });
    expect(sink.envelopes[2]).toEqual(['office-etrangers@example.org']);
    expect(sink.messages[2]!.text).toContain('l’auditorat du travail de Gand');
  });

  it('gives the caseworker of an English-speaking centre English, and tells addresses apart in every mail and log', async () => {
    const { sink, send } = await setUp();
    await send({
      ...reminder,
      key: 'k-pag-asa',
      centre: 'PAG-ASA',
      recipients: [{ role: 'centre', centre: 'PAG-ASA' }, { role: 'caseworker' }],
    });
    expect(sink.messages.map((m) => m.subject)).toEqual([
      'Reminder: residence document expires soon [case-7f3k]',
      'Reminder: residence document expires soon [case-7f3k]',
    ]);
    // A caseworker's address is personal data: it appears in its own envelope and To header, nowhere else.
    expect(sink.raw[0]).not.toContain(CASEWORKER);
    expect(sink.raw[1]!.split(CASEWORKER).length - 1).toBe(1);
    expect(logText()).toContain('notice delivered');
    expect(logText()).not.toContain('private.example.net');
    for (const raw of sink.raw) expect(forbiddenWordsIn(raw)).toEqual([]);
  });

  it('writes to the offices of the German-speaking district (Eupen) in German, as the directory says', async () => {
    const { sink, send } = await setUp();
    expect(directory.prosecutorOffices.EUPEN.language).toBe('de');
    expect(directory.labourAuditorOffices['LABOUR-EUPEN'].language).toBe('de');
    await send({
      ...statusQuery,
      key: 'case-7f3k/status-query/q-3',
      recipients: [{ role: 'prosecutor', office: 'EUPEN' }],
    });
    await send({
      ...statusQuery,
      key: 'case-7f3k/status-query/q-4',
      recipients: [{ role: 'prosecutor', office: 'LABOUR-EUPEN' }],
    });

    expect(sink.envelopes).toEqual([['parquet.eupen@example.org'], ['arbeitsauditorat.eupen@example.org']]);
    for (const mail of sink.messages) {
      expect(mail.subject).toBe('Statusanfrage zu einer Aufenthaltsakte [case-7f3k]');
      expect(mail.text).toMatch(/^Guten Tag,\n/);
      expect(mail.text).toContain('Antwort spätestens am: Sonntag, 14. Februar 2027');
      expect(mail.text).toContain('Das Ausländeramt bittet Sie um den Stand');
      expect(mail.text).toContain('https://cases.example.org/workspace/queries');
      expect(mail.html).toContain('<html lang="de-BE">');
      expect(mail.text).not.toMatch(/Demande|parquet|Status request/);
    }
    for (const raw of sink.raw) expect(forbiddenWordsIn(raw)).toEqual([]);
  });

  it('survives a relay that refuses twice: the retried activity delivers exactly one mail', async () => {
    const { sink, send } = await setUp({ failFirst: 2 });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const err = await failureOf(send(statusQuery));
      expect(isRetryable(err)).toBe(true);
      expect(err.message).toMatch(/mail relay unavailable \(EPROTOCOL 421\)/);
    }
    await send(statusQuery);
    expect(sink.messages).toHaveLength(1);
    expect(sink.sessions).toBe(3);
  });

  it('resumes where a failed attempt stopped: recipients already served get no second mail', async () => {
    const { sink, send } = await setUp({ failFirst: 2 });
    // Sessions: 1 refused (attempt 1 stops at once), 2 refused (attempt 2), then all recipients.
    await failureOf(send(reminder));
    await failureOf(send(reminder));
    await send(reminder);
    await send(reminder);
    expect(sink.envelopes).toEqual([['payoke@example.org'], [CASEWORKER], [GUARDIAN]]);
  });

  it('fails retryably, without an address in the error, when the relay is down', async () => {
    const { sink, activities } = await setUp();
    await sink.close();
    const err = await failureOf(run(activities, { ...reminder, recipients: [{ role: 'caseworker' }] }));
    expect(isRetryable(err)).toBe(true);
    expect(err.message).toMatch(/mail relay unavailable \(ESOCKET ECONNREFUSED\)/);
    expect(`${String(err)}${logText()}`).not.toContain('private.example.net');
  });

  it('on a permanent rejection, still serves the other recipients, then fails for good naming the refused label', async () => {
    const { sink, send } = await setUp({ rejectRecipients: (address) => address === CASEWORKER });
    const err = await failureOf(send(reminder));

    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(NOTICE_REJECTED);
    expect(failure.details).toEqual([{ rejected: ['caseworker'] }]);
    expect(failure.message).not.toContain('@');
    expect(logText()).not.toContain('private.example.net');
    expect(sink.envelopes).toEqual([['payoke@example.org'], [GUARDIAN]]);

    // A replay of the same activity sends nothing new and reports the same refusal.
    const again = (await failureOf(send(reminder))) as ApplicationFailure;
    expect(again.details).toEqual([{ rejected: ['caseworker'] }]);
    expect(sink.messages).toHaveLength(2);
  });

  it('treats a recipient without an address on record as refused', async () => {
    const { sink, activities } = await setUp();
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('TRACE', (entry) => logs.push(entry)) });
    const err = (await failureOf(
      env.run(activities.sendNotice, { notice: reminder, contacts: { caseworkerEmail: CASEWORKER } }),
    )) as ApplicationFailure;
    expect(err.details).toEqual([{ rejected: ['guardian'] }]);
    expect(sink.messages).toHaveLength(2);
  });

  it('sends a notice once however often it is delivered', async () => {
    const { sink, send } = await setUp();
    await send(statusQuery);
    await send(statusQuery);
    expect(sink.messages).toHaveLength(1);
  });

  it('remembers sent mail across a worker restart through the file ledger', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sent-ledger-')), 'nested', 'sent.jsonl');
    const first = await setUp({}, new FileSentLedger(path));
    await first.send(statusQuery);
    expect(first.sink.messages).toHaveLength(1);

    // A new worker process: a fresh ledger object and fresh activities on the same file.
    const restarted = createMailActivities({
      transport: { host: '127.0.0.1', port: first.sink.port, secure: false, ignoreTLS: true },
      directory,
      from: 'case-service@example.org',
      publicBaseUrl: 'https://cases.example.org',
      ledger: new FileSentLedger(path),
    });
    await run(restarted, statusQuery);
    expect(first.sink.messages).toHaveLength(1);

    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      recipient: 'prosecutor:LIEGE',
      kind: 'status-query',
      noticeKey: statusQuery.key,
    });
  });
});

describe('FileSentLedger', () => {
  it("reads another process's appends and does not glue a record to a crash's partial line", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sent-ledger-')), 'sent.jsonl');
    const ledger = new FileSentLedger(path);
    expect(await ledger.has('<a@x>')).toBe(false);

    appendFileSync(path, `${JSON.stringify({ messageId: '<a@x>' })}\n{"messageId":"<partial`);
    expect(await ledger.has('<a@x>')).toBe(true);
    expect(await ledger.has('<partial')).toBe(false);

    const record = {
      messageId: '<b@x>',
      noticeKey: 'k',
      recipient: 'guardian',
      kind: 'case-closed',
      sentAt: '2027-01-01T00:00:00Z',
    };
    await ledger.record(record);
    expect(await new FileSentLedger(path).has('<b@x>')).toBe(true);
    expect(await new FileSentLedger(path).has('<a@x>')).toBe(true);
    await ledger.close();
  });

  it('keeps every line of records made at once, each known as soon as it is recorded', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sent-ledger-')), 'nested', 'sent.jsonl');
    const ledger = new FileSentLedger(path);
    const ids = Array.from({ length: 50 }, (_, i) => `<m${i}@x>`);
    const recorded = ids.map((messageId) =>
      ledger.record({
        messageId,
        noticeKey: 'k',
        recipient: 'guardian',
        kind: 'case-closed',
        sentAt: '2027-01-01T00:00:00Z',
      }),
    );
    expect(await Promise.all(ids.map((id) => ledger.has(id)))).toEqual(ids.map(() => true));
    await Promise.all(recorded);
    await ledger.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { messageId: string }).messageId)).toEqual(ids);
    // Closed, it opens again on the next use.
    expect(await ledger.has('<m49@x>')).toBe(true);
    expect(await new FileSentLedger(path).has('<m0@x>')).toBe(true);
  });
});

describe('classifySmtpFailure', () => {
  const smtp = (fields: Record<string, unknown>) => Object.assign(new Error(`failed for <${CASEWORKER}>`), fields);

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'rejected', 'EENVELOPE 550'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'RCPT TO' }, 'rejected', 'EENVELOPE 553'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'rejected', 'EMESSAGE 554'],
    [{ code: 'EENVELOPE' }, 'rejected', 'EENVELOPE'],
    [{ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }, 'deferred', 'EENVELOPE 450'],
    [{ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'deferred', 'EMESSAGE 451'],
    [{ code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'unreachable', 'EPROTOCOL 421'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'unreachable', 'EAUTH 535'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' }, 'unreachable', 'EENVELOPE 550'],
    [{ code: 'ETIMEDOUT' }, 'unreachable', 'ETIMEDOUT'],
  ])('%j is %s', (fields, kind, description) => {
    expect(classifySmtpFailure(smtp(fields))).toEqual({ kind, description });
  });

  it('keeps only the system error name of a socket failure', () => {
    const failure = classifySmtpFailure(smtp({ code: 'ESOCKET', message: 'connect ECONNREFUSED 10.0.0.1:25' }));
    expect(failure).toEqual({ kind: 'unreachable', description: 'ESOCKET ECONNREFUSED' });
    expect(classifySmtpFailure('boom')).toEqual({ kind: 'unreachable', description: 'ERROR' });
  });
});
