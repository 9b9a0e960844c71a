import { frPages } from './pages/fr';
import { centreName, placeOf } from './places';
import { frProblems } from './problems/fr';
import { isLabourAuditorOffice, type Role } from '../domain/codes';
import { POLICY } from '../domain/policy';
import { codeWords } from './code-words';
import type { LanguagePack } from './types';
import { UNDELIVERED_AFTER_RETRIES } from './vocabulary';

const forInformation = 'Aucune action n’est requise : ce message vous est adressé pour information.';

const stages: LanguagePack['stages'] = {
  REFLECTION: 'phase 1, délai de réflexion',
  TEMPORARY_RESIDENCE: 'phase 2, séjour de trois mois',
  IDENTIFIED_VICTIM: 'phase 3, séjour de six mois',
  PERMANENT_RESIDENCE: 'phase 4, séjour illimité',
  CLOSED: 'clôturé',
};

const outcomes: LanguagePack['outcomes'] = {
  PERMANENT_RESIDENCE: 'séjour illimité accordé',
  REFLECTION_EXPIRED: 'délai de réflexion terminé sans plainte ni déclaration',
  VOLUNTARY_RETURN: 'retour volontaire',
  WITHDRAWN: 'séjour retiré',
  NOT_RENEWED: 'document de séjour non renouvelé',
  PROCEEDINGS_ENDED: 'procédure judiciaire terminée',
  OTHER_STATUS: 'autre statut de séjour accordé',
  OPENED_IN_ERROR: 'dossier ouvert par erreur et annulé',
};

const documentTypes: LanguagePack['documentTypes'] = {
  ORDER_TO_LEAVE_45_DAYS: 'ordre de quitter le territoire dans les 45 jours',
  ANNEX_15: 'annexe 15 (document de séjour temporaire, 45 jours)',
  MINOR_TEMPORARY_RESIDENCE: 'document de séjour temporaire pour mineur (3 mois)',
  ATTESTATION_OF_IMMATRICULATION: 'attestation d’immatriculation (3 mois)',
  A_CARD: 'certificat d’inscription au registre des étrangers (carte A, 6 mois)',
  B_CARD: 'séjour illimité (carte B)',
};

const grounds: LanguagePack['grounds'] = {
  'contact-with-exploiters': 'lien renoué, de sa propre initiative, avec les auteurs présumés',
  'support-declined': 'accompagnement du centre refusé',
  'public-order-threat': 'danger pour l’ordre public ou la sécurité nationale',
  'cooperation-ended': 'fin de la coopération avec les autorités judiciaires',
  'fraud-established': 'coopération ou plainte frauduleuse ou non fondée',
};

const recipients: LanguagePack['recipients'] = {
  [UNDELIVERED_AFTER_RETRIES]:
    'un destinataire que le relais de messagerie n’a pas pu atteindre après plusieurs tentatives',
  'immigration-office': 'l’Office des Étrangers',
  caseworker: 'l’assistant social du dossier',
  guardian: 'le tuteur',
  centre: (code) => `le centre ${centreName(code)}`,
  prosecutor: (code) =>
    isLabourAuditorOffice(code) ? `l’auditorat du travail ${placeOf(code, 'fr')}` : `le parquet ${placeOf(code, 'fr')}`,
  'principal-crown-prosecutor': (code) => `le procureur général ${placeOf(code, 'fr')}`,
};

/** The words of the codes a refusal names that the mails do not show: who acts, and for whom a case is. */
const roles: Record<Role, string> = {
  centre: 'un centre',
  prosecutor: 'un parquet',
  'immigration-office': 'l’Office des Étrangers',
  admin: 'un administrateur',
};
const tracks = { minor: 'mineur étranger non accompagné', adult: 'majeur' };

const { say, quote, quoteAll, office } = codeWords({ open: '«\u00a0', close: '\u00a0»' }, recipients);

