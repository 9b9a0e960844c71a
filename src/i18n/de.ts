import { dePages } from './pages/de';
import { centreName, placeOf } from './places';
import { deProblems } from './problems/de';
import { isLabourAuditorOffice, type Role } from '../domain/codes';
import { POLICY } from '../domain/policy';
import { codeWords } from './code-words';
import type { LanguagePack } from './types';
import { UNDELIVERED_AFTER_RETRIES } from './vocabulary';

/**
 * Belgian German (shared/TERMS.md): the words of the official Belgian translations
 * (Prokurator des Königs, Generalprokurator, Ausländeramt, Anlage 15), not Germany's.
 */

const forInformation = 'Sie brauchen nichts zu unternehmen: Diese Nachricht dient Ihrer Information.';

const stages: LanguagePack['stages'] = {
  REFLECTION: 'Phase 1, Bedenkzeit',
  TEMPORARY_RESIDENCE: 'Phase 2, Aufenthalt von drei Monaten',
  IDENTIFIED_VICTIM: 'Phase 3, Aufenthalt von sechs Monaten',
  PERMANENT_RESIDENCE: 'Phase 4, unbegrenzter Aufenthalt',
  CLOSED: 'abgeschlossen',
};

const outcomes: LanguagePack['outcomes'] = {
  PERMANENT_RESIDENCE: 'unbegrenzter Aufenthalt gewährt',
  REFLECTION_EXPIRED: 'Bedenkzeit ohne Klage oder Erklärung abgelaufen',
  VOLUNTARY_RETURN: 'freiwillige Rückkehr',
  WITHDRAWN: 'Aufenthalt entzogen',
  NOT_RENEWED: 'Aufenthaltsdokument nicht verlängert',
  PROCEEDINGS_ENDED: 'Gerichtsverfahren beendet',
  OTHER_STATUS: 'anderer Aufenthaltsstatus gewährt',
  OPENED_IN_ERROR: 'Akte irrtümlich eröffnet und annulliert',
};

const documentTypes: LanguagePack['documentTypes'] = {
  ORDER_TO_LEAVE_45_DAYS: 'Anweisung, das Staatsgebiet binnen 45 Tagen zu verlassen',
  ANNEX_15: 'Anlage 15 (vorläufiges Aufenthaltsdokument, 45 Tage)',
  MINOR_TEMPORARY_RESIDENCE: 'vorläufiges Aufenthaltsdokument für einen Minderjährigen (3 Monate)',
  ATTESTATION_OF_IMMATRICULATION: 'Immatrikulationsbescheinigung (3 Monate)',
  A_CARD: 'Bescheinigung der Eintragung im Ausländerregister (A-Karte, 6 Monate)',
  B_CARD: 'unbegrenzter Aufenthalt (B-Karte)',
};

const grounds: LanguagePack['grounds'] = {
  'contact-with-exploiters': 'von sich aus erneut Kontakt zu den mutmaßlichen Tätern aufgenommen',
  'support-declined': 'Begleitung durch das Zentrum abgelehnt',
  'public-order-threat': 'Gefahr für die öffentliche Ordnung oder die nationale Sicherheit',
  'cooperation-ended': 'Zusammenarbeit mit den Gerichtsbehörden beendet',
  'fraud-established': 'Zusammenarbeit oder Klage als betrügerisch oder unbegründet befunden',
};

const recipients: LanguagePack['recipients'] = {
  [UNDELIVERED_AFTER_RETRIES]: 'ein Empfänger, den der Mailserver nach mehreren Versuchen nicht erreichen konnte',
  'immigration-office': 'das Ausländeramt',
  caseworker: 'der für die Akte zuständige Sozialarbeiter',
  guardian: 'der Vormund',
  centre: (code) => `das Zentrum ${centreName(code)}`,
  prosecutor: (code) =>
    isLabourAuditorOffice(code)
      ? `das Arbeitsauditorat ${placeOf(code, 'de')}`
      : `die Staatsanwaltschaft ${placeOf(code, 'de')}`,
  'principal-crown-prosecutor': (code) => `der Generalprokurator ${placeOf(code, 'de')}`,
};

