// The development identity provider's words, in the service's four languages: it stands in for an organisation's
// own sign-in, which speaks the reader's language (the workspace asks for it with `ui_locales`).

export const LANGUAGES = ['nl', 'fr', 'de', 'en'];

/**
 * The first of the languages asked for that the provider speaks, else English: `ui_locales` (space-separated,
 * "de-BE de"), or an Accept-Language header where the request has no `ui_locales` (its q-values are not weighed).
 */
export function languageOf(...asked) {
  for (const tag of asked
    .filter(Boolean)
    .join(' ')
    .split(/[\s,;]+/)) {
    const primary = tag.split('-')[0].toLowerCase();
    if (LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

export const WORDS = {
  en: {
    title: 'Sign in',
    intro: 'Development identity provider: it stands in for your organisation’s sign-in. Any password is accepted.',
    login: 'Account',
    loginHint: 'For example centre-PAYOKE or immigration-office',
    password: 'Password',
    submit: 'Sign in',
    cancel: 'Cancel',
    unknown: 'There is no account by that name. Enter one of the development accounts.',
    consentTitle: 'Allow access',
    consent: (client) => `May ${client} read your account name and e-mail address?`,
    allow: 'Allow',
    logoutTitle: 'Sign out',
    logout: 'Do you also want to sign out of the identity provider?',
    logoutYes: 'Yes, sign me out',
    logoutNo: 'No, stay signed in',
    signedOut: 'You are signed out.',
    errorTitle: 'Sign-in interrupted',
    error: 'The sign-in could not go on. Go back to the application and sign in again from there.',
  },
  nl: {
    title: 'Aanmelden',
    intro:
      'Ontwikkelingsidentiteitsprovider: hij vervangt de aanmelding van uw organisatie. Elk wachtwoord wordt aanvaard.',
    login: 'Account',
    loginHint: 'Bijvoorbeeld centre-PAYOKE of immigration-office',
    password: 'Wachtwoord',
    submit: 'Aanmelden',
    cancel: 'Annuleren',
    unknown: 'Er bestaat geen account met die naam. Vul een van de ontwikkelingsaccounts in.',
    consentTitle: 'Toegang toestaan',
    consent: (client) => `Mag ${client} uw accountnaam en e-mailadres lezen?`,
    allow: 'Toestaan',
    logoutTitle: 'Afmelden',
    logout: 'Wilt u zich ook afmelden bij de identiteitsprovider?',
    logoutYes: 'Ja, meld mij af',
    logoutNo: 'Nee, aangemeld blijven',
    signedOut: 'U bent afgemeld.',
    errorTitle: 'Aanmelden onderbroken',
    error: 'Het aanmelden kon niet verder. Ga terug naar de toepassing en meld u van daar opnieuw aan.',
  },
  fr: {
    title: 'Connexion',
    intro:
      'Fournisseur d’identité de développement : il remplace la connexion de votre organisation. Tout mot de passe est accepté.',
    login: 'Compte',
    loginHint: 'Par exemple centre-PAYOKE ou immigration-office',
    password: 'Mot de passe',
    submit: 'Se connecter',
    cancel: 'Annuler',
    unknown: 'Aucun compte ne porte ce nom. Saisissez l’un des comptes de développement.',
    consentTitle: 'Autoriser l’accès',
    consent: (client) => `${client} peut-il lire le nom de votre compte et votre adresse e-mail ?`,
    allow: 'Autoriser',
    logoutTitle: 'Déconnexion',
    logout: 'Voulez-vous aussi vous déconnecter du fournisseur d’identité ?',
    logoutYes: 'Oui, me déconnecter',
    logoutNo: 'Non, rester connecté·e',
    signedOut: 'Vous êtes déconnecté·e.',
    errorTitle: 'Connexion interrompue',
    error: 'La connexion n’a pas pu continuer. Retournez à l’application et reconnectez-vous depuis celle-ci.',
  },
  de: {
    title: 'Anmeldung',
    intro:
      'Entwicklungs-Identitätsanbieter: Er ersetzt die Anmeldung Ihrer Organisation. Jedes Passwort wird akzeptiert.',
    login: 'Konto',
    loginHint: 'Zum Beispiel centre-PAYOKE oder immigration-office',
    password: 'Passwort',
    submit: 'Anmelden',
    cancel: 'Abbrechen',
    unknown: 'Es gibt kein Konto mit diesem Namen. Geben Sie eines der Entwicklungskonten ein.',
    consentTitle: 'Zugriff erlauben',
    consent: (client) => `Darf ${client} Ihren Kontonamen und Ihre E-Mail-Adresse lesen?`,
    allow: 'Erlauben',
    logoutTitle: 'Abmelden',
    logout: 'Möchten Sie sich auch beim Identitätsanbieter abmelden?',
    logoutYes: 'Ja, abmelden',
    logoutNo: 'Nein, angemeldet bleiben',
    signedOut: 'Sie sind abgemeldet.',
    errorTitle: 'Anmeldung unterbrochen',
    error:
      'Die Anmeldung konnte nicht weitergehen. Kehren Sie zur Anwendung zurück und melden Sie sich dort erneut an.',
  },
};
