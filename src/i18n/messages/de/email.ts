import type { Catalogue } from '../types.js';
import type en from '../en/email.js';

export default {
  greeting: 'Guten Tag {name},',
  greetingAnonymous: 'Guten Tag,',

  'verify.subject': 'Bestätigen Sie Ihre E-Mail-Adresse für {site}',
  'verify.body':
    'bitte bestätigen Sie diese E-Mail-Adresse für Ihr Konto bei {site}, indem Sie diesen Link öffnen:',
  'verify.footer':
    'Der Link ist 48 Stunden lang gültig. Falls Sie sich nicht angemeldet haben, können Sie diese Nachricht ignorieren.',

  'reset.off.subject': 'Zu Ihrem Passwort für {site}',
  'reset.off.body':
    'Jemand (hoffentlich Sie) wollte das Passwort dieses Kontos zurücksetzen. Mit Ihrer Rolle meldet man sich bei {site} nicht mit einem Passwort an, es gibt also keins zurückzusetzen: Melden Sie sich mit einem Passkey, Single Sign-on oder einem Anmeldelink per E-Mail an, wie es die Anmeldeseite anbietet:',
  'reset.subject': 'Ihr Passwort für {site} zurücksetzen',
  'reset.body':
    'jemand (hoffentlich Sie) hat darum gebeten, das Passwort dieses Kontos zurückzusetzen. Um ein neues zu wählen, öffnen Sie:',
  'reset.footer':
    'Der Link funktioniert einmal und eine Stunde lang. Falls Sie nicht darum gebeten haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',

  'changeEmail.subject': 'Bestätigen Sie Ihre neue E-Mail-Adresse für {site}',
  'changeEmail.body': 'um diese Adresse zur E-Mail-Adresse Ihres Kontos zu machen, öffnen Sie:',
  'changeEmail.footer':
    'Der Link ist 24 Stunden lang gültig. Bis dahin bleibt Ihre bisherige Adresse in Gebrauch.',

  'emailChanged.subject': 'Ihre E-Mail-Adresse bei {site} wurde geändert',
  'emailChanged.body':
    'die E-Mail-Adresse Ihres Kontos lautet jetzt {email}. Falls Sie das nicht selbst waren, wenden Sie sich bitte umgehend an die Redaktion.',

  'invitation.subject':
    'Einladung: Arbeiten Sie als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} bei {site} mit',
  'invitation.from':
    '{name} lädt Sie ein, als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} in der Redaktion von {site} mitzuarbeiten.',
  'invitation.fromAdmin':
    'Die Administration lädt Sie ein, als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} in der Redaktion von {site} mitzuarbeiten.',
  'invitation.hasAccount':
    'Sie haben mit dieser Adresse bereits ein Konto: Öffnen Sie den Link, melden Sie sich an und nehmen Sie an.',
  'invitation.newAccount': 'Öffnen Sie den Link, um Ihren Namen und Ihr Passwort zu wählen:',
  'invitation.until':
    'Der Link funktioniert einmal, bis {until}. Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.',

  'reply.subject': '{name} hat auf Ihren Kommentar zu {headline} geantwortet',
  'reply.intro': '{name} hat auf Ihren Kommentar zu „{headline}“ geantwortet:',
  'reply.read': 'Lesen und antworten: {link}',
  'reply.why': 'Sie erhalten diese E-Mails, weil Sie bei {site} kommentieren.',
  'reply.stop': 'E-Mails über Antworten abbestellen (ein Klick, ohne Anmeldung): {link}',
  'reply.account': 'Oder ändern Sie die Einstellung in Ihrem Konto: {link}',
} satisfies Catalogue<typeof en>;
