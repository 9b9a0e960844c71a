import type { ProblemWords } from '../problem-words';

export const frProblems: ProblemWords = {
  invalidInput: 'La demande n’est pas valide : chaque problème nomme un champ et ce qui ne va pas.',
  invalidJson: 'Le contenu n’est pas du JSON valide.',
  unreadableBody: 'Le contenu n’a pas pu être lu.',
  unknownInput: 'Ce champ ne fait pas partie de l’API.',
  invalidCursor: 'Ce n’est pas un curseur donné par cette API : utilisez le lien next de la page précédente.',
  fieldRules: {
    caseId: 'un numéro de dossier (case-<uuid>)',
    queryId: 'un numéro de demande de statut (<caseId>-q<n>)',
    languageCode: 'un code de langue ISO 639',
    guardianForMinorsOnly: 'un tuteur n’est désigné que pour un mineur non accompagné',
    fileReference: 'lettres, chiffres, espaces et . / _ -',
    withdrawalGround: 'requis lorsque withdraw vaut true : le motif sur lequel repose le retrait',
    refusalReason: 'requis lorsque grant vaut false',
    convictionOffence: 'l’infraction pour laquelle la condamnation a été prononcée (offence)',
    ageDetermination: 'soit la date de naissance établie par le Service des Tutelles, soit adult: true',
    prosecutorOffice: 'un parquet (et seulement un parquet) est désigné par son code',
    idempotencyKey: '1 à 200 caractères ASCII visibles',
    base64: 'doit être en base64',
    feedId: 'un numéro de calendrier (feed-<uuid>)',
    calendarSecret: 'le secret d’une adresse de calendrier',
    referenceInBody: 'un numéro de dossier ne figure jamais dans une adresse : cherchez-le avec POST /v1/cases/search',
  },
  noAccessToken: 'Un jeton bearer est requis.',
  invalidAccessToken: 'Le jeton bearer n’est pas valide.',
  roleMayNotUse: (role) => `Votre rôle (${role}) ne permet pas d’utiliser ce point d’accès.`,
  roleMayNotReport: (role, event) => `Votre rôle (${role}) ne permet pas de signaler « ${event} ».`,
  noCase: (caseId) => `Il n’y a pas de dossier ${caseId}, ou vous n’y avez pas accès.`,
  noQuery: (queryId) => `Il n’y a pas de demande de statut ${queryId} pour votre parquet.`,
  noResource: 'Cette ressource n’existe pas.',
  bodyTooLarge: 'Le contenu dépasse la taille permise.',
  unsupportedMediaType: 'Le contenu doit être en application/json.',
  idempotencyKeyReused: 'Cette Idempotency-Key a déjà servi avec un autre contenu.',
  eventNotApplicable: 'Cet événement ne s’applique pas au dossier maintenant.',
  tooManyRequests: 'Trop de demandes de votre compte ; attendez une minute et réessayez.',
  unavailable:
    'Le service des dossiers est momentanément indisponible (Temporal ou son worker n’a pas répondu à temps) ; réessayez plus tard.',
  internal: 'Une erreur s’est produite de notre côté ; l’identifiant de trace la désigne dans les journaux.',
  caseStillRunning: 'Un dossier ne peut être effacé qu’une fois clôturé ; celui-ci est encore en cours.',
  erasureTooEarly: (days, from) =>
    `Un dossier ne peut être effacé que ${days} jours après sa clôture ; son effacement peut être demandé à partir du ${from}.`,
  erasureNotRequested:
    'Aucun effacement de ce dossier n’attend de confirmation : un administrateur le demande d’abord, puis un second administrateur le confirme.',
  secondAdminRequired: 'Vous avez demandé cet effacement : un second administrateur doit le confirmer.',
  statisticsYearOpen: (year, from) =>
    `Les statistiques de ${year} sont publiées une fois l’année clôturée, à partir du ${from}, et ne changent plus ensuite.`,
  codec: {
    crossOrigin: 'Les demandes d’une autre origine ne sont permises que depuis la Temporal Web UI.',
    notFromWebUi: 'Les demandes ne sont permises que depuis la Temporal Web UI.',
    roles: 'Seuls l’Office des Étrangers et les administrateurs peuvent utiliser le codec.',
    unknownKey: (keyId) =>
      `Un payload nomme une clé (${keyId}) qui n’est pas configurée, ou ne se déchiffre pas avec elle.`,
    erased: 'Ce dossier a été effacé : sa clé de données a été détruite et ses données ne peuvent plus être lues.',
    failed: 'Le codec a échoué.',
  },
};
