import type { LanguagePack } from './types';

const forInformation = 'Aucune action n’est requise : ce message vous est adressé pour information.';

export const fr: LanguagePack = {
  locale: 'fr-BE',
  words: {
    greeting: 'Bonjour,',
    labelSeparator: '\u202f: ', // narrow no-break space
    fileReference: 'Référence du dossier',
    asked: 'Ce qui vous est demandé',
    details: 'Détails',
    caseLink: 'Le dossier dans l’application',
    queriesLink: 'Les demandes de statut ouvertes dans l’application',
    calendarNote: 'Le fichier de calendrier joint (.ics) ajoute cette date à votre agenda.',
    footer:
      'Ce message a été envoyé automatiquement ; merci de ne pas y répondre. ' +
      'Pour la sécurité des personnes concernées, il ne contient aucune donnée personnelle : connectez-vous à l’application pour consulter le dossier.',
    seeApplication: 'voir l’application',
  },
  factLabels: {
    centre: 'Centre',
    stage: 'Phase',
    previousStage: 'Phase précédente',
    documentType: 'Document',
    outcome: 'Issue',
    otherStatus: 'Statut accordé',
    ground: 'Motif signalé',
    office: 'Parquet interrogé',
    queryId: 'Référence de la demande de statut',
    identityProofMissing: 'Preuve d’identité',
    humanitarianCandidate: 'Séjour humanitaire (art. 9bis)',
    failedKind: 'Avis',
    rejected: 'Destinataire',
  },
  stages: {
    REFLECTION: 'phase 1, période de réflexion',
    TEMPORARY_RESIDENCE: 'phase 2, séjour de trois mois',
    IDENTIFIED_VICTIM: 'phase 3, séjour de six mois',
    PERMANENT_RESIDENCE: 'phase 4, séjour à durée illimitée',
    CLOSED: 'clôturé',
  },
  outcomes: {
    PERMANENT_RESIDENCE: 'séjour à durée illimitée accordé',
    REFLECTION_EXPIRED: 'période de réflexion terminée sans plainte ni déclaration',
    VOLUNTARY_RETURN: 'retour volontaire',
    WITHDRAWN: 'séjour retiré',
    NOT_RENEWED: 'document de séjour non renouvelé',
    PROCEEDINGS_ENDED: 'procédure judiciaire terminée',
    OTHER_STATUS: 'autre statut de séjour accordé',
  },
  documentTypes: {
    ORDER_TO_LEAVE_45_DAYS: 'ordre de quitter le territoire dans les 45 jours',
    ANNEX_15: 'annexe 15 (document de séjour temporaire, 45 jours)',
    MINOR_TEMPORARY_RESIDENCE: 'document de séjour temporaire pour mineur (3 mois)',
    ATTESTATION_OF_IMMATRICULATION: 'attestation d’immatriculation (3 mois)',
    A_CARD: 'certificat d’inscription au registre des étrangers (carte A, 6 mois)',
    B_CARD: 'séjour à durée illimitée (carte B)',
  },
  grounds: {
    'contact-with-exploiters': 'reprise de contact avec les personnes visées par la procédure',
    'support-declined': 'accompagnement du centre refusé',
    'public-order-threat': 'danger pour l’ordre public ou la sécurité nationale',
    'cooperation-ended': 'fin de la coopération avec les autorités judiciaires',
    'fraud-established': 'coopération ou plainte frauduleuse ou non fondée',
    'proceedings-ended': 'fin de la procédure judiciaire',
  },
  otherStatuses: {
    refugee: 'statut de réfugié',
    'subsidiary-protection': 'protection subsidiaire',
    'durable-solution-minor': 'solution durable pour un mineur',
    humanitarian: 'séjour humanitaire',
  },
  identityProof: { missing: 'encore à fournir', provided: 'fournie' },
  humanitarianCandidate: 'envisageable : la procédure a duré plus de deux ans',
  recipients: {
    'immigration-office': 'l’Office des Étrangers',
    caseworker: 'l’assistant social du dossier',
    guardian: 'le tuteur',
    centre: (code) => `le centre ${code}`,
    prosecutor: (code) => `le parquet ${code}`,
    'principal-crown-prosecutor': (code) => `le procureur général ${code}`,
  },
  kinds: {
    'case-opened': {
      subject: 'Nouveau dossier de séjour : document à délivrer',
      summary: 'Un centre agréé a ouvert un nouveau dossier de séjour.',
      ask: 'Veuillez délivrer le premier document de séjour (voir les détails) et l’enregistrer dans l’application avec les dates qui y figurent (événement document-issued).',
      dueLabel: 'À délivrer au plus tard le',
    },
    'document-to-issue': {
      subject: 'Dossier de séjour : document à délivrer',
      summary: 'Le dossier de séjour est passé à une nouvelle phase (voir les détails).',
      ask: 'Veuillez délivrer le document de cette phase et l’enregistrer dans l’application avec les dates qui y figurent (événement document-issued).',
      dueLabel: 'À délivrer au plus tard le',
    },
    'stage-changed': {
      subject: 'Dossier de séjour : nouvelle phase',
      summary: 'Le dossier de séjour est passé à une nouvelle phase (voir les détails).',
      ask: forInformation,
      dueLabel: 'Document valable jusqu’au',
    },
    'reflection-ending-reminder': {
      subject: 'Rappel : la période de réflexion se termine bientôt',
      summary: 'La période de réflexion de ce dossier se termine bientôt et aucune plainte ni déclaration n’a été enregistrée.',
      ask: 'Si une plainte a été déposée ou une déclaration faite, enregistrez-la dans l’application (événement complaint-filed) avant cette date ; sinon, le dossier est clôturé à la fin de la période.',
      dueLabel: 'Fin de la période de réflexion le',
    },
    'document-expiry-reminder': {
      subject: 'Rappel : le document de séjour expire bientôt',
      summary: 'Le document de séjour de ce dossier expire bientôt et aucune décision sur son renouvellement n’a encore été enregistrée.',
      ask: 'Veuillez veiller à ce que tout ce dont dépend le renouvellement soit enregistré dans l’application avant cette date.',
      dueLabel: 'Le document expire le',
    },
    'status-query': {
      subject: 'Demande de statut concernant un dossier de séjour',
      summary: 'L’Office des Étrangers demande à votre parquet l’état du dossier judiciaire lié à ce dossier de séjour, afin de statuer sur son document de séjour.',
      ask: 'Veuillez répondre à la demande de statut dans l’application avant cette date : votre parquet retient-il la personne concernée dans le cadre de cette procédure, la procédure judiciaire est-elle toujours en cours, la coopération se poursuit-elle et les liens sont-ils rompus.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'status-query-reminder': {
      subject: 'Rappel : demande de statut en attente de votre réponse',
      summary: 'Une demande de statut concernant ce dossier de séjour attend toujours la réponse de votre parquet.',
      ask: 'Veuillez y répondre dans l’application avant cette date ; à défaut, la demande est transmise au procureur général.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'status-query-escalated': {
      subject: 'Demande de statut transmise : aucune réponse reçue',
      summary: 'Le parquet interrogé (voir les détails) n’a pas répondu à temps à une demande de statut concernant ce dossier de séjour ; la demande vous est transmise.',
      ask: 'Veuillez répondre à la demande de statut dans l’application avant cette date.',
      dueLabel: 'Réponse attendue au plus tard le',
    },
    'expiry-without-decision': {
      subject: 'Le document de séjour expirera sans décision',
      summary: 'Aucune réponse à la demande de statut n’a été reçue, y compris après sa transmission au procureur général : le document de séjour expirera sans décision.',
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
      summary: 'Un motif de retrait ou de non-renouvellement a été signalé pour ce dossier de séjour (voir les détails).',
      ask: 'Veuillez l’examiner et enregistrer votre décision dans l’application (événement withdrawal-decided) avant cette date.',
      dueLabel: 'Décision au plus tard le',
    },
    'withdrawal-review-reminder': {
      subject: 'Rappel : décision d’examen attendue',
      summary: 'L’examen d’un motif signalé pour ce dossier de séjour est toujours ouvert.',
      ask: 'Veuillez enregistrer votre décision dans l’application (événement withdrawal-decided) avant cette date.',
      dueLabel: 'Décision au plus tard le',
    },
    'withdrawal-review-overdue': {
      subject: 'Décision d’examen en retard',
      summary: 'La décision sur un motif signalé pour ce dossier de séjour était attendue et n’a pas été enregistrée.',
      ask: 'Veuillez enregistrer votre décision dans l’application (événement withdrawal-decided) dès que possible.',
      dueLabel: 'Attendue le',
    },
    'permanent-residence-granted': {
      subject: 'Dossier de séjour : séjour à durée illimitée',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Un séjour à durée illimitée a été accordé pour ce dossier ; la preuve d’identité manque encore.'
          : 'Un séjour à durée illimitée a été accordé pour ce dossier.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'La preuve d’identité (passeport, titre de voyage équivalent ou carte d’identité nationale) doit encore être fournie ; enregistrez-la dans l’application (événement identity-documented) dès qu’elle l’est.'
          : forInformation,
      dueLabel: 'Accordé le',
    },
    'case-closed': {
      subject: 'Dossier de séjour clôturé',
      summary: 'Le dossier de séjour a été clôturé (issue dans les détails).',
      ask: forInformation,
      dueLabel: 'Clôturé le',
    },
    'delivery-failed': {
      subject: 'Un avis n’a pas pu être remis',
      summary: 'Un avis concernant ce dossier de séjour a été refusé par le serveur de messagerie du destinataire (voir les détails).',
      ask: 'Veuillez vérifier l’adresse enregistrée pour ce destinataire et la faire corriger.',
      dueLabel: 'Date',
    },
  },
};
