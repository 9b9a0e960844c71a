import type { LanguagePack } from './types';

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
    queriesLink: 'Open status requests in the application',
    calendarNote: 'The attached calendar file (.ics) puts this date in your calendar.',
    footer:
      'This message was sent automatically; please do not reply to it. ' +
      'For the safety of the persons concerned it contains no personal data: sign in to the application to see the file.',
    seeApplication: 'see the application',
  },
  factLabels: {
    centre: 'Centre',
    stage: 'Stage',
    previousStage: 'Previous stage',
    documentType: 'Document',
    outcome: 'Outcome',
    otherStatus: 'Status granted',
    ground: 'Reported ground',
    office: "Prosecutor's office queried",
    queryId: 'Status request reference',
    identityProofMissing: 'Proof of identity',
    humanitarianCandidate: 'Humanitarian residence (art. 9bis)',
    failedKind: 'Notice',
    rejected: 'Recipient',
  },
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
  },
  documentTypes: {
    ORDER_TO_LEAVE_45_DAYS: 'order to leave the territory within 45 days',
    ANNEX_15: 'annex 15 (temporary residence document, 45 days)',
    MINOR_TEMPORARY_RESIDENCE: 'temporary residence document for a minor (3 months)',
    ATTESTATION_OF_IMMATRICULATION: 'attestation of immatriculation (3 months)',
    A_CARD: "certificate of registration in the foreigners' register (A-card, 6 months)",
    B_CARD: 'residence of unlimited duration (B-card)',
  },
  grounds: {
    'contact-with-exploiters': 'contact renewed with the persons the proceedings concern',
    'support-declined': "the centre's support declined",
    'public-order-threat': 'danger to public order or national security',
    'cooperation-ended': 'cooperation with the judicial authorities ended',
    'fraud-established': 'cooperation or complaint found fraudulent or unfounded',
    'proceedings-ended': 'judicial proceedings ended',
  },
  otherStatuses: {
    refugee: 'refugee status',
    'subsidiary-protection': 'subsidiary protection',
    'durable-solution-minor': 'durable solution for a minor',
    humanitarian: 'humanitarian residence',
  },
  identityProof: { missing: 'still to be provided', provided: 'provided' },
  humanitarianCandidate: 'may apply: the proceedings lasted more than two years',
  recipients: {
    'immigration-office': 'the Immigration Office',
    caseworker: "the file's social worker",
    guardian: 'the guardian',
    centre: (code) => `centre ${code}`,
    prosecutor: (code) => `prosecutor's office ${code}`,
    'principal-crown-prosecutor': (code) => `Principal Crown Prosecutor ${code}`,
  },
  kinds: {
    'case-opened': {
      subject: 'New residence file: document to issue',
      summary: 'A recognised centre has opened a new residence file.',
      ask: 'Please issue the first residence document (see details) and record it in the application with the dates printed on it (event document-issued).',
      dueLabel: 'To be issued by',
    },
    'document-to-issue': {
      subject: 'Residence file: document to issue',
      summary: 'The residence file has moved to a new stage (see details).',
      ask: 'Please issue the document of this stage and record it in the application with the dates printed on it (event document-issued).',
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
      ask: 'If a complaint was filed or a statement made, record it in the application (event complaint-filed) before this date; otherwise the file closes when the period ends.',
      dueLabel: 'Reflection period ends on',
    },
    'document-expiry-reminder': {
      subject: 'Reminder: residence document expires soon',
      summary: 'The residence document of this file expires soon, and no decision on its renewal has been recorded yet.',
      ask: 'Please make sure that whatever the renewal depends on is recorded in the application before this date.',
      dueLabel: 'Document expires on',
    },
    'status-query': {
      subject: 'Status request on a residence file',
      summary: 'The Immigration Office asks your office for the status of the judicial file linked to this residence file, in order to decide on its residence document.',
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
      summary: "The prosecutor's office queried (see details) did not answer a status request on this residence file in time; the request is forwarded to you.",
      ask: 'Please answer the status request in the application before this date.',
      dueLabel: 'Answer by',
    },
    'expiry-without-decision': {
      subject: 'Residence document will expire without a decision',
      summary: 'No answer to the status request was received, also after it was forwarded to the Principal Crown Prosecutor: the residence document will expire without a decision.',
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
      ask: 'Please review it and record your decision in the application (event withdrawal-decided) before this date.',
      dueLabel: 'Decide by',
    },
    'withdrawal-review-reminder': {
      subject: 'Reminder: review decision due soon',
      summary: 'The review of a ground reported on this residence file is still open.',
      ask: 'Please record your decision in the application (event withdrawal-decided) before this date.',
      dueLabel: 'Decide by',
    },
    'withdrawal-review-overdue': {
      subject: 'Review decision overdue',
      summary: 'The decision on a ground reported on this residence file was due and has not been recorded.',
      ask: 'Please record your decision in the application (event withdrawal-decided) as soon as possible.',
      dueLabel: 'Was due on',
    },
    'permanent-residence-granted': {
      subject: 'Residence file: residence of unlimited duration',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Residence of unlimited duration has been granted on this file; proof of identity is still missing.'
          : 'Residence of unlimited duration has been granted on this file.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'Proof of identity (passport, equivalent travel document or national identity card) is still to be provided; record it in the application (event identity-documented) once it is.'
          : forInformation,
      dueLabel: 'Granted on',
    },
    'case-closed': {
      subject: 'Residence file closed',
      summary: 'The residence file has been closed (outcome in the details).',
      ask: forInformation,
      dueLabel: 'Closed on',
    },
    'delivery-failed': {
      subject: 'A notice could not be delivered',
      summary: "A notice about this residence file was refused by the recipient's mail server (see details).",
      ask: 'Please check the address on record for this recipient and have it corrected.',
      dueLabel: 'Date',
    },
  },
};
