import { nlPages } from './pages/nl';
import { centreName, placeOf } from './places';
import { nlProblems } from './problems/nl';
import { isLabourAuditorOffice, type Role } from '../domain/codes';
import { POLICY } from '../domain/policy';
import { codeWords } from './code-words';
import type { LanguagePack } from './types';
import { UNDELIVERED_AFTER_RETRIES } from './vocabulary';

const forInformation = 'U hoeft niets te doen: dit bericht is ter informatie.';

const stages: LanguagePack['stages'] = {
  REFLECTION: 'fase 1, bedenktijd',
  TEMPORARY_RESIDENCE: 'fase 2, verblijf van drie maanden',
  IDENTIFIED_VICTIM: 'fase 3, verblijf van zes maanden',
  PERMANENT_RESIDENCE: 'fase 4, verblijf van onbeperkte duur',
  CLOSED: 'afgesloten',
};

const outcomes: LanguagePack['outcomes'] = {
  PERMANENT_RESIDENCE: 'verblijf van onbeperkte duur toegekend',
  REFLECTION_EXPIRED: 'bedenktijd verstreken zonder klacht of verklaring',
  VOLUNTARY_RETURN: 'vrijwillige terugkeer',
  WITHDRAWN: 'verblijf ingetrokken',
  NOT_RENEWED: 'verblijfsdocument niet verlengd',
  PROCEEDINGS_ENDED: 'gerechtelijke procedure beëindigd',
  OTHER_STATUS: 'ander verblijfsstatuut toegekend',
  OPENED_IN_ERROR: 'dossier per vergissing geopend en geannuleerd',
};

const documentTypes: LanguagePack['documentTypes'] = {
  ORDER_TO_LEAVE_45_DAYS: 'bevel om het grondgebied te verlaten binnen 45 dagen',
  ANNEX_15: 'bijlage 15 (tijdelijk verblijfsdocument, 45 dagen)',
  MINOR_TEMPORARY_RESIDENCE: 'tijdelijk verblijfsdocument voor een minderjarige (3 maanden)',
  ATTESTATION_OF_IMMATRICULATION: 'attest van immatriculatie (3 maanden)',
  A_CARD: 'bewijs van inschrijving in het vreemdelingenregister (A-kaart, 6 maanden)',
  B_CARD: 'verblijf van onbeperkte duur (B-kaart)',
};

const grounds: LanguagePack['grounds'] = {
  'contact-with-exploiters': 'uit eigen beweging opnieuw contact opgenomen met de vermoedelijke daders',
  'support-declined': 'begeleiding door het centrum geweigerd',
  'public-order-threat': 'gevaar voor de openbare orde of de nationale veiligheid',
  'cooperation-ended': 'medewerking met de gerechtelijke overheden beëindigd',
  'fraud-established': 'medewerking of klacht bedrieglijk of ongegrond bevonden',
};

const recipients: LanguagePack['recipients'] = {
  [UNDELIVERED_AFTER_RETRIES]: 'een ontvanger die de mailserver na meerdere pogingen niet kon bereiken',
  'immigration-office': 'de Dienst Vreemdelingenzaken',
  caseworker: 'de maatschappelijk werker van het dossier',
  guardian: 'de voogd',
  centre: (code) => `centrum ${centreName(code)}`,
  prosecutor: (code) =>
    isLabourAuditorOffice(code) ? `arbeidsauditoraat ${placeOf(code, 'nl')}` : `parket ${placeOf(code, 'nl')}`,
  'principal-crown-prosecutor': (code) => `procureur-generaal ${placeOf(code, 'nl')}`,
};

/** The words of the codes a refusal names that the mails do not show: who acts, and for whom a case is. */
const roles: Record<Role, string> = {
  centre: 'een centrum',
  prosecutor: 'een parket',
  'immigration-office': 'de Dienst Vreemdelingenzaken',
  admin: 'een beheerder',
};
const tracks = { minor: 'niet-begeleide minderjarige vreemdeling', adult: 'meerderjarige' };

const { say, quote, quoteAll, office } = codeWords({ open: '“', close: '”' }, recipients);

