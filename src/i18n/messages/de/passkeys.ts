/** Deutsch: Passkeys und die Liste der Anmeldungen auf /account, Anmelde- und Registrierseite. */
import type { Catalogue } from '../types.js';
import type en from '../en/passkeys.js';

export default {
  'panel.heading': 'Passkeys',
  'panel.intro':
    'Mit einem Passkey melden Sie sich per Fingerabdruck, Gesicht oder Geräte-PIN an statt mit einem Passwort. Er bleibt auf Ihrem Gerät oder in Ihrem Passwortmanager; diese Website speichert nur seinen öffentlichen Schlüssel.',
  'panel.none': 'Sie haben noch keine Passkeys.',
  'panel.added': 'Hinzugefügt am {date}',
  'panel.lastUsed': 'zuletzt verwendet am {when}',
  'panel.neverUsed': 'noch nicht verwendet',
  'panel.rename.label': 'Neuer Name für „{name}“',
  'panel.rename.submit': 'Umbenennen',
  'panel.remove.submit': '„{name}“ entfernen',
  'panel.onlyWayIn':
    'Dieser Passkey ist Ihr einziger Weg, sich anzumelden. Er kann erst entfernt werden, wenn Sie einen weiteren Passkey oder ein Passwort hinzugefügt haben.',
  'panel.add.name': 'Name des neuen Passkeys',
  'panel.add.nameHint':
    'Damit Sie Ihre Passkeys unterscheiden können, zum Beispiel „Laptop“ oder „Telefon“.',
  'panel.add.submit': 'Passkey hinzufügen',
  'panel.add.needsScript':
    'Um einen Passkey hinzuzufügen, brauchen Sie JavaScript und einen Browser, der Passkeys unterstützt.',

  'done.added': 'Der Passkey wurde hinzugefügt. Sie können sich jetzt damit anmelden.',
  'done.removed': 'Der Passkey wurde entfernt.',
  'done.renamed': 'Der Passkey wurde umbenannt.',

  'script.working': 'Warten auf Ihren Passkey …',
  'script.cancelled':
    'Es wurde kein Passkey verwendet. Versuchen Sie es noch einmal, wenn Sie so weit sind.',
  'script.failed': 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  'script.fillIn': 'Bitte geben Sie zuerst Ihren Namen und Ihre E-Mail-Adresse ein.',

  'signIn.button': 'Mit einem Passkey anmelden',
  'signUp.heading': 'Oder mit einem Passkey registrieren',
  'signUp.intro':
    'Kein Passwort, das Sie sich merken müssen: Geben Sie oben Ihren Namen und Ihre E-Mail-Adresse ein und erstellen Sie dann einen Passkey auf diesem Gerät.',
  'signUp.button': 'Mit einem Passkey registrieren',
  defaultName: 'Passkey',

  'audit.heading': 'Letzte Anmeldungen',
  'audit.intro':
    'Die Anmeldungen bei Ihrem Konto in den letzten 90 Tagen. Falls eine nicht von Ihnen war, entfernen Sie jeden Passkey, den Sie nicht kennen, wählen Sie ein neues Passwort und melden Sie sich überall ab.',
  'audit.none': 'Keine Anmeldungen in den letzten 90 Tagen.',
  'audit.password': 'Mit einem Passwort angemeldet am {when}',
  'audit.passkey': 'Mit dem Passkey „{label}“ angemeldet am {when}',
  'audit.emailLink': 'Mit einem E-Mail-Link angemeldet am {when}',
  'audit.sso': 'Mit {label} angemeldet am {when}',
} satisfies Catalogue<typeof en>;