/** The words of the codes a refusal names that the mails do not show: by whom (von …), and for whom a case is. */
const roles: Record<Role, string> = {
  centre: 'von einem Zentrum',
  prosecutor: 'von einer Staatsanwaltschaft',
  'immigration-office': 'vom Ausländeramt',
  admin: 'von einem Administrator',
};
const tracks = { minor: 'unbegleiteter minderjähriger Ausländer', adult: 'volljährig' };

const { say, quote, quoteAll, office } = codeWords({ open: '„', close: '“' }, recipients);
/** By whom: a role code without words here, as it is. */
const byRole = (code: string | undefined): string =>
  code !== undefined && Object.hasOwn(roles, code) ? say(roles, code) : `von ${String(code)}`;

export const de: LanguagePack = {
  locale: 'de-BE',
  words: {
    greeting: 'Guten Tag,',
    labelSeparator: ': ',
    fileReference: 'Aktenzeichen',
    asked: 'Worum Sie gebeten werden',
    details: 'Einzelheiten',
    caseLink: 'Die Akte in der Anwendung',
    queryLink: 'Die Statusanfrage in der Anwendung',
    calendarNote: 'Mit der beigefügten Kalenderdatei (.ics) tragen Sie dieses Datum in Ihren Kalender ein.',
    footer:
      'Diese Nachricht wurde automatisch versandt; bitte antworten Sie nicht darauf. ' +
      'Zum Schutz der betroffenen Personen enthält sie keine personenbezogenen Daten: Melden Sie sich in der Anwendung an, um die Akte einzusehen.',
    seeApplication: 'siehe Anwendung',
    feedName: 'Aufenthaltsakten: Fristen',
  },
  factLabels: {
    centre: 'Zentrum',
    stage: 'Phase',
    documentType: 'Dokument',
    renewal: 'Nummer der Verlängerung',
    documentValidUntil: 'Aktuelles Dokument gültig bis',
    minor: 'Unbegleiteter minderjähriger Ausländer',
    deadline: 'Frist',
    outcome: 'Ausgang',
    detail: 'Grund',
    ground: 'Gemeldeter Grund',
    office: 'Angefragte Stelle',
    queryId: 'Referenz der Statusanfrage',
    renewalAvailable: 'Einmalige Verlängerung des Dokuments von drei Monaten noch möglich',
    identityProofMissing: 'Identitätsnachweis',
    humanitarianCandidate: 'Humanitäre Regularisierung (Art. 9bis)',
    noticeKind: 'Mitteilung',
    recipients: 'Empfänger',
  },
  yesNo: { yes: 'ja', no: 'nein' },
  stages,
  outcomes,
  outcomeDetails: {
    dismissed: 'Einstellung des Verfahrens',
    acquittal: 'Freispruch',
    'conviction-other-offence': 'Verurteilung wegen einer anderen Straftat',
    other: 'anderer Grund',
    refugee: 'Flüchtlingsstatus',
    'subsidiary-protection': 'subsidiärer Schutz',
    'durable-solution-minor': 'dauerhafte Lösung für einen Minderjährigen',
    humanitarian: 'Aufenthalt aus humanitären Gründen',
    'negative-answer': 'die Antwort der Staatsanwaltschaft ließ keine Verlängerung zu',
    'no-decision': 'keine Entscheidung vor Ablauf des Dokuments',
    conviction: 'Verurteilung',
    'conviction-under-appeal': 'Verurteilung, gegen die Berufung eingelegt wurde',
    'trafficking-retained-in-charges': 'Straftat in der Anklage beibehalten',
    fraudulent: 'Zusammenarbeit oder Klage als betrügerisch befunden',
    unfounded: 'Klage als unbegründet befunden',
    'retained-charges': 'Straftat in der Anklage beibehalten, mit bedeutsamen Erklärungen',
    'conditions-not-met': 'die Bedingungen sind nicht erfüllt',
    'public-order': 'Gefahr für die öffentliche Ordnung oder die nationale Sicherheit',
    'identity-not-established': 'Identität nicht festgestellt',
  },
  documentTypes,
  deadlines: {
    REFLECTION_ENDS: 'Ende der Bedenkzeit',
    DOCUMENT_EXPIRES: 'Ablauf des Aufenthaltsdokuments',
    STATUS_QUERY_DUE: 'Versand der Statusanfrage',
    PROSECUTOR_REPLY_DUE: 'Antwort der Staatsanwaltschaft auf die Statusanfrage',
    ESCALATION_REPLY_DUE: 'Antwort des Generalprokurators auf die Statusanfrage',
    WITHDRAWAL_DECISION_DUE: 'Entscheidung über einen gemeldeten Grund',
    PERMANENT_RESIDENCE_DECISION_DUE: 'Entscheidung über den unbegrenzten Aufenthalt',
    GUARDIANSHIP_ENDS: 'Ende der Vormundschaft (18. Geburtstag)',
    LATE_REPORTS_CLOSE: 'letzter Tag, um zu erfassen, was geschah, während die Anwendung nicht verfügbar war',
  },
  grounds,
  identityProof: { missing: 'noch vorzulegen', provided: 'vorgelegt' },
  humanitarianCandidate: 'möglich, da das Verfahren länger als zwei Jahre gedauert hat',
  recipients,
  kinds: {
    'case-opened': {
      subject: 'Neue Aufenthaltsakte: Dokument auszustellen',
      summary: 'Ein anerkanntes Zentrum hat eine neue Aufenthaltsakte eröffnet.',
      ask: 'Bitte stellen Sie das erste Aufenthaltsdokument aus (siehe Einzelheiten) und erfassen Sie es in der Anwendung mit den darauf angegebenen Daten.',
      dueLabel: 'Auszustellen spätestens am',
    },
    'document-to-issue': {
      subject: 'Aufenthaltsakte: Dokument auszustellen',
      summary: 'Die Aufenthaltsakte ist in eine neue Phase übergegangen (siehe Einzelheiten).',
      ask: 'Bitte stellen Sie das Dokument dieser Phase aus und erfassen Sie es in der Anwendung mit den darauf angegebenen Daten.',
      dueLabel: 'Auszustellen spätestens am',
    },
    'stage-changed': {
      subject: 'Aufenthaltsakte: neue Phase',
      summary: 'Die Aufenthaltsakte ist in eine neue Phase übergegangen (siehe Einzelheiten).',
      ask: forInformation,
      dueLabel: 'Dokument gültig bis',
    },
    'reflection-ending-reminder': {
      subject: 'Erinnerung: Bedenkzeit endet bald',
      summary: 'Die Bedenkzeit dieser Akte endet bald, und es wurde weder eine Klage noch eine Erklärung erfasst.',
      ask: 'Wurde eine Klage eingereicht oder eine Erklärung abgegeben, erfassen Sie dies vor diesem Datum in der Anwendung; andernfalls wird die Akte mit Ablauf der Frist abgeschlossen.',
      dueLabel: 'Bedenkzeit endet am',
    },
    'document-expiry-reminder': {
      subject: 'Erinnerung: Aufenthaltsdokument läuft bald ab',
      summary:
        'Das Aufenthaltsdokument dieser Akte läuft bald ab, und es wurde noch keine Entscheidung über seine Verlängerung erfasst.',
      ask: 'Bitte sorgen Sie dafür, dass alles, wovon die Verlängerung abhängt, vor diesem Datum in der Anwendung erfasst ist.',
      dueLabel: 'Dokument läuft ab am',
    },
    'status-query': {
      subject: 'Statusanfrage zu einer Aufenthaltsakte',
      summary:
        'Das Ausländeramt bittet Sie um den Stand der mit dieser Aufenthaltsakte verbundenen Gerichtsakte, um über das Aufenthaltsdokument zu entscheiden.',
      ask: 'Bitte beantworten Sie die Statusanfrage vor diesem Datum in der Anwendung: Betrachten Sie die betroffene Person weiterhin als unter dieses Verfahren fallend, ist das Gerichtsverfahren noch anhängig, dauert die Zusammenarbeit an und wurden die Verbindungen abgebrochen?',
      dueLabel: 'Antwort spätestens am',
    },
    'status-query-reminder': {
      subject: 'Erinnerung: Statusanfrage wartet auf Ihre Antwort',
      summary: 'Eine Statusanfrage zu dieser Aufenthaltsakte wartet noch auf Ihre Antwort.',
      ask: 'Bitte beantworten Sie sie vor diesem Datum in der Anwendung; ohne Antwort wird die Anfrage an den Generalprokurator weitergeleitet.',
      dueLabel: 'Antwort spätestens am',
    },
    'status-query-escalated': {
      subject: 'Statusanfrage an Sie weitergeleitet: keine Antwort erhalten',
      summary:
        'Die angefragte Stelle (siehe Einzelheiten) hat eine Statusanfrage zu dieser Aufenthaltsakte nicht rechtzeitig beantwortet; die Anfrage wird an Sie weitergeleitet.',
      ask: 'Bitte beantworten Sie die Statusanfrage vor diesem Datum in der Anwendung.',
      dueLabel: 'Antwort spätestens am',
    },
    'expiry-without-decision': {
      subject: 'Aufenthaltsdokument läuft ohne Entscheidung ab',
      summary:
        'Auf die Statusanfrage ist keine Antwort eingegangen, auch nicht nach ihrer Weiterleitung an den Generalprokurator: Das Aufenthaltsdokument läuft ohne Entscheidung ab.',
      ask: 'Das Ausländeramt entscheidet, ob die einmalige Verlängerung des Dokuments von drei Monaten genutzt wird; das Zentrum wird davon in Kenntnis gesetzt.',
      dueLabel: 'Dokument läuft ab am',
    },
    'negative-answer': {
      subject: 'Statusanfrage beantwortet: keine Verlängerung',
      summary:
        'Die Antwort der Staatsanwaltschaft auf die Statusanfrage lässt keine Verlängerung des Aufenthaltsdokuments zu.',
      ask: 'Das Dokument wird nicht verlängert, es sei denn, die einmalige Verlängerung des Dokuments von drei Monaten wird für die Ermittlungen genutzt; andernfalls wird die Akte mit Ablauf des Dokuments abgeschlossen.',
      dueLabel: 'Dokument läuft ab am',
    },
    'withdrawal-review-opened': {
      subject: 'Prüfung erbeten: möglicher Entzug',
      summary:
        'Zu dieser Aufenthaltsakte wurde ein Grund für einen Entzug oder eine Nichtverlängerung gemeldet (siehe Einzelheiten).',
      ask: 'Bitte prüfen Sie ihn und erfassen Sie Ihre Entscheidung vor diesem Datum in der Anwendung.',
      dueLabel: 'Entscheidung spätestens am',
    },
    'withdrawal-review-reminder': {
      subject: 'Erinnerung: Entscheidung nach Prüfung bald fällig',
      summary: 'Die Prüfung eines zu dieser Aufenthaltsakte gemeldeten Grundes ist noch offen.',
      ask: 'Bitte erfassen Sie Ihre Entscheidung vor diesem Datum in der Anwendung.',
      dueLabel: 'Entscheidung spätestens am',
    },
    'withdrawal-review-overdue': {
      subject: 'Entscheidung nach Prüfung überfällig',
      summary:
        'Die Entscheidung über einen zu dieser Aufenthaltsakte gemeldeten Grund war fällig und wurde nicht erfasst.',
      ask: 'Bitte erfassen Sie Ihre Entscheidung so bald wie möglich in der Anwendung.',
      dueLabel: 'Fällig am',
    },
    'no-withdrawal': {
      subject: 'Aufenthaltsakte: kein Entzug',
      summary:
        'Das Ausländeramt hat den Grund geprüft, den Ihr Zentrum zu dieser Aufenthaltsakte gemeldet hat, und entschieden, den Aufenthalt nicht zu entziehen.',
      ask: 'Der Aufenthalt läuft wie bisher weiter: von Ihnen wird nichts verlangt.',
      dueLabel: 'Entschieden am',
    },
    'answer-not-due-before-expiry': {
      subject: 'Statusanfrage: keine Antwort vor Ablauf des Dokuments fällig',
      summary:
        'Die Antwort auf die Statusanfrage zu dieser Aufenthaltsakte kann frühestens an dem Tag fällig werden, an dem das Aufenthaltsdokument abläuft (siehe Einzelheiten).',
      ask: 'Bitte entscheiden Sie, wie es mit der Akte über den Ablauf hinaus weitergeht: ein neues Dokument, die einmalige Verlängerung des Dokuments von drei Monaten oder die Nichtverlängerung.',
      dueLabel: 'Dokument läuft ab am',
    },
    'expiry-decision-needed': {
      subject: 'Aufenthaltsdokument abgelaufen: Ihre Entscheidung ist erforderlich',
      summary:
        'Das Aufenthaltsdokument dieser Akte ist abgelaufen, bevor die angefragte Stelle die volle Frist zur Beantwortung der Statusanfrage hatte; die Akte wurde daher nicht abgeschlossen.',
      ask: 'Bitte erfassen Sie entweder das neue Dokument oder dass das Dokument nicht verlängert wird.',
      dueLabel: 'Abgelaufen am',
    },
    'deadline-passed-unnoticed': {
      subject: 'Aufenthaltsakte: Eine Frist ist verstrichen, während die Anwendung nicht verfügbar war',
      summary:
        'Eine Frist, mit der diese Aufenthaltsakte abgeschlossen worden wäre (siehe Einzelheiten), ist verstrichen, während die Anwendung nicht verfügbar war; die Akte wurde nicht abgeschlossen.',
      ask: 'Ist rechtzeitig etwas geschehen (eine Klage, ein neues Dokument, eine Antwort), erfassen Sie es vor diesem Datum in der Anwendung; danach gilt die Frist ab ihrem eigenen Datum.',
      dueLabel: 'Zu erfassen spätestens am',
    },
    'identification-awaits-review': {
      subject: 'Statusanfrage beantwortet: Ihre Entscheidung nach Prüfung wird erwartet',
      summary:
        'Die Antwort der Staatsanwaltschaft erlaubt den Aufenthalt von sechs Monaten, doch zu dieser Akte ist die Prüfung eines gemeldeten Grundes noch offen.',
      ask: 'Der Aufenthalt von sechs Monaten beginnt, sobald Sie über die Prüfung entscheiden; ein Entzug schließt die Akte stattdessen ab.',
      dueLabel: 'Entscheidung spätestens am',
    },
    'expiry-awaits-withdrawal-decision': {
      subject: 'Aufenthaltsdokument abgelaufen: Ihre Entscheidung nach Prüfung ist nötig',
      summary:
        'Das Aufenthaltsdokument dieser Akte ist abgelaufen, während die positive Antwort der Staatsanwaltschaft auf Ihre Entscheidung über die Prüfung eines gemeldeten Grundes wartet; die Akte wurde daher nicht abgeschlossen.',
      ask: 'Bitte entscheiden Sie über die Prüfung: Ohne Entzug beginnt der Aufenthalt von sechs Monaten am Tag Ihrer Entscheidung; ein Entzug schließt die Akte ab.',
      dueLabel: 'Abgelaufen am',
    },
    'expiry-awaits-permanent-residence-decision': {
      subject: 'Aufenthaltsdokument abgelaufen: Entscheidung über unbegrenzten Aufenthalt',
      summary:
        'Das Aufenthaltsdokument von sechs Monaten dieser Akte ist abgelaufen, während die Entscheidung über einen unbegrenzten Aufenthalt noch offen ist; die Akte wurde daher nicht abgeschlossen.',
      ask: 'Bitte entscheiden Sie: den unbegrenzten Aufenthalt gewähren, ihn ablehnen oder erfassen, dass das Dokument nicht verlängert wird.',
      dueLabel: 'Abgelaufen am',
    },
    'proceedings-ended-after-conviction': {
      subject: 'Aufenthaltsakte: Verfahren nach der Verurteilung beendet',
      summary:
        'Die Staatsanwaltschaft meldet, dass das Gerichtsverfahren beendet ist, nach der Verurteilung oder der Anklage, durch die die betroffene Person für einen unbegrenzten Aufenthalt in Frage kommt.',
      ask: 'Der Aufenthalt von sechs Monaten wird nicht verlängert. Die Akte bleibt offen, bis das Ausländeramt über den unbegrenzten Aufenthalt entschieden hat.',
      dueLabel: 'Dokument läuft ab am',
    },
    'permanent-residence-review-opened': {
      subject: 'Aufenthaltsakte: Entscheidung über unbegrenzten Aufenthalt erbeten',
      summary:
        'Die betroffene Person erfüllt nun die Voraussetzungen für einen unbegrenzten Aufenthalt (Grundlage in den Einzelheiten).',
      ask: 'Bitte entscheiden Sie vor diesem Datum in der Anwendung, ob die B-Karte gewährt wird. Der Aufenthalt von sechs Monaten läuft bis dahin weiter.',
      dueLabel: 'Entscheidung spätestens am',
    },
    'permanent-residence-eligible': {
      subject: 'Aufenthaltsakte: unbegrenzter Aufenthalt kann beantragt werden',
      summary:
        'Die betroffene Person erfüllt nun die Voraussetzungen für einen unbegrenzten Aufenthalt (Grundlage in den Einzelheiten); das Ausländeramt wurde um eine Entscheidung gebeten.',
      ask: 'Die Person kann den Antrag stellen; der Identitätsnachweis (Reisepass, gleichwertiges Reisedokument oder nationaler Personalausweis) sollte spätestens jetzt vorgelegt werden.',
      dueLabel: 'Entscheidung erwartet spätestens am',
    },
    'permanent-residence-review-reminder': {
      subject: 'Erinnerung: Entscheidung über unbegrenzten Aufenthalt bald fällig',
      summary: 'Die Entscheidung über einen unbegrenzten Aufenthalt zu dieser Akte ist noch offen.',
      ask: 'Bitte erfassen Sie Ihre Entscheidung vor diesem Datum in der Anwendung.',
      dueLabel: 'Entscheidung spätestens am',
    },
    'permanent-residence-review-overdue': {
      subject: 'Entscheidung über unbegrenzten Aufenthalt überfällig',
      summary: 'Die Entscheidung über einen unbegrenzten Aufenthalt zu dieser Akte war fällig und wurde nicht erfasst.',
      ask: 'Bitte erfassen Sie Ihre Entscheidung so bald wie möglich in der Anwendung.',
      dueLabel: 'Fällig am',
    },
    'permanent-residence-refused': {
      subject: 'Aufenthaltsakte: unbegrenzter Aufenthalt abgelehnt',
      summary: 'Das Ausländeramt hat den unbegrenzten Aufenthalt zu dieser Akte abgelehnt (Grund in den Einzelheiten).',
      ask: 'Der Aufenthalt von sechs Monaten läuft wie bisher weiter.',
      dueLabel: 'Datum',
    },
    'permanent-residence-granted': {
      subject: 'Aufenthaltsakte: unbegrenzter Aufenthalt',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Zu dieser Akte wurde ein unbegrenzter Aufenthalt gewährt; der Identitätsnachweis fehlt noch.'
          : 'Zu dieser Akte wurde ein unbegrenzter Aufenthalt gewährt.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'Der Identitätsnachweis (Reisepass, gleichwertiges Reisedokument oder nationaler Personalausweis) ist noch vorzulegen; erfassen Sie ihn in der Anwendung, sobald er vorliegt.'
          : forInformation,
      dueLabel: 'Gewährt am',
    },
    'guardianship-ended': {
      subject: 'Aufenthaltsakte: Vormundschaft endet',
      summary:
        'Die betroffene Person wird an diesem Tag 18 Jahre alt: Die Vormundschaft endet. Phase und Aufenthaltsdokument ändern sich nicht.',
      ask: 'Der Vormund erhält keine weiteren Mitteilungen zu dieser Akte; Ansprechpartner bleibt das Zentrum.',
      dueLabel: 'Vormundschaft endet am',
    },
    'case-imported': {
      subject: 'Aufenthaltsakte in die Anwendung übernommen',
      summary:
        'Eine laufende Aufenthaltsakte wurde mit ihrem Verlauf in die Anwendung übernommen; ihre Fristen laufen nun hier.',
      ask: 'Bitte überprüfen Sie die Akte in der Anwendung: die Phase, das Dokument und die anstehenden Fristen.',
      dueLabel: 'Übernommen am',
    },
    'opened-in-error': {
      subject: 'Aufenthaltsakte annulliert: irrtümlich eröffnet',
      summary:
        'Das Zentrum hat diese Aufenthaltsakte annulliert, die es irrtümlich eröffnet hatte. Sie waren über ihre Eröffnung informiert worden.',
      ask: 'Für diese Akte ist kein Dokument auszustellen.',
      dueLabel: 'Annulliert am',
    },
    'case-closed': {
      subject: 'Aufenthaltsakte abgeschlossen',
      summary: 'Die Aufenthaltsakte wurde abgeschlossen (Ausgang in den Einzelheiten).',
      ask: forInformation,
      dueLabel: 'Abgeschlossen am',
    },
    'delivery-failed': {
      subject: 'Eine Mitteilung konnte nicht zugestellt werden',
      summary:
        'Eine Mitteilung zu dieser Aufenthaltsakte konnte einem Empfänger nicht zugestellt werden (siehe Einzelheiten).',
      ask: 'Bitte überprüfen Sie die für diesen Empfänger hinterlegte Adresse und lassen Sie sie berichtigen; erreichen Sie den Empfänger bis dahin auf anderem Wege.',
      dueLabel: 'Datum',
    },
  },
  pages: dePages,
  problems: deProblems,
  refusals: {
    'role-not-allowed': (f) => `dieses Ereignis (${f.event}) kann nicht ${byRole(f.role)} erfasst werden`,
    'date-in-future': (f) => `das Datum ${f.date} liegt in der Zukunft`,
    'malformed-reference-keys': () => 'die Schlüssel der Aktenzeichen sind ungültig; nur die API sendet sie',
    'date-before-opening': (f) => `das Datum ${f.date} liegt vor der Eröffnung der Akte (${f.openedOn})`,
    'case-closed': (f) =>
      `die Akte ist abgeschlossen (${say(outcomes, f.outcome)}); es kann kein Ereignis mehr erfasst werden`,
    'permanent-residence-granted': (f) =>
      `${outcomes.PERMANENT_RESIDENCE}; dieses Ereignis (${f.event}) ist nicht mehr anwendbar`,
    'event-not-in-stage': (f) =>
      `dieses Ereignis (${f.event}) ist nur in ${quoteAll(stages, f.stages, 'oder')} möglich; die Akte befindet sich in ${quote(stages, f.stage)}`,
    'complaint-already-filed': () => 'zu dieser Akte ist bereits eine Klage oder Erklärung erfasst',
    'complaint-after-reflection': (f) =>
      `die Klage oder Erklärung vom ${f.date} liegt nach dem Ende der Bedenkzeit, die am ${f.reflectionEnds} abgelaufen ist`,
    'document-not-of-stage': (f) =>
      `das Dokument ${quote(documentTypes, f.document)} gehört nicht zu ${quote(stages, f.stage)} (erwartet: ${quoteAll(documentTypes, f.expected, 'oder')})`,
    'document-not-of-track': (f) =>
      `das Dokument ${quote(documentTypes, f.document)} ist nicht das Dokument von ${quote(stages, 'REFLECTION')} für diese Akte (eröffnet am ${f.openedOn}, ${say(tracks, f.track)}); erwartet: ${quoteAll(documentTypes, f.expected, 'oder')}`,
    'document-dates-inverted': () => 'das Ende der Gültigkeit liegt vor dem Ausstellungsdatum',
    'issue-date-in-future': (f) => `das Ausstellungsdatum ${f.date} liegt in der Zukunft`,
    'document-already-expired': (f) =>
      `ein bis zum ${f.validUntil} gültiges Dokument ist bereits abgelaufen; erfassen Sie das aktuelle Dokument`,
    'renewal-used': () => 'die einmalige Verlängerung des Dokuments von drei Monaten wurde bereits genutzt',
    'ground-already-under-review': (f) =>
      `der Grund ${quote(grounds, f.ground)} wird bereits geprüft; die Entscheidung erstreckt sich auch auf ihn`,
    'no-review-open': () =>
      'es ist keine Prüfung eines Entzugs offen: Zuerst muss ein Grund gemeldet werden (kein Entzug ohne Prüfung)',
    'ground-not-under-review': (f) =>
      `die offene Prüfung betrifft ${quoteAll(grounds, f.grounds, 'und')}, nicht ${quote(grounds, f.ground)}`,
    'ground-required': () => 'eine Entscheidung über einen Entzug nennt den Grund, auf dem sie beruht',
    'four-eyes': (f) =>
      `die Entscheidung muss von einer anderen Person getroffen werden als der, die den Grund ${quote(grounds, f.ground)} gemeldet hat (Vier-Augen-Prinzip)`,
    'age-determination-adults': () => 'eine Altersbestimmung gilt nur für die Akte eines unbegleiteten Minderjährigen',
    'birth-after-determination': (f) =>
      `das Geburtsdatum ${f.dateOfBirth} liegt nach dem Tag der Altersbestimmung (${f.date})`,
    'not-identified-yet': (f) =>
      `dieses Ereignis (${f.event}) ist erst in ${quote(stages, 'IDENTIFIED_VICTIM')} möglich, sobald die betroffene Person identifiziert ist: Die Staatsanwaltschaft muss zuerst die Statusanfrage beantworten`,
    'no-permanent-residence-review': () => 'zu dieser Akte ist keine Prüfung eines unbegrenzten Aufenthalts offen',
    'refusal-reason-required': () => 'eine Ablehnung des unbegrenzten Aufenthalts nennt ihren Grund',
    'durable-solution-adults': () =>
      'das Verfahren für eine dauerhafte Lösung gilt nur für unbegleitete minderjährige Ausländer',
    'identity-already-documented': () => 'der Identitätsnachweis wurde bereits vorgelegt',
    'not-opening-centre': () => 'nur das Zentrum, das die Akte eröffnet hat, kann sie annullieren',
    'document-already-reported': () =>
      'zu dieser Akte wurde bereits ein ausgestelltes Dokument erfasst: Die Akte wurde also nicht irrtümlich eröffnet',
    'document-still-valid': (f) =>
      `das aktuelle Dokument ist bis zum ${f.validUntil} gültig; über die Nichtverlängerung wird entschieden, sobald es abgelaufen ist`,
    'answer-role': (f) => `eine Statusanfrage kann nicht ${byRole(f.role)} beantwortet werden`,
    'query-answered': (f) => `die Statusanfrage ${f.queryId} wurde bereits beantwortet`,
    'query-closed': (f) => `die Statusanfrage ${f.queryId} ist abgeschlossen`,
    'no-such-query': (f) => `zu dieser Akte ist keine Statusanfrage ${f.queryId} offen`,
    'query-not-addressed': (f) =>
      `die Statusanfrage ${f.queryId} ist nicht an diese Stelle gerichtet (${office(f.office)})`,
    'opened-in-future': (f) => `das Eröffnungsdatum ${f.openedOn} liegt in der Zukunft`,
    'reflection-already-over': (f) =>
      `für eine am ${f.openedOn} eröffnete Akte ist die Bedenkzeit am ${f.reflectionEnds} abgelaufen; übernehmen Sie eine laufende Akte mit POST /v1/cases/import`,
    'birth-after-opening': (f) => `das Geburtsdatum ${f.dateOfBirth} liegt nach dem Eröffnungsdatum ${f.openedOn}`,
    'minor-of-age': (f) =>
      `ein unbegleiteter minderjähriger Ausländer muss am Eröffnungstag ${f.openedOn} jünger als ${POLICY.majorityAge} Jahre sein`,
    'import-out-of-order': (f) =>
      `events[${f.index}] ist auf den ${f.date} datiert, also vor dem vorhergehenden Ereignis: Führen Sie die Ereignisse in zeitlicher Reihenfolge auf`,
    'import-no-open-query': (f) =>
      `events[${f.index}] beantwortet eine Statusanfrage, doch am ${f.date} war keine offen`,
    'import-case-ended': (f) =>
      `mit diesen Ereignissen wurde die Akte vor dem heutigen Tag abgeschlossen (${say(outcomes, f.outcome)}): Nur laufende Akten werden übernommen`,
  },
};