export const nl: LanguagePack = {
  locale: 'nl-BE',
  words: {
    greeting: 'Goedendag,',
    labelSeparator: ': ',
    fileReference: 'Dossierreferentie',
    asked: 'Wat van u gevraagd wordt',
    details: 'Details',
    caseLink: 'Het dossier in de toepassing',
    queryLink: 'De statusaanvraag in de toepassing',
    calendarNote: 'Met het bijgevoegde agendabestand (.ics) zet u deze datum in uw agenda.',
    footer:
      'Dit bericht werd automatisch verstuurd; gelieve er niet op te antwoorden. ' +
      'Voor de veiligheid van de betrokkenen bevat het geen persoonsgegevens: meld u aan in de toepassing om het dossier te bekijken.',
    seeApplication: 'zie de toepassing',
    feedName: 'Verblijfsdossiers: termijnen',
  },
  factLabels: {
    centre: 'Centrum',
    stage: 'Fase',
    documentType: 'Document',
    renewal: 'Volgnummer van de verlenging',
    documentValidUntil: 'Huidig document geldig tot',
    minor: 'Niet-begeleide minderjarige',
    deadline: 'Termijn',
    outcome: 'Afloop',
    detail: 'Reden',
    ground: 'Gemelde grond',
    office: 'Bevraagde instantie',
    queryId: 'Referentie van de statusaanvraag',
    renewalAvailable: 'Enige verlenging van het document van drie maanden nog beschikbaar',
    identityProofMissing: 'Identiteitsbewijs',
    humanitarianCandidate: 'Humanitair verblijf (art. 9bis)',
    noticeKind: 'Bericht',
    recipients: 'Ontvanger',
  },
  yesNo: { yes: 'ja', no: 'nee' },
  stages,
  outcomes,
  outcomeDetails: {
    dismissed: 'seponering',
    acquittal: 'vrijspraak',
    'conviction-other-offence': 'veroordeling voor een ander misdrijf',
    other: 'andere reden',
    refugee: 'vluchtelingenstatus',
    'subsidiary-protection': 'subsidiaire bescherming',
    'durable-solution-minor': 'duurzame oplossing voor een minderjarige',
    humanitarian: 'humanitair verblijf',
    'negative-answer': 'het antwoord van het parket liet geen verlenging toe',
    'no-decision': 'geen beslissing voor het document verstreek',
    conviction: 'veroordeling',
    'conviction-under-appeal': 'veroordeling, in beroep',
    'trafficking-retained-in-charges': 'misdrijf weerhouden in de vordering',
    fraudulent: 'medewerking of klacht bedrieglijk bevonden',
    unfounded: 'klacht ongegrond bevonden',
    'retained-charges': 'misdrijf weerhouden in de vordering, met significante verklaringen',
    'conditions-not-met': 'de voorwaarden zijn niet vervuld',
    'public-order': 'gevaar voor de openbare orde of de nationale veiligheid',
    'identity-not-established': 'identiteit niet vastgesteld',
  },
  documentTypes,
  deadlines: {
    REFLECTION_ENDS: 'einde van de bedenktijd',
    DOCUMENT_EXPIRES: 'verstrijken van het verblijfsdocument',
    STATUS_QUERY_DUE: 'verzending van de statusaanvraag',
    PROSECUTOR_REPLY_DUE: 'antwoord van het parket op de statusaanvraag',
    ESCALATION_REPLY_DUE: 'antwoord van de procureur-generaal op de statusaanvraag',
    WITHDRAWAL_DECISION_DUE: 'beslissing over een gemelde grond',
    PERMANENT_RESIDENCE_DECISION_DUE: 'beslissing over het verblijf van onbeperkte duur',
    GUARDIANSHIP_ENDS: 'einde van de voogdij (18de verjaardag)',
    LATE_REPORTS_CLOSE: 'laatste dag om te registreren wat er gebeurde terwijl de toepassing niet beschikbaar was',
  },
  grounds,
  identityProof: { missing: 'nog voor te leggen', provided: 'voorgelegd' },
  humanitarianCandidate: 'mogelijk: de procedure duurde langer dan twee jaar',
  recipients,
  kinds: {
    'case-opened': {
      subject: 'Nieuw verblijfsdossier: document af te geven',
      summary: 'Een erkend centrum heeft een nieuw verblijfsdossier geopend.',
      ask: 'Gelieve het eerste verblijfsdocument af te geven (zie details) en het in de toepassing te registreren met de data die erop staan.',
      dueLabel: 'Af te geven uiterlijk op',
    },
    'document-to-issue': {
      subject: 'Verblijfsdossier: document af te geven',
      summary: 'Het verblijfsdossier is naar een nieuwe fase overgegaan (zie details).',
      ask: 'Gelieve het document van deze fase af te geven en het in de toepassing te registreren met de data die erop staan.',
      dueLabel: 'Af te geven uiterlijk op',
    },
    'stage-changed': {
      subject: 'Verblijfsdossier: nieuwe fase',
      summary: 'Het verblijfsdossier is naar een nieuwe fase overgegaan (zie details).',
      ask: forInformation,
      dueLabel: 'Document geldig tot',
    },
    'reflection-ending-reminder': {
      subject: 'Herinnering: bedenktijd loopt binnenkort af',
      summary: 'De bedenktijd van dit dossier loopt binnenkort af en er werd geen klacht of verklaring geregistreerd.',
      ask: 'Werd er een klacht ingediend of een verklaring afgelegd, registreer die dan vóór deze datum in de toepassing; anders wordt het dossier afgesloten wanneer de periode afloopt.',
      dueLabel: 'Bedenktijd loopt af op',
    },
    'document-expiry-reminder': {
      subject: 'Herinnering: verblijfsdocument verloopt binnenkort',
      summary:
        'Het verblijfsdocument van dit dossier verloopt binnenkort en er werd nog geen beslissing over de verlenging geregistreerd.',
      ask: 'Gelieve ervoor te zorgen dat alles waarvan de verlenging afhangt vóór deze datum in de toepassing geregistreerd is.',
      dueLabel: 'Document verloopt op',
    },
    'status-query': {
      subject: 'Statusaanvraag over een verblijfsdossier',
      summary:
        'De Dienst Vreemdelingenzaken vraagt u naar de stand van het gerechtelijk dossier dat met dit verblijfsdossier verbonden is, om over het verblijfsdocument te beslissen.',
      ask: 'Gelieve de statusaanvraag vóór deze datum in de toepassing te beantwoorden: beschouwt u de betrokkene als vallend onder deze procedure, loopt de gerechtelijke procedure nog, gaat de medewerking door en zijn de banden verbroken.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'status-query-reminder': {
      subject: 'Herinnering: statusaanvraag wacht op uw antwoord',
      summary: 'Een statusaanvraag over dit verblijfsdossier wacht nog op uw antwoord.',
      ask: 'Gelieve ze vóór deze datum in de toepassing te beantwoorden; zonder antwoord gaat de aanvraag naar de procureur-generaal.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'status-query-escalated': {
      subject: 'Statusaanvraag aan u doorgestuurd: geen antwoord ontvangen',
      summary:
        'De bevraagde instantie (zie details) heeft een statusaanvraag over dit verblijfsdossier niet tijdig beantwoord; de aanvraag wordt aan u doorgestuurd.',
      ask: 'Gelieve de statusaanvraag vóór deze datum in de toepassing te beantwoorden.',
      dueLabel: 'Antwoord uiterlijk op',
    },
    'expiry-without-decision': {
      subject: 'Verblijfsdocument verloopt zonder beslissing',
      summary:
        'Op de statusaanvraag kwam geen antwoord, ook niet nadat ze naar de procureur-generaal werd doorgestuurd: het verblijfsdocument verloopt zonder beslissing.',
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
      ask: 'Gelieve die te onderzoeken en uw beslissing vóór deze datum in de toepassing te registreren.',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'withdrawal-review-reminder': {
      subject: 'Herinnering: beslissing na onderzoek verwacht',
      summary: 'Het onderzoek van een gemelde grond voor dit verblijfsdossier loopt nog.',
      ask: 'Gelieve uw beslissing vóór deze datum in de toepassing te registreren.',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'withdrawal-review-overdue': {
      subject: 'Beslissing na onderzoek te laat',
      summary: 'De beslissing over een gemelde grond voor dit verblijfsdossier werd verwacht en is niet geregistreerd.',
      ask: 'Gelieve uw beslissing zo snel mogelijk in de toepassing te registreren.',
      dueLabel: 'Verwacht op',
    },
    'no-withdrawal': {
      subject: 'Verblijfsdossier: niet ingetrokken',
      summary:
        'De Dienst Vreemdelingenzaken heeft de grond onderzocht die uw centrum voor dit verblijfsdossier meldde, en besliste het verblijf niet in te trekken.',
      ask: 'Het verblijf loopt verder zoals voorheen: er wordt niets van u gevraagd.',
      dueLabel: 'Beslist op',
    },
    'answer-not-due-before-expiry': {
      subject: 'Statusaanvraag: geen antwoord verwacht vóór het document verloopt',
      summary:
        'Het antwoord op de statusaanvraag over dit verblijfsdossier kan pas verwacht worden op of na de dag waarop het verblijfsdocument verloopt (zie details).',
      ask: 'Gelieve te beslissen hoe het dossier na het verstrijken verdergaat: een nieuw document, de enige verlenging van het document van drie maanden, of niet-verlenging.',
      dueLabel: 'Document verloopt op',
    },
    'expiry-decision-needed': {
      subject: 'Verblijfsdocument verlopen: uw beslissing is nodig',
      summary:
        'Het verblijfsdocument van dit dossier is verlopen voordat het parket over de volledige termijn beschikte om de statusaanvraag te beantwoorden; daarom werd het dossier niet afgesloten.',
      ask: 'Gelieve in de toepassing ofwel het nieuwe document te registreren, ofwel dat het document niet verlengd wordt.',
      dueLabel: 'Verlopen op',
    },
    'deadline-passed-unnoticed': {
      subject: 'Verblijfsdossier: een termijn verstreek terwijl de toepassing niet beschikbaar was',
      summary:
        'Een termijn die dit verblijfsdossier zou afsluiten (zie details), verstreek terwijl de toepassing niet beschikbaar was; het dossier werd niet afgesloten.',
      ask: 'Is er tijdig iets gebeurd (een klacht, een nieuw document, een antwoord), registreer het dan vóór deze datum in de toepassing; daarna geldt de termijn vanaf zijn eigen datum.',
      dueLabel: 'Te registreren uiterlijk op',
    },
    'identification-awaits-review': {
      subject: 'Statusaanvraag beantwoord: uw beslissing na onderzoek wordt verwacht',
      summary:
        'Het antwoord van het parket laat het verblijf van zes maanden toe, maar voor dit dossier loopt nog een onderzoek van een gemelde grond.',
      ask: 'Het verblijf van zes maanden begint zodra u over het onderzoek beslist; een intrekking sluit het dossier in plaats daarvan af.',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'expiry-awaits-withdrawal-decision': {
      subject: 'Verblijfsdocument verlopen: uw beslissing na onderzoek is nodig',
      summary:
        'Het verblijfsdocument van dit dossier is verlopen terwijl het positieve antwoord van het parket op uw beslissing over het onderzoek van een gemelde grond wacht; het dossier werd daarom niet afgesloten.',
      ask: 'Beslis over het onderzoek: wordt het verblijf niet ingetrokken, dan begint het verblijf van zes maanden op de dag van uw beslissing; een intrekking sluit het dossier af.',
      dueLabel: 'Verlopen op',
    },
    'expiry-awaits-permanent-residence-decision': {
      subject: 'Verblijfsdocument verlopen: beslis over verblijf van onbeperkte duur',
      summary:
        'Het verblijfsdocument van zes maanden van dit dossier is verlopen terwijl de beslissing over een verblijf van onbeperkte duur nog openstaat; het dossier werd daarom niet afgesloten.',
      ask: 'Beslis: het verblijf van onbeperkte duur toekennen, het weigeren, of registreren dat het document niet wordt verlengd.',
      dueLabel: 'Verlopen op',
    },
    'proceedings-ended-after-conviction': {
      subject: 'Verblijfsdossier: procedure beëindigd na de veroordeling',
      summary:
        'Het parket meldt dat de gerechtelijke procedure beëindigd is, na de veroordeling of de vordering waardoor de betrokkene in aanmerking komt voor een verblijf van onbeperkte duur.',
      ask: 'Het verblijf van zes maanden wordt niet verlengd. Het dossier blijft open tot de Dienst Vreemdelingenzaken over het verblijf van onbeperkte duur heeft beslist.',
      dueLabel: 'Document verloopt op',
    },
    'permanent-residence-review-opened': {
      subject: 'Verblijfsdossier: beslissing over verblijf van onbeperkte duur gevraagd',
      summary: 'De betrokkene komt voortaan in aanmerking voor een verblijf van onbeperkte duur (grond in de details).',
      ask: 'Gelieve vóór deze datum in de toepassing te beslissen of de B-kaart wordt toegekend. Het verblijf van zes maanden loopt intussen door.',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'permanent-residence-eligible': {
      subject: 'Verblijfsdossier: verblijf van onbeperkte duur kan worden aangevraagd',
      summary:
        'De betrokkene komt voortaan in aanmerking voor een verblijf van onbeperkte duur (grond in de details); de Dienst Vreemdelingenzaken werd gevraagd te beslissen.',
      ask: 'De betrokkene kan het aanvragen; het identiteitsbewijs (paspoort, gelijkwaardig reisdocument of nationale identiteitskaart) moet uiterlijk nu worden voorgelegd.',
      dueLabel: 'Beslissing verwacht uiterlijk op',
    },
    'permanent-residence-review-reminder': {
      subject: 'Herinnering: beslissing over verblijf van onbeperkte duur verwacht',
      summary: 'De beslissing over het verblijf van onbeperkte duur voor dit dossier staat nog open.',
      ask: 'Gelieve uw beslissing vóór deze datum in de toepassing te registreren.',
      dueLabel: 'Beslissing uiterlijk op',
    },
    'permanent-residence-review-overdue': {
      subject: 'Beslissing over verblijf van onbeperkte duur te laat',
      summary:
        'De beslissing over het verblijf van onbeperkte duur voor dit dossier werd verwacht en is niet geregistreerd.',
      ask: 'Gelieve uw beslissing zo snel mogelijk in de toepassing te registreren.',
      dueLabel: 'Verwacht op',
    },
    'permanent-residence-refused': {
      subject: 'Verblijfsdossier: verblijf van onbeperkte duur geweigerd',
      summary:
        'De Dienst Vreemdelingenzaken heeft het verblijf van onbeperkte duur voor dit dossier geweigerd (reden in de details).',
      ask: 'Het verblijf van zes maanden loopt verder zoals voorheen.',
      dueLabel: 'Datum',
    },
    'permanent-residence-granted': {
      subject: 'Verblijfsdossier: verblijf van onbeperkte duur',
      summary: (f) =>
        f.identityProofMissing === true
          ? 'Voor dit dossier werd een verblijf van onbeperkte duur toegekend; het identiteitsbewijs ontbreekt nog.'
          : 'Voor dit dossier werd een verblijf van onbeperkte duur toegekend.',
      ask: (f) =>
        f.identityProofMissing === true
          ? 'Het identiteitsbewijs (paspoort, gelijkwaardig reisdocument of nationale identiteitskaart) moet nog worden voorgelegd; registreer het in de toepassing zodra dat gebeurd is.'
          : forInformation,
      dueLabel: 'Toegekend op',
    },
    'guardianship-ended': {
      subject: 'Verblijfsdossier: einde van de voogdij',
      summary:
        'De betrokkene wordt op deze datum 18 jaar: de voogdij eindigt. De fase en het verblijfsdocument veranderen niet.',
      ask: 'De voogd ontvangt geen berichten meer over dit dossier; het centrum blijft het aanspreekpunt.',
      dueLabel: 'Voogdij eindigt op',
    },
    'case-imported': {
      subject: 'Verblijfsdossier in de toepassing opgenomen',
      summary:
        'Een lopend verblijfsdossier werd met zijn voorgeschiedenis in de toepassing opgenomen; de termijnen ervan lopen voortaan hier.',
      ask: 'Gelieve het dossier in de toepassing na te kijken: de fase, het document en de komende termijnen.',
      dueLabel: 'Opgenomen op',
    },
    'opened-in-error': {
      subject: 'Verblijfsdossier geannuleerd: per vergissing geopend',
      summary:
        'Het centrum heeft dit verblijfsdossier, dat het per vergissing had geopend, geannuleerd. U werd van de opening op de hoogte gebracht.',
      ask: 'Voor dit dossier hoeft geen document te worden afgegeven.',
      dueLabel: 'Geannuleerd op',
    },
    'case-closed': {
      subject: 'Verblijfsdossier afgesloten',
      summary: 'Het verblijfsdossier werd afgesloten (afloop in de details).',
      ask: forInformation,
      dueLabel: 'Afgesloten op',
    },
    'delivery-failed': {
      subject: 'Een bericht kon niet worden afgeleverd',
      summary: 'Een bericht over dit verblijfsdossier kon niet aan een ontvanger worden afgeleverd (zie details).',
      ask: 'Gelieve het geregistreerde adres van deze ontvanger na te kijken en te laten verbeteren; bereik de ontvanger intussen langs een andere weg.',
      dueLabel: 'Datum',
    },
  },
  pages: nlPages,
  problems: nlProblems,
  refusals: {
    'role-not-allowed': (f) => `deze gebeurtenis (${f.event}) kan niet worden geregistreerd door ${say(roles, f.role)}`,
    'date-in-future': (f) => `de datum ${f.date} ligt in de toekomst`,
    'malformed-reference-keys': () => 'de sleutels van de dossiernummers zijn ongeldig; alleen de API verstuurt ze',
    'date-before-opening': (f) => `de datum ${f.date} ligt vóór de opening van het dossier (${f.openedOn})`,
    'case-closed': (f) =>
      `het dossier is afgesloten (${say(outcomes, f.outcome)}); er kan geen gebeurtenis meer worden geregistreerd`,
    'permanent-residence-granted': (f) =>
      `${outcomes.PERMANENT_RESIDENCE}; deze gebeurtenis (${f.event}) is niet meer van toepassing`,
    'event-not-in-stage': (f) =>
      `deze gebeurtenis (${f.event}) is alleen mogelijk in ${quoteAll(stages, f.stages, 'of')}; het dossier is in ${quote(stages, f.stage)}`,
    'complaint-already-filed': () => 'voor dit dossier is al een klacht of verklaring geregistreerd',
    'complaint-after-reflection': (f) =>
      `de klacht of verklaring van ${f.date} dateert van na de bedenktijd, die eindigde op ${f.reflectionEnds}`,
    'document-not-of-stage': (f) =>
      `het document ${quote(documentTypes, f.document)} hoort niet bij ${quote(stages, f.stage)} (verwacht: ${quoteAll(documentTypes, f.expected, 'of')})`,
    'document-not-of-track': (f) =>
      `het document ${quote(documentTypes, f.document)} is niet het document van ${quote(stages, 'REFLECTION')} voor dit dossier (geopend op ${f.openedOn}, ${say(tracks, f.track)}); verwacht: ${quoteAll(documentTypes, f.expected, 'of')}`,
    'document-dates-inverted': () => 'het einde van de geldigheid ligt vóór de datum van afgifte',
    'issue-date-in-future': (f) => `de datum van afgifte ${f.date} ligt in de toekomst`,
    'document-already-expired': (f) =>
      `een document dat geldig was tot ${f.validUntil} is al verstreken; registreer het huidige document`,
    'renewal-used': () => 'de enige verlenging van het document van drie maanden werd al gebruikt',
    'ground-already-under-review': (f) =>
      `de grond ${quote(grounds, f.ground)} wordt al onderzocht; de beslissing zal ook daarover gaan`,
    'no-review-open': () =>
      'er loopt geen onderzoek naar een intrekking: eerst moet een grond worden gemeld (geen intrekking zonder onderzoek)',
    'ground-not-under-review': (f) =>
      `het lopende onderzoek betreft ${quoteAll(grounds, f.grounds, 'en')}, niet ${quote(grounds, f.ground)}`,
    'ground-required': () => 'een beslissing tot intrekking vermeldt de grond waarop ze berust',
    'four-eyes': (f) =>
      `de beslissing moet worden genomen door een andere persoon dan wie de grond ${quote(grounds, f.ground)} heeft gemeld (vier-ogenprincipe)`,
    'age-determination-adults': () =>
      'een leeftijdsbepaling geldt alleen voor het dossier van een niet-begeleide minderjarige',
    'birth-after-determination': (f) =>
      `de geboortedatum ${f.dateOfBirth} ligt na de dag van de leeftijdsbepaling (${f.date})`,
    'not-identified-yet': (f) =>
      `deze gebeurtenis (${f.event}) is pas mogelijk in ${quote(stages, 'IDENTIFIED_VICTIM')}, zodra de betrokkene geïdentificeerd is: het parket moet eerst de statusaanvraag beantwoorden`,
    'no-permanent-residence-review': () =>
      'voor dit dossier loopt geen onderzoek naar een verblijf van onbeperkte duur',
    'refusal-reason-required': () => 'een weigering van het verblijf van onbeperkte duur vermeldt de reden ervan',
    'durable-solution-adults': () =>
      'de procedure voor een duurzame oplossing geldt alleen voor niet-begeleide minderjarige vreemdelingen',
    'identity-already-documented': () => 'het identiteitsbewijs werd al voorgelegd',
    'not-opening-centre': () => 'alleen het centrum dat het dossier heeft geopend, kan het annuleren',
    'document-already-reported': () =>
      'voor dit dossier werd al een afgegeven document geregistreerd: het werd dus niet per vergissing geopend',
    'document-still-valid': (f) =>
      `het huidige document is geldig tot ${f.validUntil}; over de niet-verlenging wordt beslist zodra het verstreken is`,
    'answer-role': (f) => `een statusaanvraag kan niet worden beantwoord door ${say(roles, f.role)}`,
    'query-answered': (f) => `statusaanvraag ${f.queryId} werd al beantwoord`,
    'query-closed': (f) => `statusaanvraag ${f.queryId} is afgesloten`,
    'no-such-query': (f) => `voor dit dossier staat geen statusaanvraag ${f.queryId} open`,
    'query-not-addressed': (f) =>
      `statusaanvraag ${f.queryId} is niet gericht aan deze instantie (${office(f.office)})`,
    'opened-in-future': (f) => `de openingsdatum ${f.openedOn} ligt in de toekomst`,
    'reflection-already-over': (f) =>
      `voor een dossier dat op ${f.openedOn} werd geopend, eindigde de bedenktijd op ${f.reflectionEnds}; neem een lopend dossier op met POST /v1/cases/import`,
    'birth-after-opening': (f) => `de geboortedatum ${f.dateOfBirth} ligt na de openingsdatum ${f.openedOn}`,
    'minor-of-age': (f) =>
      `een niet-begeleide minderjarige vreemdeling moet op de openingsdatum ${f.openedOn} jonger zijn dan ${POLICY.majorityAge} jaar`,
    'import-out-of-order': (f) =>
      `events[${f.index}] is gedateerd op ${f.date}, vóór de gebeurtenis die eraan voorafgaat: vermeld de gebeurtenissen in chronologische volgorde`,
    'import-no-open-query': (f) =>
      `events[${f.index}] beantwoordt een statusaanvraag, maar op ${f.date} stond er geen open`,
    'import-case-ended': (f) =>
      `met deze gebeurtenissen werd het dossier vóór vandaag afgesloten (${say(outcomes, f.outcome)}): alleen lopende dossiers worden opgenomen`,
  },
};
