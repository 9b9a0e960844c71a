import type { ProblemWords } from '../problem-words';

export const nlProblems: ProblemWords = {
  invalidInput: 'Het verzoek is ongeldig: elk probleem noemt een veld en wat eraan schort.',
  invalidJson: 'De inhoud is geen geldige JSON.',
  unreadableBody: 'De inhoud kon niet worden gelezen.',
  unknownInput: 'Dit veld hoort niet bij de API.',
  invalidCursor: 'Geen cursor die deze API gaf: gebruik de next-link van de vorige pagina.',
  fieldRules: {
    caseId: 'een dossiernummer (case-<uuid>)',
    queryId: 'een nummer van een statusaanvraag (<caseId>-q<n>)',
    languageCode: 'een ISO 639-taalcode',
    guardianForMinorsOnly: 'een voogd wordt alleen aangesteld voor een niet-begeleide minderjarige',
    fileReference: 'letters, cijfers, spaties en . / _ -',
    withdrawalGround: 'verplicht wanneer withdraw true is: de grond waarop de intrekking berust',
    refusalReason: 'verplicht wanneer grant false is',
    convictionOffence: 'het misdrijf waarvoor veroordeeld werd (offence)',
    ageDetermination: 'ofwel de geboortedatum die de Dienst Voogdij vaststelde, ofwel adult: true',
    prosecutorOffice: 'een parket (en alleen een parket) wordt met zijn code aangeduid',
    idempotencyKey: '1 tot 200 zichtbare ASCII-tekens',
    base64: 'moet base64 zijn',
    feedId: 'een kalendernummer (feed-<uuid>)',
    calendarSecret: 'het geheim van een kalenderadres',
    referenceInBody: 'een dossiernummer staat nooit in een adres: zoek het met POST /v1/cases/search',
  },
  noAccessToken: 'Een bearer-token is vereist.',
  invalidAccessToken: 'Het bearer-token is ongeldig.',
  roleMayNotUse: (role) => `Uw rol (${role}) mag dit eindpunt niet gebruiken.`,
  roleMayNotReport: (role, event) => `Uw rol (${role}) mag „${event}” niet melden.`,
  noCase: (caseId) => `Er is geen dossier ${caseId}, of u hebt er geen toegang toe.`,
  noQuery: (queryId) => `Er is geen statusaanvraag ${queryId} voor uw parket.`,
  noResource: 'Deze resource bestaat niet.',
  bodyTooLarge: 'De inhoud is groter dan toegestaan.',
  unsupportedMediaType: 'De inhoud moet application/json zijn.',
  idempotencyKeyReused: 'Deze Idempotency-Key werd al gebruikt met een andere inhoud.',
  eventNotApplicable: 'Deze gebeurtenis is nu niet van toepassing op het dossier.',
  tooManyRequests: 'Te veel verzoeken van uw account; wacht een minuut en probeer opnieuw.',
  unavailable:
    'De dossierdienst is even niet beschikbaar (Temporal of zijn worker antwoordde niet op tijd); probeer later opnieuw.',
  internal: 'Er ging bij ons iets mis; de trace-id wijst de fout aan in de logboeken.',
  caseStillRunning: 'Een dossier kan pas worden gewist wanneer het is afgesloten; dit dossier loopt nog.',
  erasureTooEarly: (days, from) =>
    `Een dossier kan pas ${days} dagen nadat het is afgesloten worden gewist; de wissing kan worden aangevraagd vanaf ${from}.`,
  erasureNotRequested:
    'Er wacht geen wissing van dit dossier op bevestiging: een beheerder vraagt ze eerst aan, daarna bevestigt een tweede beheerder ze.',
  secondAdminRequired: 'U hebt deze wissing aangevraagd: een tweede beheerder moet ze bevestigen.',
  statisticsYearOpen: (year, from) =>
    `De statistieken van ${year} worden gepubliceerd zodra het jaar is afgesloten, vanaf ${from}, en veranderen daarna niet meer.`,
  codec: {
    crossOrigin: 'Verzoeken van een andere oorsprong zijn alleen toegestaan vanuit de Temporal Web UI.',
    notFromWebUi: 'Verzoeken zijn alleen toegestaan vanuit de Temporal Web UI.',
    roles: 'Alleen de Dienst Vreemdelingenzaken en beheerders mogen de codec gebruiken.',
    unknownKey: (keyId) =>
      `Een payload noemt een sleutel (${keyId}) die niet is ingesteld, of laat zich er niet mee ontsleutelen.`,
    erased:
      'Dit dossier is gewist: de gegevenssleutel ervan is vernietigd en de gegevens kunnen niet meer worden gelezen.',
    failed: 'De codec faalde.',
  },
};
