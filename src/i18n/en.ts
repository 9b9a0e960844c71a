import { enPages } from './pages/en';
import { centreName, placeOf } from './places';
import { enProblems } from './problems/en';
import { ENGLISH_REFUSALS } from '../domain/refusals';
import { isLabourAuditorOffice } from '../domain/codes';
import type { LanguagePack } from './types';
import { UNDELIVERED_AFTER_RETRIES } from './vocabulary';

const forInformation = 'No action is needed: this message is for your information.';

export const en: LanguagePack = {
  locale: 'en-GB',
  words: {
    greeting: 'Hello,',
    labelSeparator: ': ',
    fileReference: 'File reference',
    asked: 'What is asked of you',
    details: 'Details',
    caseLink: 'The file in the application',
    queryLink: 'The status request in the application',
    calendarNote: 'The attached calendar file (.ics) puts this date in your calendar.',
    footer:
      'This message was sent automatically; please do not reply to it. ' +
      'For the safety of the persons concerned it contains no personal data: sign in to the application to see the file.',
    seeApplication: 'see the application',
    feedName: 'Residence files: deadlines',
  },
  factLabels: {
    centre: 'Centre',
    stage: 'Stage',
    documentType: 'Document',
    renewal: 'Renewal number',
    documentValidUntil: 'Current document valid until',
    minor: 'Unaccompanied minor',
    deadline: 'Deadline',
    outcome: 'Outcome',
    detail: 'Reason',
    ground: 'Reported ground',
    office: 'Office queried',
    queryId: 'Status request reference',
    renewalAvailable: 'One renewal of the three-month document still available',
    identityProofMissing: 'Proof of identity',
    humanitarianCandidate: 'Humanitarian residence (art. 9bis)',
    noticeKind: 'Notice',
    recipients: 'Recipient',
  },
  yesNo: { yes: 'yes', no: 'no' },
  stages: {
    REFLECTION: 'stage 1, reflection period',
    TEMPORARY_RESIDENCE: 'stage 2, three-month residence',
    IDENTIFIED_VICTIM: 'stage 3, six-month residence',
    PERMANENT_RESIDENCE: 'stage 4, residence of unlimited duration',
    CLOSED: 'closed',
  },
  outcomes: {
    PERMANENT_RESIDENCE: 'residence of unlimited duration granted',
    REFLECTION_EXPIRED: 'reflection period ended without a complaint or statement',
    VOLUNTARY_RETURN: 'voluntary return',
    WITHDRAWN: 'residence withdrawn',
    NOT_RENEWED: 'residence document not renewed',
    PROCEEDINGS_ENDED: 'judicial proceedings ended',
    OTHER_STATUS: 'another residence status granted',
    OPENED_IN_ERROR: 'file opened by mistake and cancelled',
  },
  outcomeDetails: {
    dismissed: 'case dismissed',
    acquittal: 'acquittal',
    'conviction-other-offence': 'conviction for another offence',
    other: 'other reason',
    refugee: 'refugee status',
    'subsidiary-protection': 'subsidiary protection',
    'durable-solution-minor': 'durable solution for a minor',
    humanitarian: 'humanitarian residence',
    'negative-answer': "the prosecutor's answer did not allow a renewal",
    'no-decision': 'no decision before the document expired',
    conviction: 'conviction',
    'conviction-under-appeal': 'conviction, under appeal',
    'trafficking-retained-in-charges': 'offence retained in the charges',
    fraudulent: 'cooperation or complaint found fraudulent',
    unfounded: 'complaint found unfounded',
    'retained-charges': 'offence retained in the charges, with significant statements',
    'conditions-not-met': 'the conditions are not met',
    'public-order': 'danger to public order or national security',
    'identity-not-established': 'identity not established',
  },
  documentTypes: {
    ORDER_TO_LEAVE_45_DAYS: 'order to leave the territory within 45 days',
    ANNEX_15: 'annex 15 (temporary residence document, 45 days)',
    MINOR_TEMPORARY_RESIDENCE: 'temporary residence document for a minor (3 months)',
    ATTESTATION_OF_IMMATRICULATION: 'attestation of immatriculation (3 months)',
    A_CARD: "certificate of registration in the foreigners' register (A-card, 6 months)",
    B_CARD: 'residence of unlimited duration (B-card)',
  },
  deadlines: {
    REFLECTION_ENDS: 'end of the reflection period',
    DOCUMENT_EXPIRES: 'expiry of the residence document',
    STATUS_QUERY_DUE: 'status request to be sent',
    PROSECUTOR_REPLY_DUE: "answer of the prosecutor's office to the status request",
    ESCALATION_REPLY_DUE: 'answer of the Principal Crown Prosecutor to the status request',
    WITHDRAWAL_DECISION_DUE: 'decision on a reported ground',
    PERMANENT_RESIDENCE_DECISION_DUE: 'decision on residence of unlimited duration',
    GUARDIANSHIP_ENDS: 'end of the guardianship (18th birthday)',
    LATE_REPORTS_CLOSE: 'last day to record what happened while the application was unavailable',
  },
  grounds: {
    'contact-with-exploiters': 'contact renewed, on the person’s own initiative, with the presumed perpetrators',
    'support-declined': "the centre's support declined",
    'public-order-threat': 'danger to public order or national security',
    'cooperation-ended': 'cooperation with the judicial authorities ended',
    'fraud-established': 'cooperation or complaint found fraudulent or unfounded',
  },
  identityProof: { missing: 'still to be provided', provided: 'provided' },
  humanitarianCandidate: 'may apply: the proceedings lasted more than two years',
  recipients: {
    [UNDELIVERED_AFTER_RETRIES]: 'a recipient the mail relay could not reach after several attempts',
    'immigration-office': 'the Immigration Office',
    caseworker: "the file's social worker",
    guardian: 'the guardian',
    centre: (code) => `the ${centreName(code)} centre`,
    prosecutor: (code) =>
      isLabourAuditorOffice(code)
        ? `the labour auditor's office of ${placeOf(code, 'en')}`
        : `the prosecutor's office of ${placeOf(code, 'en')}`,
    'principal-crown-prosecutor': (code) => `the Principal Crown Prosecutor of ${placeOf(code, 'en')}`,
  },
  kinds: {
    'case-opened': {
      subject: 'New residence file: document to issue',
      summary: 'A recognised centre has opened a new residence file.',
      ask: 'Please issue the first residence document (see details) and record it in the application with the dates printed on it.',
      dueLabel: 'To be issued by',
    },
    'document-to-issue': {
      subject: 'Residence file: document to issue',
      summary: 'The residence file has moved to a new stage (see details).',
      ask: 'Please issue the document of this stage and record it in the application with the dates printed on it.',
      dueLabel: 'To be issued by',
    },
    'stage-changed': {
      subject: 'Residence file: new stage',
      summary: 'The residence file has moved to a new stage (see details).',
      ask: forInformation,
      dueLabel: 'Document valid until',
    },
    'reflection-ending-reminder': {
      subject: 'Reminder: reflection period ends soon',
      summary: 'The reflection period of this file ends soon, and no complaint or statement has been recorded.',
      ask: 'If a complaint was filed or a statement made, record it in the application before this date; otherwise the file closes when the period ends.',
      dueLabel: 'Reflection period ends on',
    },
    'document-expiry-reminder': {
      subject: 'Reminder: residence document expires soon',
      summary:
        'The residence document of this file expires soon, and no decision on its renewal has been recorded yet.',
      ask: 'Please make sure that whatever the renewal depends on is recorded in the application before this date.',
      dueLabel: 'Document expires on',
    },
    'status-query': {
      subject: 'Status request on a residence file',
      summary:
        'The Immigration Office asks your office for the status of the judicial file linked to this residence file, in order to decide on its residence document.',
      ask: 'Please answer the status request in the application before this date: does your office retain the person concerned under this procedure, are the proceedings still ongoing, does the cooperation continue and have the ties been severed.',
      dueLabel: 'Answer by',
    },
    'status-query-reminder': {
      subject: 'Reminder: status request awaiting your answer',
      summary: "A status request on this residence file still awaits your office's answer.",
      ask: 'Please answer it in the application before this date; without an answer, the request is forwarded to the Principal Crown Prosecutor.',
      dueLabel: 'Answer by',
    },
    'status-query-escalated': {
      subject: 'Status request forwarded to you: no answer received',
      summary:
        'The office queried (see details) did not answer a status request on this residence file in time; the request is forwarded to you.',
      ask: 'Please answer the status request in the application before this date.',
      dueLabel: 'Answer by',
    },
    'expiry-without-decision': {
      subject: 'Residence document will expire without a decision',
      summary:
        'No answer to the status request was received, also after it was forwarded to the Principal Crown Prosecutor: the residence document will expire without a decision.',
      ask: 'The Immigration Office decides whether the one renewal of the three-month document is used; the centre is informed.',
      dueLabel: 'Document expires on',
    },
    'negative-answer': {
      subject: 'Status request answered: no renewal',
      summary: "The prosecutor's answer to the status request does not allow the residence document to be renewed.",
      ask: 'The document is not renewed, unless the one renewal of the three-month document is used for the investigation; otherwise the file closes when the document expires.',
      dueLabel: 'Document expires on',
    },
    'withdrawal-review-opened': {
      subject: 'Review requested: possible withdrawal',
      summary: 'A ground for withdrawal or non-renewal has been reported on this residence file (see details).',
      ask: 'Please review it and record your decision in the application before this date.',
      dueLabel: 'Decide by',
    },
    'withdrawal-review-reminder': {
      subject: 'Reminder: review decision due soon',
      summary: 'The review of a ground reported on this residence file is still open.',
      ask: 'Please record your decision in the application before this date.',
      dueLabel: 'Decide by',
    },
    'withdrawal-review-overdue': {
      subject: 'Review decision overdue',
      summary: 'The decision on a ground reported on this residence file was due and has not been recorded.',
      ask: 'Please record your decision in the application as soon as possible.',
      dueLabel: 'Was due on',
    },
    'no-withdrawal': {
      subject: 'Residence file: not withdrawn',
      summary:
        'The Immigration Office examined the ground your centre reported on this residence file and decided not to withdraw the residence.',
      ask: 'The residence continues as before: nothing is asked of you.',
      dueLabel: 'Decided on',
    },
    'answer-not-due-before-expiry': {
      subject: 'Status request: no answer can be due before the document expires',
      summary:
        'The answer to the status request on this residence file can only be due on or after the day the residence document expires (see details).',
      ask: 'Please decide how the file continues beyond the expiry: a new document, the one renewal of the three-month document, or non-renewal.',
      dueLabel: 'Document expires on',
    },
    'expiry-decision-needed': {
      subject: 'Residence document expired: your decision is needed',
      summary:
        "The residence document of this file has expired before the prosecutor's office had the full period to answer the status request, so the file was not closed.",
      ask: 'Please record either the new document or that the document is not renewed.',
      dueLabel: 'Expired on',
    },
    'deadline-passed-unnoticed': {
      subject: 'Residence file: a deadline passed while the application was unavailable',
      summary:
        'A deadline that would close this residence file (see details) passed while the application was unavailable; the file was not closed.',
      ask: 'If something happened in time (a complaint, a new document, an answer), record it in the application before this date; afterwards the deadline applies as of its own date.',
      dueLabel: 'Record it by',
    },
    'identification-awaits-review': {
      subject: 'Status request answered: your review decision is awaited',
      summary:
        "The prosecutor's answer allows the six-month residence, but a review of a reported ground is still open on this file.",
      ask: 'The six-month residence starts once you decide the review; a withdrawal ends the file instead.',
      dueLabel: 'Decide by',
    },
    'expiry-awaits-withdrawal-decision': {
      subject: 'Residence document expired: your review decision is needed',
      summary:
        "The residence document of this file has expired while the prosecutor's positive answer waits for your decision on the review of a reported ground, so the file was not closed.",
      ask: 'Please decide the review: if the residence is not withdrawn, the six-month residence starts on the day of your decision; a withdrawal ends the file.',
      dueLabel: 'Expired on',
    },
    'expiry-awaits-permanent-residence-decision': {
      subject: 'Residence document expired: decide on unlimited residence',
      summary:
        'The six-month residence document of this file has expired while the decision on residence of unlimited duration is open, so the file was not closed.',
      ask: 'Please decide: grant the residence of unlimited duration, refuse it, or record that the document is not renewed.',
      dueLabel: 'Expired on',
    },
    'proceedings-ended-after-conviction': {
      subject: 'Residence file: proceedings ended after the conviction',
      summary:
        'The prosecutor reports that the judicial proceedings have ended, after the conviction or the charges that made the person eligible for residence of unlimited duration.',
      ask: 'The six-month residence is not renewed. The file stays open until the Immigration Office has decided on residence of unlimited duration.',
      dueLabel: 'Document expires on',
    },
    'permanent-residence-review-opened': {
      subject: 'Residence file: decision on unlimited residence requested',
      summary: 'The person concerned has become eligible for residence of unlimited duration (basis in the details).',
      ask: 'Please decide in the application whether the B-card is granted, before this date. The six-month residence continues meanwhile.',
      dueLabel: 'Decide by',
    },
    'permanent-residence-eligible': {
      subject: 'Residence file: unlimited residence may be requested',
      summary:
        'The person concerned has become eligible for residence of unlimited duration (basis in the details); the Immigration Office has been asked to decide.',
      ask: 'The person may apply; proof of identity (passport, equivalent travel document or national identity card) should be provided at the latest now.',
      dueLabel: 'Decision expected by',
    },
    'permanent-residence-review-reminder': {
      subject: 'Reminder: decision on unlimited residence due soon',
      summary: 'The decision on residence of unlimited duration for this file is still open.',
      ask: 'Please record your decision in the application before this date.',
      dueLabel: 'Decide by',
    },
    'permanent-residence-review-overdue': {
      subject: 'Decision on unlimited residence overdue',
      summary: 'The decision on residence of unlimited duration for this file was due and has not been recorded.',
      ask: 'Please record your decision in the application as soon as possible.',
      dueLabel: 'Was due on',
    },
    'permanent-residence-refused': {
      subject: 'Residence file: unlimited residence refused',
      summary:
        'The Immigration Office has refused residence of unlimited duration on this file (reason in the details).',
      ask: 'The six-month residence continues as before.',
      dueLabel: 'Date',
    },
    'permanent-residence-granted': {
      subject: 'Residence file: residence of unlimited duration',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Residence of unlimited duration has been granted on this file; proof of identity is still missing.'
          : 'Residence of unlimited duration has been granted on this file.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'Proof of identity (passport, equivalent travel document or national identity card) is still to be provided; record it in the application once it is.'
          : forInformation,
      dueLabel: 'Granted on',
    },
    'guardianship-ended': {
      subject: 'Residence file: guardianship ends',
      summary:
        'The person concerned turns 18 on this date: the guardianship ends. The stage and the residence document do not change.',
      ask: 'The guardian receives no further notices about this file; the centre remains the contact.',
      dueLabel: 'Guardianship ends on',
    },
    'case-imported': {
      subject: 'Residence file brought into the application',
      summary:
        'A running residence file has been brought into the application with its history; its deadlines now run here.',
      ask: 'Please check the file in the application: the stage, the document and the upcoming deadlines.',
      dueLabel: 'Imported on',
    },
    'opened-in-error': {
      subject: 'Residence file cancelled: opened by mistake',
      summary:
        'The centre has cancelled this residence file, which it had opened by mistake. You were told of its opening.',
      ask: 'No document needs to be issued for this file.',
      dueLabel: 'Cancelled on',
    },
    'case-closed': {
      subject: 'Residence file closed',
      summary: 'The residence file has been closed (outcome in the details).',
      ask: forInformation,
      dueLabel: 'Closed on',
    },
    'delivery-failed': {
      subject: 'A notice could not be delivered',
      summary: 'A notice about this residence file could not be delivered to a recipient (see details).',
      ask: 'Please check the address on record for this recipient and have it corrected; until then, reach the recipient by other means.',
      dueLabel: 'Date',
    },
  },
  pages: enPages,
  problems: enProblems,
  refusals: ENGLISH_REFUSALS,
};
