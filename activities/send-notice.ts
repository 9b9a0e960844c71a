import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Language } from '../src/domain/codes';
import {
  NOTICE_REJECTED,
  recipientLabel,
  type CaseContacts,
  type Notice,
  type NoticeDelivery,
  type NoticeReceipt,
  type NoticeRejectedDetails,
  type Recipient,
} from '../src/domain/notices';
import { complaintOfficeContact, type Directory } from '../src/directory';
import { ICS_CONTENT_TYPE } from '../src/mail/compose/ics';
import { noticeMessageId } from '../src/mail/compose/message-id';
import { render } from '../src/mail/compose/render';
import type { SentLedger } from '../src/mail/transport/sent-ledger';
import { classifySmtpFailure } from '../src/mail/transport/smtp-failure';
import { createSmtpTransport, type SmtpOptions, type SmtpTransport } from '../src/mail/transport/smtp-transport';
import { unshownFacts } from '../src/i18n/facts';
import type { CaseActivities } from './index';

export interface MailDependencies {
  /** A ready transport (the caller closes it), or SMTP options to build one from (SMTP_* of the configuration). */
  transport: SmtpTransport | SmtpOptions;
  directory: Directory;
  /** MAIL_FROM */
  from: string;
  /** PUBLIC_BASE_URL */
  publicBaseUrl: string;
  ledger: SentLedger;
}

/** Heartbeats while a send is under way (the workflow's heartbeatTimeout is 10 s; the SDK throttles them). */
const HEARTBEAT_EVERY_MS = 2_000;

interface Target {
  email?: string;
  language: Language;
}

function targetOf(recipient: Recipient, notice: Notice, directory: Directory, contacts: CaseContacts): Target {
  switch (recipient.role) {
    case 'immigration-office':
      return directory.immigrationOffice;
    case 'centre':
      return directory.centres[recipient.centre];
    case 'prosecutor':
      return complaintOfficeContact(directory, recipient.office);
    case 'principal-crown-prosecutor': {
      const court = directory.principalCrownProsecutors[recipient.courtOfAppeal];
      // A German-speaking office's file stays in German at its court of appeal (PROCEDURE.md "Languages").
      const fileLanguage = recipient.office && complaintOfficeContact(directory, recipient.office).language;
      return fileLanguage === 'de' ? { ...court, language: fileLanguage } : court;
    }
    case 'caseworker':
      // The caseworker reads the language of the case's centre.
      return { email: contacts.caseworkerEmail, language: directory.centres[notice.centre].language };
    case 'guardian':
      return {
        email: contacts.guardianEmail,
        language: contacts.guardianLanguage ?? directory.centres[notice.centre].language,
      };
  }
}

/** A counter of the worker's metrics (the SDK's Prometheus exporter); labels name kinds of notice, never a case. */
const noticeCounter = (name: string, description: string) =>
  Context.current().metricMeter.createCounter(name, 'mails', description);

/** One mail to one recipient: sent, or what the relay said instead. */
function countMail(notice: Notice, outcome: string): void {
  noticeCounter('victim_cases_notice_mails', 'mails of notices, by kind and outcome').add(1, {
    notice_kind: notice.kind,
    outcome,
  });
}

export function createMailActivities(deps: MailDependencies): Pick<CaseActivities, 'sendNotice'> {
  const transport = 'sendMail' in deps.transport ? deps.transport : createSmtpTransport(deps.transport);

  /** Heartbeats until the delivery settles, so a worker that dies mid-send is noticed by Temporal within the heartbeat timeout. */
  async function sendNotice(delivery: NoticeDelivery): Promise<NoticeReceipt> {
    const context = Context.current();
    if (context.info.attempt > 1)
      noticeCounter('victim_cases_notice_retries', 'notices sent again after a failed attempt').add(1, {
        notice_kind: delivery.notice.kind,
      });
    // No heartbeat at the start: the server counts the heartbeat timeout from the start anyway, and most sends
    // finish before the first interval, so a burst of notices costs no heartbeat call each.
    const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      await deliverNotice(delivery);
    } finally {
      clearInterval(beat);
    }
    return { notice: delivery.notice.key };
  }

  async function deliverNotice({ notice, contacts }: NoticeDelivery): Promise<void> {
    const ignored = unshownFacts(notice.facts);
    if (ignored.length > 0) log.warn('notice facts that no mail shows', { noticeKind: notice.kind, facts: ignored });

    const rejected: string[] = [];
    const deferred: string[] = [];
    for (const recipient of notice.recipients) {
      const label = recipientLabel(recipient);
      const messageId = noticeMessageId(notice.key, label);
      if (await deps.ledger.has(messageId)) continue; // sent by an earlier attempt or run

      const target = targetOf(recipient, notice, deps.directory, contacts);
      if (!target.email) {
        log.warn('no address on record for a notice recipient', { noticeKind: notice.kind, recipient: label });
        rejected.push(label);
        continue;
      }
      const mail = render(notice, target.language, { publicBaseUrl: deps.publicBaseUrl });
      try {
        await transport.sendMail({
          from: deps.from,
          to: target.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          attachments: mail.ics
            ? [{ filename: `${notice.kind}-${notice.due}.ics`, content: mail.ics, contentType: ICS_CONTENT_TYPE }]
            : [],
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const failure = classifySmtpFailure(error);
        log.warn('notice not delivered', {
          noticeKind: notice.kind,
          recipient: label,
          failure: failure.kind,
          smtp: failure.description,
        });
        if (failure.kind === 'unreachable') {
          // No `cause`: nodemailer's error quotes the address, and a cause goes into the workflow history.
          // eslint-disable-next-line preserve-caught-error
          throw new Error(
            `mail relay unavailable (${failure.description}) sending notice ${notice.kind} of ${notice.caseId}`,
          );
        }
        countMail(notice, failure.kind);
        (failure.kind === 'rejected' ? rejected : deferred).push(label);
        continue;
      }
      await deps.ledger.record({
        messageId,
        noticeKey: notice.key,
        recipient: label,
        kind: notice.kind,
        sentAt: new Date().toISOString(),
      });
      log.info('notice delivered', { noticeKind: notice.kind, recipient: label, messageId });
      countMail(notice, 'sent');
    }

    // Deferred recipients first: the retry may still reach them, and it re-reports any rejection.
    if (deferred.length > 0) {
      throw new Error(`notice ${notice.kind} of ${notice.caseId} deferred for ${deferred.join(', ')}; will retry`);
    }
    if (rejected.length > 0) {
      throw ApplicationFailure.nonRetryable(
        `notice ${notice.kind} of ${notice.caseId} refused for ${rejected.join(', ')}`,
        NOTICE_REJECTED,
        { rejected } satisfies NoticeRejectedDetails,
      );
    }
  }

  return { sendNotice };
}
