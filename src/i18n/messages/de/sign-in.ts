import type { Catalogue } from '../types.js';
import type en from '../en/sign-in.js';

export default {
  'link.heading': 'Ohne Passwort anmelden',
  'link.intro':
    'Wir senden Ihnen einen Link, der Sie in diesem Browser anmeldet. Er gilt 15 Minuten.',
  'link.submit': 'Anmeldelink per E-Mail senden',
  'sso.heading': 'Single Sign-on',
  'sso.button': 'Mit {provider} anmelden',

  'sent.title': 'Sehen Sie in Ihr Postfach',
  'sent.message':
    'Wenn diese Adresse zu einem Konto gehört, das sich per E-Mail anmelden darf, ist ein Anmeldelink unterwegs. Er gilt 15 Minuten, einmal und nur in diesem Browser.',
  'sent.back': 'Zurück zur Anmeldung',

  'confirm.title': 'Bei {site} anmelden',
  'confirm.message': 'Drücken Sie die Schaltfläche, um die Anmeldung abzuschließen.',
  'confirm.submit': 'Anmelden',
  'otherBrowser.title': 'Öffnen Sie diesen Link in dem Browser, in dem Sie ihn angefordert haben',
  'invalid.title': 'Dieser Anmeldelink kann nicht verwendet werden',
  'invalid.again': 'Einen neuen Anmeldelink anfordern',
  'sso.failed.title': 'Die Anmeldung über den Anbieter hat nicht funktioniert',

  'email.subject': 'Ihr Anmeldelink für {site}',
  'email.body':
    'Jemand möchte sich mit dieser Adresse bei {site} anmelden. Öffnen Sie diesen Link im selben Browser, um sich anzumelden. Er gilt einmal, 15 Minuten lang:',
  'email.footer':
    'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: In einem anderen Browser kann niemand den Link verwenden.',

  'account.heading': 'Single Sign-on',
  'account.linked': '{provider}, als {email}',
  'account.none': 'Es sind keine Single-Sign-on-Konten verknüpft.',
  'account.unlink': 'Verknüpfung mit {provider} lösen',
  'account.done.unlinked': 'Die Verknüpfung mit dem Single-Sign-on-Konto wurde gelöst.',

  'admin.title': 'Anmeldung',
  'admin.nav': 'Anmeldung',
  'admin.policy.heading': 'Anmeldewege nach Rolle',
  'admin.policy.intro':
    'Schalten Sie Passwörter oder E-Mail-Links für eine Rolle ab, etwa damit die Redaktion einen Passkey oder Single Sign-on verwenden muss. Passkeys und Single Sign-on sind immer erlaubt.',
  'admin.policy.password': 'Passwörter',
  'admin.policy.emailLink': 'E-Mail-Links',
  'admin.policy.submit': 'Anmeldewege speichern',
  'admin.policy.role': 'Rolle',
  'admin.providers.heading': 'Single-Sign-on-Anbieter',
  'admin.providers.intro':
    'OpenID-Connect-Anbieter, mit denen man sich anmelden kann. Tragen Sie bei jedem Anbieter diese Weiterleitungsadresse ein: {url}',
  'admin.providers.none': 'Noch keine Anbieter.',
  'admin.providers.name': 'Name',
  'admin.providers.issuer': 'Issuer',
  'admin.providers.domains': 'Erlaubte E-Mail-Domains',
  'admin.providers.role': 'Rolle neuer Konten',
  'admin.providers.actions': 'Aktionen',
  'admin.providers.edit': '{provider} bearbeiten',
  'admin.providers.remove': '{provider} entfernen',
  'admin.add.heading': 'Anbieter hinzufügen',
  'admin.edit.heading': '{provider} bearbeiten',
  'admin.field.name': 'Name auf der Anmeldeschaltfläche',
  'admin.field.issuer': 'Issuer-Adresse',
  'admin.field.issuer.hint': 'Zum Beispiel https://accounts.example.com',
  'admin.field.clientId': 'Client-ID',
  'admin.field.clientSecret': 'Client-Secret',
  'admin.field.clientSecret.hint': 'Wird gespeichert und nie wieder angezeigt.',
  'admin.field.clientSecret.keep':
    'Wird gespeichert und nie wieder angezeigt. Leer lassen, um das bisherige zu behalten.',
  'admin.field.domains': 'Erlaubte E-Mail-Domains',
  'admin.field.domains.hint':
    'Nur Adressen dieser Domains dürfen sich mit diesem Anbieter anmelden, durch Kommas getrennt: example.com, example.org',
  'admin.field.role': 'Rolle der Konten, die er anlegt',
  'admin.add.submit': 'Anbieter hinzufügen',
  'admin.edit.submit': 'Anbieter speichern',
  'admin.done.policy': 'Die Anmeldewege wurden gespeichert.',
  'admin.done.added': 'Der Anbieter wurde hinzugefügt.',
  'admin.done.saved': 'Der Anbieter wurde gespeichert.',
  'admin.done.removed': 'Der Anbieter wurde mit seinen verknüpften Konten entfernt.',

  // /account: the password panel of a person who may sign in without one.
  'password.set.heading': 'Ein Passwort festlegen',
  'password.set.intro':
    'Sie melden sich ohne Passwort an (mit einem Passkey oder Single Sign-on). Sie können ein Passwort als weiteren Weg hinzufügen.',
  'password.set.submit': 'Passwort festlegen',
  'password.remove.heading': 'Ihr Passwort entfernen',
  'password.remove.intro':
    'Sie können sich auf anderem Weg anmelden (Passkey, Single Sign-on oder Anmeldelink per E-Mail), deshalb können Sie Ihr Passwort entfernen.',
  'password.remove.submit': 'Passwort entfernen',
  'password.done.removed':
    'Ihr Passwort wurde entfernt. Melden Sie sich auf einem Ihrer anderen Wege an.',
  'password.done.set':
    'Ihr Passwort ist festgelegt. Auf allen anderen Geräten wurden Sie abgemeldet.',
  'fresh.confirmed':
    'Sie haben kein Passwort: Ihre Anmeldung vor wenigen Minuten bestätigt, dass Sie es sind.',
  'fresh.needed':
    'Sie haben kein Passwort, deshalb ist dafür eine Anmeldung aus den letzten 10 Minuten nötig. Melden Sie sich ab, mit Ihrem Passkey oder Single Sign-on wieder an und kehren Sie hierher zurück.',
  'unlink.failed.title': 'Das Single-Sign-on-Konto wurde nicht getrennt',
  'unlink.back': 'Zurück zu Ihrem Konto',
} satisfies Catalogue<typeof en>;