export const fr: LanguagePack = {
  locale: 'fr-BE',
  words: {
    greeting: 'Bonjour,',
    labelSeparator: '\u202f: ', // narrow no-break space
    fileReference: 'Référence du dossier',
    asked: 'Ce qui vous est demandé',
    details: 'Détails',
    caseLink: 'Le dossier dans l’application',
    queryLink: 'La demande de statut dans l’application',
    calendarNote: 'Le fichier de calendrier joint (.ics) ajoute cette date à votre agenda.',
    footer:
      'Ce message a été envoyé automatiquement ; merci de ne pas y répondre. ' +
      'Pour la sécurité des personnes concernées, il ne contient aucune donnée personnelle : connectez-vous à l’application pour consulter le dossier.',
    seeApplication: 'voir l’application',
    feedName: 'Dossiers de séjour : échéances',
  },
  factLabels: {
    centre: 'Centre',
    stage: 'Phase',
    documentType: 'Document',
    renewal: 'Numéro du renouvellement',
    documentValidUntil: 'Document actuel valable jusqu’au',
    minor: 'Mineur non accompagné',
    deadline: 'Échéance',
    outcome: 'Issue',
    detail: 'Motif',
    ground: 'Motif signalé',
    office: 'Instance interrogée',
    queryId: 'Référence de la demande de statut',
    renewalAvailable: 'Renouvellement unique du document de trois mois encore disponible',
    identityProofMissing: 'Preuve d’identité',
    humanitarianCandidate: 'Séjour humanitaire (art. 9bis)',
    noticeKind: 'Avis',
    recipients: 'Destinataire',
  },
  yesNo: { yes: 'oui', no: 'non' },
  stages,
  outcomes,
  outcomeDetails: {
    dismissed: 'classement sans suite',
    acquittal: 'acquittement',
    'conviction-other-offence': 'condamnation pour une autre infraction',
    other: 'autre motif',
    refugee: 'statut de réfugié',
    'subsidiary-protection': 'protection subsidiaire',
    'durable-solution-minor': 'solution durable pour un mineur',
    humanitarian: 'séjour humanitaire',
    'negative-answer': 'la réponse du parquet ne permettait pas de renouvellement',
    'no-decision': 'aucune décision avant l’expiration du document',
    conviction: 'condamnation',
    'conviction-under-appeal': 'condamnation, frappée d’appel',
    'trafficking-retained-in-charges': 'infraction retenue dans les réquisitions',
    fraudulent: 'coopération ou plainte jugée frauduleuse',
    unfounded: 'plainte jugée non fondée',
    'retained-charges': 'infraction retenue dans les réquisitions, avec des déclarations significatives',
    'conditions-not-met': 'les conditions ne sont pas remplies',
    'public-order': 'danger pour l’ordre public ou la sécurité nationale',
    'identity-not-established': 'identité non établie',
  },
  documentTypes,
  deadlines: {
    REFLECTION_ENDS: 'fin du délai de réflexion',
    DOCUMENT_EXPIRES: 'expiration du document de séjour',
    STATUS_QUERY_DUE: 'envoi de la demande de statut',
    PROSECUTOR_REPLY_DUE: 'réponse du parquet à la demande de statut',
    ESCALATION_REPLY_DUE: 'réponse du procureur général à la demande de statut',
    WITHDRAWAL_DECISION_DUE: 'décision sur un motif signalé',
    PERMANENT_RESIDENCE_DECISION_DUE: 'décision sur le séjour illimité',
    GUARDIANSHIP_ENDS: 'fin de la tutelle (18e anniversaire)',
    LATE_REPORTS_CLOSE: 'dernier jour pour enregistrer ce qui s’est passé pendant l’indisponibilité de l’application',
  },
  grounds,
  identityProof: { missing: 'encore à fournir', provided: 'fournie' },
  humanitarianCandidate: 'envisageable : la procédure a duré plus de deux ans',
  recipients,
  kinds: {
    'case-opened': {
      subject: 'Nouveau dossier de séjour : document à délivrer',
      summary: 'Un centre agréé a ouvert un nouveau dossier de séjour.',
      ask: 'Veuillez délivrer le premier document de séjour (voir les détails) et l’enregistrer dans l’application avec les dates qui y figurent.',
      dueLabel: 'À délivrer au plus tard le',
    },
    'document-to-issue': {
      subject: 'Dossier de séjour : document à délivrer',
      summary: 'Le dossier de séjour est passé à une nouvelle phase (voir les détails).',
      ask: 'Veuillez délivrer le document de cette phase et l’enregistrer dans l’application avec les dates qui y figurent.',
      dueLabel: 'À délivrer au plus tard le',
    },
    'stage-changed': {
      subject: 'Dossier de séjour : nouvelle phase',
      summary: 'Le dossier de séjour est passé à une nouvelle phase (voir les détails).',
      ask: forInformation,
      dueLabel: 'Document valable jusqu’au',
    },
    'reflection-ending-reminder': {
      subject: 'Rappel : le délai de réflexion se termine bientôt',
      summary:
        'Le délai de réflexion de ce dossier se termine bientôt et aucune plainte ni déclaration n’a été enregistrée.',
      ask: 'Si une plainte a été déposée ou une déclaration faite, enregistrez-la dans l’application avant cette date ; sinon, le dossier est clôturé à la fin de la période.',
      dueLabel: 'Fin du délai de réflexion le',
    },
    'document-expiry-reminder': {
      subject: 'Rappel : le document de séjour expire bientôt',
      summary:
        'Le document de séjour de ce dossier expire bientôt et aucune décision sur son renouvellement n’a encore été enregistrée.',
      ask: 'Veuillez veiller à ce que tout ce dont dépend le renouvellement soit enregistré dans l’application avant cette date.',
      dueLabel: 'Le document expire le',
    },
    'status-query': {
      subject: 'Demande de statut concernant un dossier de séjour',
      summary:
        'L’Office des Étrangers vous demande l’état du dossier judiciaire lié à ce dossier de séjour, afin de statuer sur son document de séjour.',
      ask: 'Veuillez répondre à la demande de statut dans l’application avant cette date : retenez-vous la personne concernée dans le cadre de cette procédure, la procédure judiciaire est-elle toujours en cours, la coopération se poursuit-elle et les liens sont-ils rompus.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'status-query-reminder': {
      subject: 'Rappel : demande de statut en attente de votre réponse',
      summary: 'Une demande de statut concernant ce dossier de séjour attend toujours votre réponse.',
      ask: 'Veuillez y répondre dans l’application avant cette date ; à défaut, la demande est transmise au procureur général.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'status-query-escalated': {
      subject: 'Demande de statut transmise : aucune réponse reçue',
      summary:
        'L’instance interrogée (voir les détails) n’a pas répondu à temps à une demande de statut concernant ce dossier de séjour ; la demande vous est transmise.',
      ask: 'Veuillez répondre à la demande de statut dans l’application avant cette date.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'expiry-without-decision': {
      subject: 'Le document de séjour expirera sans décision',
      summary:
        'Aucune réponse à la demande de statut n’a été reçue, y compris après sa transmission au procureur général : le document de séjour expirera sans décision.',
      ask: 'L’Office des Étrangers décide si l’unique renouvellement du document de trois mois est utilisé ; le centre en est informé.',
      dueLabel: 'Le document expire le',
    },
    'negative-answer': {
      subject: 'Réponse à la demande de statut : pas de renouvellement',
      summary: 'La réponse du parquet à la demande de statut ne permet pas de renouveler le document de séjour.',
      ask: 'Le document n’est pas renouvelé, sauf si l’unique renouvellement du document de trois mois est utilisé pour l’enquête ; sinon, le dossier est clôturé à l’expiration du document.',
      dueLabel: 'Le document expire le',
    },
    'withdrawal-review-opened': {
      subject: 'Examen demandé : retrait éventuel',
      summary:
        'Un motif de retrait ou de non-renouvellement a été signalé pour ce dossier de séjour (voir les détails).',
      ask: 'Veuillez l’examiner et enregistrer votre décision dans l’application avant cette date.',
      dueLabel: 'Décision au plus tard le',
    },
    'withdrawal-review-reminder': {
      subject: 'Rappel : décision d’examen attendue',
      summary: 'L’examen d’un motif signalé pour ce dossier de séjour est toujours ouvert.',
      ask: 'Veuillez enregistrer votre décision dans l’application avant cette date.',
      dueLabel: 'Décision au plus tard le',
    },
    'withdrawal-review-overdue': {
      subject: 'Décision d’examen en retard',
      summary: 'La décision sur un motif signalé pour ce dossier de séjour était attendue et n’a pas été enregistrée.',
      ask: 'Veuillez enregistrer votre décision dans l’application dès que possible.',
      dueLabel: 'Attendue le',
    },
    'no-withdrawal': {
      subject: 'Dossier de séjour : pas de retrait',
      summary:
        'L’Office des étrangers a examiné le motif que votre centre a signalé pour ce dossier de séjour et a décidé de ne pas retirer le séjour.',
      ask: 'Le séjour continue comme avant : rien ne vous est demandé.',
      dueLabel: 'Décidé le',
    },
    'answer-not-due-before-expiry': {
      subject: 'Demande de statut : aucune réponse ne peut être attendue avant l’expiration du document',
      summary:
        'La réponse à la demande de statut concernant ce dossier de séjour ne peut être attendue qu’à partir du jour où le document de séjour expire (voir les détails).',
      ask: 'Veuillez décider de la suite du dossier au-delà de l’expiration : un nouveau document, l’unique renouvellement du document de trois mois, ou le non-renouvellement.',
      dueLabel: 'Le document expire le',
    },
    'expiry-decision-needed': {
      subject: 'Document de séjour expiré : votre décision est nécessaire',
      summary:
        'Le document de séjour de ce dossier a expiré avant que le parquet ait disposé de tout le délai pour répondre à la demande de statut ; le dossier n’a donc pas été clôturé.',
      ask: 'Veuillez enregistrer soit le nouveau document, soit le non-renouvellement du document.',
      dueLabel: 'Expiré le',
    },
    'deadline-passed-unnoticed': {
      subject: 'Dossier de séjour : une échéance est passée pendant l’indisponibilité de l’application',
      summary:
        'Une échéance qui aurait clôturé ce dossier de séjour (voir les détails) est passée pendant que l’application était indisponible ; le dossier n’a pas été clôturé.',
      ask: 'Si quelque chose s’est produit à temps (une plainte, un nouveau document, une réponse), enregistrez-le dans l’application avant cette date ; ensuite, l’échéance s’applique à sa propre date.',
      dueLabel: 'À enregistrer au plus tard le',
    },
    'identification-awaits-review': {
      subject: 'Réponse à la demande de statut : votre décision d’examen est attendue',
      summary:
        'La réponse du parquet permet le séjour de six mois, mais l’examen d’un motif signalé est toujours ouvert pour ce dossier.',
      ask: 'Le séjour de six mois commence dès que vous statuez sur l’examen ; un retrait clôture au contraire le dossier.',
      dueLabel: 'Décision au plus tard le',
    },
    'expiry-awaits-withdrawal-decision': {
      subject: 'Document de séjour expiré : votre décision d’examen est nécessaire',
      summary:
        'Le document de séjour de ce dossier a expiré alors que la réponse positive du parquet attend votre décision sur l’examen d’un motif signalé ; le dossier n’a donc pas été clôturé.',
      ask: 'Veuillez statuer sur l’examen : sans retrait, le séjour de six mois commence le jour de votre décision ; un retrait clôture le dossier.',
      dueLabel: 'Expiré le',
    },
    'expiry-awaits-permanent-residence-decision': {
      subject: 'Document de séjour expiré : décidez du séjour illimité',
      summary:
        'Le document de séjour de six mois de ce dossier a expiré alors que la décision sur le séjour illimité est toujours ouverte ; le dossier n’a donc pas été clôturé.',
      ask: 'Veuillez décider : accorder le séjour illimité, le refuser, ou enregistrer que le document n’est pas renouvelé.',
      dueLabel: 'Expiré le',
    },
    'proceedings-ended-after-conviction': {
      subject: 'Dossier de séjour : procédure terminée après la condamnation',
      summary:
        'Le parquet signale que la procédure judiciaire est terminée, après la condamnation ou les réquisitions qui rendent la personne concernée éligible au séjour illimité.',
      ask: 'Le séjour de six mois n’est pas renouvelé. Le dossier reste ouvert jusqu’à ce que l’Office des étrangers ait statué sur le séjour illimité.',
      dueLabel: 'Le document expire le',
    },
    'permanent-residence-review-opened': {
      subject: 'Dossier de séjour : décision sur le séjour illimité demandée',
      summary:
        'La personne concernée remplit désormais les conditions d’un séjour illimité (fondement dans les détails).',
      ask: 'Veuillez décider dans l’application si la carte B est accordée, avant cette date. Le séjour de six mois se poursuit entre-temps.',
      dueLabel: 'Décision au plus tard le',
    },
    'permanent-residence-eligible': {
      subject: 'Dossier de séjour : le séjour illimité peut être demandé',
      summary:
        'La personne concernée remplit désormais les conditions d’un séjour illimité (fondement dans les détails) ; l’Office des Étrangers a été invité à statuer.',
      ask: 'La personne peut en faire la demande ; la preuve d’identité (passeport, titre de voyage équivalent ou carte d’identité nationale) doit être fournie au plus tard maintenant.',
      dueLabel: 'Décision attendue au plus tard le',
    },
    'permanent-residence-review-reminder': {
      subject: 'Rappel : décision sur le séjour illimité attendue',
      summary: 'La décision sur le séjour illimité pour ce dossier est toujours en attente.',
      ask: 'Veuillez enregistrer votre décision dans l’application avant cette date.',
      dueLabel: 'Décision au plus tard le',
    },
    'permanent-residence-review-overdue': {
      subject: 'Décision sur le séjour illimité en retard',
      summary: 'La décision sur le séjour illimité pour ce dossier était attendue et n’a pas été enregistrée.',
      ask: 'Veuillez enregistrer votre décision dans l’application dès que possible.',
      dueLabel: 'Attendue le',
    },
    'permanent-residence-refused': {
      subject: 'Dossier de séjour : séjour illimité refusé',
      summary: 'L’Office des Étrangers a refusé le séjour illimité pour ce dossier (motif dans les détails).',
      ask: 'Le séjour de six mois se poursuit comme auparavant.',
      dueLabel: 'Date',
    },
    'permanent-residence-granted': {
      subject: 'Dossier de séjour : séjour illimité',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Un séjour illimité a été accordé pour ce dossier ; la preuve d’identité manque encore.'
          : 'Un séjour illimité a été accordé pour ce dossier.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'La preuve d’identité (passeport, titre de voyage équivalent ou carte d’identité nationale) doit encore être fournie ; enregistrez-la dans l’application dès qu’elle l’est.'
          : forInformation,
      dueLabel: 'Accordé le',
    },
    'guardianship-ended': {
      subject: 'Dossier de séjour : fin de la tutelle',
      summary:
        'La personne concernée atteint 18 ans à cette date : la tutelle prend fin. La phase et le document de séjour ne changent pas.',
      ask: 'Le tuteur ne reçoit plus d’avis concernant ce dossier ; le centre reste l’interlocuteur.',
      dueLabel: 'Fin de la tutelle le',
    },
    'case-imported': {
      subject: 'Dossier de séjour repris dans l’application',
      summary:
        'Un dossier de séjour en cours a été repris dans l’application avec son historique ; ses échéances courent désormais ici.',
      ask: 'Veuillez vérifier le dossier dans l’application : la phase, le document et les prochaines échéances.',
      dueLabel: 'Repris le',
    },
    'opened-in-error': {
      subject: 'Dossier de séjour annulé : ouvert par erreur',
      summary:
        'Le centre a annulé ce dossier de séjour, qu’il avait ouvert par erreur. Vous aviez été informé de son ouverture.',
      ask: 'Aucun document ne doit être délivré pour ce dossier.',
      dueLabel: 'Annulé le',
    },
    'case-closed': {
      subject: 'Dossier de séjour clôturé',
      summary: 'Le dossier de séjour a été clôturé (issue dans les détails).',
      ask: forInformation,
      dueLabel: 'Clôturé le',
    },
    'delivery-failed': {
      subject: 'Un avis n’a pas pu être remis',
      summary: 'Un avis concernant ce dossier de séjour n’a pas pu être remis à un destinataire (voir les détails).',
      ask: 'Veuillez vérifier l’adresse enregistrée pour ce destinataire et la faire corriger ; d’ici là, joignez-le par un autre moyen.',
      dueLabel: 'Date',
    },
  },
  pages: frPages,
  problems: frProblems,
  refusals: {
    'role-not-allowed': (f) => `cet événement (${f.event}) ne peut pas être enregistré par ${say(roles, f.role)}`,
    'date-in-future': (f) => `la date ${f.date} est dans le futur`,
    'malformed-reference-keys': () => 'les clés des numéros de dossier ne sont pas valides ; seule l’API les envoie',
    'date-before-opening': (f) => `la date ${f.date} est antérieure à l’ouverture du dossier (${f.openedOn})`,
    'case-closed': (f) =>
      `le dossier est clôturé (${say(outcomes, f.outcome)}) ; plus aucun événement ne peut être enregistré`,
    'permanent-residence-granted': (f) =>
      `${outcomes.PERMANENT_RESIDENCE} ; cet événement (${f.event}) ne s’applique plus`,
    'event-not-in-stage': (f) =>
      `cet événement (${f.event}) n’est possible qu’en ${quoteAll(stages, f.stages, 'ou')} ; le dossier est en ${quote(stages, f.stage)}`,
    'complaint-already-filed': () => 'une plainte ou une déclaration est déjà enregistrée pour ce dossier',
    'complaint-after-reflection': (f) =>
      `la plainte ou la déclaration du ${f.date} est postérieure au délai de réflexion, qui a pris fin le ${f.reflectionEnds}`,
    'document-not-of-stage': (f) =>
      `le document ${quote(documentTypes, f.document)} n’est pas un document de ${quote(stages, f.stage)} (document attendu : ${quoteAll(documentTypes, f.expected, 'ou')})`,
    'document-not-of-track': (f) =>
      `le document ${quote(documentTypes, f.document)} n’est pas le document de ${quote(stages, 'REFLECTION')} de ce dossier (ouvert le ${f.openedOn}, ${say(tracks, f.track)}) ; document attendu : ${quoteAll(documentTypes, f.expected, 'ou')}`,
    'document-dates-inverted': () => 'la date de fin de validité est antérieure à la date de délivrance',
    'issue-date-in-future': (f) => `la date de délivrance ${f.date} est dans le futur`,
    'document-already-expired': (f) =>
      `un document valable jusqu’au ${f.validUntil} a déjà expiré ; enregistrez le document actuel`,
    'renewal-used': () => 'le renouvellement unique du document de trois mois a déjà été utilisé',
    'ground-already-under-review': (f) =>
      `le motif ${quote(grounds, f.ground)} est déjà en cours d’examen ; la décision le couvrira`,
    'no-review-open': () =>
      'aucun examen de retrait n’est ouvert : un motif doit d’abord être signalé (pas de retrait sans examen)',
    'ground-not-under-review': (f) =>
      `l’examen en cours porte sur ${quoteAll(grounds, f.grounds, 'et')}, et non sur ${quote(grounds, f.ground)}`,
    'ground-required': () => 'une décision de retrait indique le motif sur lequel elle repose',
    'four-eyes': (f) =>
      `la décision doit être prise par une autre personne que celle qui a signalé le motif ${quote(grounds, f.ground)} (principe des quatre yeux)`,
    'age-determination-adults': () =>
      'une détermination de l’âge ne s’applique qu’au dossier d’un mineur non accompagné',
    'birth-after-determination': (f) =>
      `la date de naissance ${f.dateOfBirth} est postérieure au jour de la détermination de l’âge (${f.date})`,
    'not-identified-yet': (f) =>
      `cet événement (${f.event}) n’est possible qu’en ${quote(stages, 'IDENTIFIED_VICTIM')}, une fois la personne concernée identifiée : le parquet doit d’abord répondre à la demande de statut`,
    'no-permanent-residence-review': () => 'aucun examen du séjour illimité n’est ouvert pour ce dossier',
    'refusal-reason-required': () => 'un refus du séjour illimité en indique le motif',
    'durable-solution-adults': () =>
      'la procédure de solution durable est réservée aux mineurs étrangers non accompagnés',
    'identity-already-documented': () => 'la preuve d’identité a déjà été fournie',
    'not-opening-centre': () => 'seul le centre qui a ouvert le dossier peut l’annuler',
    'document-already-reported': () =>
      'un document délivré a déjà été enregistré pour ce dossier : il n’a donc pas été ouvert par erreur',
    'document-still-valid': (f) =>
      `le document actuel est valable jusqu’au ${f.validUntil} ; le non-renouvellement se décide une fois qu’il a expiré`,
    'answer-role': (f) => `une demande de statut ne peut pas être traitée par ${say(roles, f.role)}`,
    'query-answered': (f) => `la demande de statut ${f.queryId} a déjà reçu une réponse`,
    'query-closed': (f) => `la demande de statut ${f.queryId} est clôturée`,
    'no-such-query': (f) => `aucune demande de statut ${f.queryId} n’est ouverte pour ce dossier`,
    'query-not-addressed': (f) =>
      `la demande de statut ${f.queryId} n’est pas adressée à cette instance (${office(f.office)})`,
    'opened-in-future': (f) => `la date d’ouverture ${f.openedOn} est dans le futur`,
    'reflection-already-over': (f) =>
      `pour un dossier ouvert le ${f.openedOn}, le délai de réflexion a pris fin le ${f.reflectionEnds} ; reprenez un dossier en cours avec POST /v1/cases/import`,
    'birth-after-opening': (f) =>
      `la date de naissance ${f.dateOfBirth} est postérieure à la date d’ouverture ${f.openedOn}`,
    'minor-of-age': (f) =>
      `un mineur étranger non accompagné doit avoir moins de ${POLICY.majorityAge} ans à la date d’ouverture ${f.openedOn}`,
    'import-out-of-order': (f) =>
      `events[${f.index}] est daté du ${f.date}, avant l’événement qui le précède : indiquez les événements dans l’ordre chronologique`,
    'import-no-open-query': (f) =>
      `events[${f.index}] répond à une demande de statut, mais aucune n’était ouverte le ${f.date}`,
    'import-case-ended': (f) =>
      `avec ces événements, le dossier a pris fin (${say(outcomes, f.outcome)}) avant aujourd’hui : seuls les dossiers en cours sont repris`,
  },
};
