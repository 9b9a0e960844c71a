import type { LanguagePack } from './types';

const forInformation = 'U hoeft niets te doen: dit bericht is ter informatie.';

export const nl: LanguagePack = {
  locale: 'nl-BE',
  words: {
    greeting: 'Goedendag,',
    labelSeparator: ': ',
    fileReference: 'Dossierreferentie',
    asked: 'Wat van u gevraagd wordt',
    details: 'Details',
    caseLink: 'Het dossier in de toepassing',
    queriesLink: 'Openstaande statusaanvragen in de toepassing',
    calendarNote: 'Met het bijgevoegde agendabestand (.ics) zet u deze datum in uw agenda.',
    footer:
      'Dit bericht werd automatisch verstuurd; gelieve er niet op te antwoorden. ' +
      'Voor de veiligheid van de betrokkenen bevat het geen persoonsgegevens: meld u aan in de toepassing om het dossier te bekijken.',
    seeApplication: 'zie de toepassing',
  },
  factLabels: {
    centre: 'Centrum',
    stage: 'Fase',
    previousStage: 'Vorige fase',
    documentType: 'Document',
    outcome: 'Afloop',
    otherStatus: 'Toegekend statuut',
    ground: 'Gemelde grond',
    office: 'Bevraagd parket',
    queryId: 'Referentie van de statusaanvraag',
    identityProofMissing: 'Identiteitsbewijs',
    humanitarianCandidate: 'Humanitair verblijf (art. 9bis)',
    failedKind: 'Bericht',
    rejected: 'Ontvanger',
  },
  stages: {
    REFLECTION: 'fase 1, reflectieperiode',
    TEMPORARY_RESIDENCE: 'fase 2, verblijf van drie maanden',
    IDENTIFIED_VICTIM: 'fase 3, verblijf van zes maanden',
    PERMANENT_RESIDENCE: 'fase 4, verblijf van onbepaalde duur',
    CLOSED: 'afgesloten',
  },
  outcomes: {
    PERMANENT_RESIDENCE: 'verblijf van onbepaalde duur toegekend',
    REFLECTION_EXPIRED: 'reflectieperiode verstreken zonder klacht of verklaring',
    VOLUNTARY_RETURN: 'vrijwillige terugkeer',
    WITHDRAWN: 'verblijf ingetrokken',
    NOT_RENEWED: 'verblijfsdocument niet verlengd',
    PROCEEDINGS_ENDED: 'gerechtelijke procedure beëindigd',
    OTHER_STATUS: 'ander verblijfsstatuut toegekend',
  },
  documentTypes: {
    ORDER_TO_LEAVE_45_DAYS: 'bevel om het grondgebied te verlaten binnen 45 dagen',
    ANNEX_15: 'bijlage 15 (tijdelijk verblijfsdocument, 45 dagen)',
    MINOR_TEMPORARY_RESIDENCE: 'tijdelijk verblijfsdocument voor een minderjarige (3 maanden)',
    ATTESTATION_OF_IMMATRICULATION: 'attest van immatriculatie (3 maanden)',
    A_CARD: 'bewijs van inschrijving in het vreemdelingenregister (A-kaart, 6 maanden)',
    B_CARD: 'verblijf van onbepaalde duur (B-kaart)',
  },
  grounds: {
    'contact-with-exploiters': 'hernieuwd contact met de personen op wie de procedure betrekking heeft',
    'support-declined': 'begeleiding door het centrum geweigerd',
    'public-order-threat': 'gevaar voor de openbare orde of de nationale veiligheid',
    'cooperation-ended': 'medewerking met de gerechtelijke overheden beëindigd',
    'fraud-established': 'medewerking of klacht bedrieglijk of ongegrond bevonden',
    'proceedings-ended': 'gerechtelijke procedure beëindigd',
  },
  otherStatuses: {
    refugee: 'vluchtelingenstatus',
    'subsidiary-protection': 'subsidiaire bescherming',
    'durable-solution-minor': 'duurzame oplossing voor een minderjarige',
    humanitarian: 'humanitair verblijf',
  },
  identityProof: { missing: 'nog voor te leggen', provided: 'voorgelegd' },
  humanitarianCandidate: 'mogelijk: de procedure duurde langer dan twee jaar',
  recipients: {
    'immigration-office': 'de Dienst Vreemdelingenzaken',
    caseworker: 'de maatschappelijk werker van het dossier',
    guardian: 'de voogd',
    centre: (code) => `centrum ${code}`,
    prosecutor: (code) => `parket ${code}`,
    'principal-crown-prosecutor': (code) => `procureur-generaal ${code}`,
  },
  kinds: {
    'case-opened': {
      subject: 'Nieuw verblijfsdossier: document af te geven',
      summary: 'Een erkend centrum heeft een nieuw verblijfsdossier geopend.',
      ask: 'Gelieve het eerste verblijfsdocument af te geven (zie details) en het in de toepassing te registreren met de data die erop staan (gebeurtenis document-issued).',
      dueLabel: 'Af te geven uiterlijk op',
    },
    'document-to-issue': {
      subject: 'Verblijfsdossier: document af te geven',
      summary: 'Het verblijfsdossier is naar een nieuwe fase overgegaan (zie details).',
      ask: 'Gelieve het document van deze fase af te geven en het in de toepassing te registreren met de data die erop staan (gebeurtenis document-issued).',
      dueLabel: 'Af te geven uiterlijk op',
    },
    'stage-changed': {
      subject: 'Verblijfsdossier: nieuwe fase',
      summary: 'Het verblijfsdossier is naar een nieuwe fase overgegaan (zie details).',
      ask: forInformation,
      dueLabel: 'Document geldig tot',
    },
    'reflection-ending-reminder': {
      subject: 'Herinnering: reflectieperiode loopt binnenkort af',
      summary: 'De reflectieperiode van dit dossier loopt binnenkort af en er werd geen klacht of verklaring geregistreerd.',
      ask: 'Werd er een klacht ingediend of een verklaring afgelegd, registreer die dan vóór deze datum in de toepassing (gebeurtenis complaint-filed); anders wordt het dossier afgesloten wanneer de periode afloopt.',
      dueLabel: 'Reflectieperiode loopt af op',
    },
    'document-expiry-reminder': {
      subject: 'Herinnering: verblijfsdocument verloopt binnenkort',
      summary: 'Het verblijfsdocument van dit dossier verloopt binnenkort en er werd nog geen beslissing over de verlenging geregistreerd.',
      ask: 'Gelieve ervoor te zorgen dat alles waarvan de verlenging afhangt vóór deze datum in de toepassing geregistreerd is.',
      dueLabel: 'Document verloopt op',
    },
    'status-query': {
      subject: 'Statusaanvraag over een verblijfsdossier',
      summary: 'De Dienst Vreemdelingenzaken vraagt uw parket naar de stand van het gerechtelijk dossier dat met dit verblijfsdossier verbonden is, om over het verblijfsdocument te beslissen.',
      ask: 'Gelieve de statusaanvraag vóór deze datum in de toepassing te beantwoorden: beschouwt uw parket de betrokkene als vallend onder deze procedure, loopt de gerechtelijke procedure nog, gaat de medewerking door en zijn de banden verbroken.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'status-query-reminder': {
      subject: 'Herinnering: statusaanvraag wacht op uw antwoord',
      summary: 'Een statusaanvraag over dit verblijfsdossier wacht nog op het antwoord van uw parket.',
      ask: 'Gelieve ze vóór deze datum in de toepassing te beantwoorden; zonder antwoord gaat de aanvraag naar de procureur-generaal.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'status-query-escalated': {
      subject: 'Statusaanvraag aan u doorgestuurd: geen antwoord ontvangen',
      summary: 'Het bevraagde parket (zie details) heeft een statusaanvraag over dit verblijfsdossier niet tijdig beantwoord; de aanvraag wordt aan u doorgestuurd.',
      ask: 'Gelieve de statusaanvraag vóór deze datum in de toepassing te beantwoorden.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'expiry-without-decision': {
      subject: 'Verblijfsdocument verloopt zonder beslissing',
      summary: 'Op de statusaanvraag kwam geen antwoord, ook niet nadat ze naar de procureur-generaal werd doorgestuurd: het verblijfsdocument verloopt zonder beslissing.',
      ask: 'De Dienst Vreemdelingenzaken beslist of de enige verlenging van het document van drie maanden gebruikt wordt; het centrum wordt op de hoogte gebracht.',
      dueLabel: 'Document verloopt op',
    },
    'negative-answer': {
      subject: 'Statusaanvraag beantwoord: geen verlenging',
      summary: 'Het antwoord van het parket op de statusaanvraag laat geen verlenging van het verblijfsdocument toe.',
      ask: 'Het document wordt niet verlengd, tenzij de enige verlenging van het document van drie maanden voor het onderzoek gebruikt wordt; anders wordt het dossier afgesloten wanneer het document verloopt.',
      dueLabel: 'Document verloopt op',
    },
    'withdrawal-review-opened': {
      subject: 'Onderzoek gevraagd: mogelijke intrekking',
      summary: 'Voor dit verblijfsdossier werd een grond voor intrekking of niet-verlenging gemeld (zie details).',
      ask: 'Gelieve die te onderzoeken en uw beslissing vóór deze datum in de toepassing te registreren (gebeurtenis withdrawal-decided).',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'withdrawal-review-reminder': {
      subject: 'Herinnering: beslissing na onderzoek verwacht',
      summary: 'Het onderzoek van een gemelde grond voor dit verblijfsdossier loopt nog.',
      ask: 'Gelieve uw beslissing vóór deze datum in de toepassing te registreren (gebeurtenis withdrawal-decided).',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'withdrawal-review-overdue': {
      subject: 'Beslissing na onderzoek te laat',
      summary: 'De beslissing over een gemelde grond voor dit verblijfsdossier werd verwacht en is niet geregistreerd.',
      ask: 'Gelieve uw beslissing zo snel mogelijk in de toepassing te registreren (gebeurtenis withdrawal-decided).',
      dueLabel: 'Verwacht op',
    },
    'permanent-residence-granted': {
      subject: 'Verblijfsdossier: verblijf van onbepaalde duur',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Voor dit dossier werd een verblijf van onbepaalde duur toegekend; het identiteitsbewijs ontbreekt nog.'
          : 'Voor dit dossier werd een verblijf van onbepaalde duur toegekend.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'Het identiteitsbewijs (paspoort, gelijkwaardig reisdocument of nationale identiteitskaart) moet nog worden voorgelegd; registreer het in de toepassing (gebeurtenis identity-documented) zodra dat gebeurd is.'
          : forInformation,
      dueLabel: 'Toegekend op',
    },
    'case-closed': {
      subject: 'Verblijfsdossier afgesloten',
      summary: 'Het verblijfsdossier werd afgesloten (afloop in de details).',
      ask: forInformation,
      dueLabel: 'Afgesloten op',
    },
    'delivery-failed': {
      subject: 'Een bericht kon niet worden afgeleverd',
      summary: 'Een bericht over dit verblijfsdossier werd door de mailserver van de ontvanger geweigerd (zie details).',
      ask: 'Gelieve het geregistreerde adres van deze ontvanger na te kijken en te laten verbeteren.',
      dueLabel: 'Datum',
    },
  },
};
