import type { ProblemWords } from '../problem-words';

export const deProblems: ProblemWords = {
  invalidInput: 'Die Anfrage ist ungültig: Jedes Problem nennt ein Feld und was daran falsch ist.',
  invalidJson: 'Der Inhalt ist kein gültiges JSON.',
  unreadableBody: 'Der Inhalt konnte nicht gelesen werden.',
  unknownInput: 'Dieses Feld gehört nicht zur API.',
  invalidCursor: 'Kein Cursor, den diese API ausgegeben hat: verwenden Sie den next-Link der vorigen Seite.',
  fieldRules: {
    caseId: 'eine Aktennummer (case-<uuid>)',
    queryId: 'die Nummer einer Statusanfrage (<caseId>-q<n>)',
    languageCode: 'ein ISO-639-Sprachcode',
    guardianForMinorsOnly: 'ein Vormund wird nur für einen unbegleiteten Minderjährigen bestellt',
    fileReference: 'Buchstaben, Ziffern, Leerzeichen und . / _ -',
    withdrawalGround: 'erforderlich, wenn withdraw true ist: der Grund, auf dem der Entzug beruht',
    refusalReason: 'erforderlich, wenn grant false ist',
    convictionOffence: 'die Straftat, für die verurteilt wurde (offence)',
    ageDetermination: 'entweder das vom Dienst für Vormundschaft festgestellte Geburtsdatum oder adult: true',
    prosecutorOffice: 'eine Staatsanwaltschaft (und nur eine Staatsanwaltschaft) wird mit ihrem Code bezeichnet',
    idempotencyKey: '1 bis 200 sichtbare ASCII-Zeichen',
    base64: 'muss Base64 sein',
    feedId: 'eine Kalendernummer (feed-<uuid>)',
    calendarSecret: 'das Geheimnis einer Kalenderadresse',
    referenceInBody: 'ein Aktenzeichen gehört nie in eine Adresse: suchen Sie es mit POST /v1/cases/search',
  },
  noAccessToken: 'Ein Bearer-Token ist erforderlich.',
  invalidAccessToken: 'Das Bearer-Token ist ungültig.',
  roleMayNotUse: (role) => `Ihre Rolle (${role}) darf diesen Endpunkt nicht verwenden.`,
  roleMayNotReport: (role, event) => `Ihre Rolle (${role}) darf „${event}“ nicht melden.`,
  noCase: (caseId) => `Es gibt keine Akte ${caseId}, oder Sie haben keinen Zugang zu ihr.`,
  noQuery: (queryId) => `Es gibt keine Statusanfrage ${queryId} für Ihre Staatsanwaltschaft.`,
  noResource: 'Diese Ressource gibt es nicht.',
  bodyTooLarge: 'Der Inhalt überschreitet die erlaubte Größe.',
  unsupportedMediaType: 'Der Inhalt muss application/json sein.',
  idempotencyKeyReused: 'Dieser Idempotency-Key wurde bereits mit einem anderen Inhalt verwendet.',
  eventNotApplicable: 'Dieses Ereignis trifft jetzt nicht auf die Akte zu.',
  tooManyRequests: 'Zu viele Anfragen Ihres Kontos; warten Sie eine Minute und versuchen Sie es erneut.',
  unavailable:
    'Der Aktendienst ist kurz nicht erreichbar (Temporal oder sein Worker hat nicht rechtzeitig geantwortet); versuchen Sie es später erneut.',
  internal: 'Bei uns ist ein Fehler aufgetreten; die Trace-ID bezeichnet ihn in den Protokollen.',
  caseStillRunning: 'Eine Akte kann erst gelöscht werden, wenn sie abgeschlossen ist; diese läuft noch.',
  erasureTooEarly: (days, from) =>
    `Eine Akte kann erst ${days} Tage nach ihrem Abschluss gelöscht werden; die Löschung kann ab ${from} beantragt werden.`,
  erasureNotRequested:
    'Keine Löschung dieser Akte wartet auf Bestätigung: Ein Administrator beantragt sie zuerst, dann bestätigt sie ein zweiter Administrator.',
  secondAdminRequired: 'Sie haben diese Löschung beantragt: Ein zweiter Administrator muss sie bestätigen.',
  statisticsYearOpen: (year, from) =>
    `Die Statistiken für ${year} werden veröffentlicht, sobald das Jahr abgeschlossen ist, ab dem ${from}, und ändern sich danach nicht mehr.`,
  codec: {
    crossOrigin: 'Anfragen anderer Herkunft sind nur von der Temporal Web UI aus erlaubt.',
    notFromWebUi: 'Anfragen sind nur von der Temporal Web UI aus erlaubt.',
    roles: 'Nur das Ausländeramt und Administratoren dürfen den Codec verwenden.',
    unknownKey: (keyId) =>
      `Eine Payload nennt einen Schlüssel (${keyId}), der nicht eingerichtet ist, oder lässt sich mit ihm nicht entschlüsseln.`,
    erased:
      'Diese Akte wurde gelöscht: Ihr Datenschlüssel wurde vernichtet, ihre Daten können nicht mehr gelesen werden.',
    failed: 'Der Codec ist fehlgeschlagen.',
  },
};
