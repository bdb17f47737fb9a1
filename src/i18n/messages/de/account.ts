import type { Catalogue } from '../types.js';
import type en from '../en/account.js';

export default {
  role: '{role, select, commenter {Kommentator/in} author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}}',

  passwordHint:
    'Mindestens {min, number} Zeichen. Einige Wörter ohne Zusammenhang ergeben ein starkes Passwort.',
  'field.email': 'E-Mail-Adresse',
  'field.password': 'Passwort',
  'field.yourName': 'Ihr Name',
  'field.displayName': 'Anzeigename',
  'link.backToSignIn': 'Zurück zur Anmeldung',
  'link.goToAccount': 'Zu Ihrem Konto',
  'link.frontPage': 'Zur Startseite',
  'link.signIn': 'Anmelden',
  'link.broken': 'Dieser Link funktioniert nicht',

  'signIn.title': 'Anmelden',
  'signIn.submit': 'Anmelden',
  'signIn.forgotten': 'Passwort vergessen?',
  'signIn.new': 'Neu hier? Konto anlegen',
  'signIn.done.reset': 'Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen an.',
  'signIn.done.signedOutEverywhere': 'Sie wurden auf allen Geräten abgemeldet.',

  'signUp.title': 'Konto anlegen',
  'signUp.intro': 'Mit einem Konto können Sie unter den Artikeln mitdiskutieren.',
  'signUp.nameHint': 'Steht neben Ihren Kommentaren.',
  'signUp.emailHint':
    'Wir schicken Ihnen einen Link, um sie zu bestätigen. Sie wird niemandem angezeigt.',
  'signUp.submit': 'Konto anlegen',
  'signUp.haveAccount': 'Sie haben schon ein Konto? <link>Anmelden</link>',

  'forgot.sentTitle': 'Sehen Sie in Ihr Postfach',
  'forgot.sent':
    'Falls zu dieser Adresse ein Konto gehört, haben wir ihr einen Link geschickt, mit dem Sie ein neues Passwort wählen können. Der Link funktioniert einmal und eine Stunde lang.',
  'forgot.again': 'Einen weiteren Link schicken',
  'forgot.title': 'Passwort zurücksetzen',
  'forgot.intro':
    'Geben Sie die E-Mail-Adresse Ihres Kontos ein, und wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen können.',
  'forgot.submit': 'Link schicken',
  'reset.title': 'Neues Passwort wählen',
  'reset.askAgain': 'Einen neuen Link anfordern',
  'reset.newPassword': 'Neues Passwort',
  'reset.signedOut':
    'Sie werden auf allen Geräten abgemeldet und melden sich dann mit dem neuen Passwort an.',
  'reset.submit': 'Neues Passwort speichern',

  'page.title': 'Ihr Konto',
  'done.welcome':
    'Willkommen! Ihr Konto ist eingerichtet. Wir haben Ihnen per E-Mail einen Link geschickt, mit dem Sie Ihre Adresse bestätigen können.',
  'done.signedIn': 'Sie sind angemeldet.',
  'done.password': 'Ihr Passwort wurde geändert. Auf allen anderen Geräten wurden Sie abgemeldet.',
  'done.email':
    'Wir haben einen Bestätigungslink an die neue Adresse geschickt. Ihre E-Mail-Adresse ändert sich, sobald Sie ihn öffnen.',
  'done.verificationSent': 'Wir haben Ihnen einen neuen Bestätigungslink geschickt.',
  'done.repliesOn':
    'Wir benachrichtigen Sie per E-Mail, wenn jemand auf Ihre Kommentare antwortet.',
  'done.repliesOff': 'Wir schicken Ihnen keine E-Mails mehr über Antworten auf Ihre Kommentare.',
  'done.digestOn': 'Wir senden Ihnen die Moderationsübersicht, wenn Kommentare warten.',
  'done.digestOff': 'Wir senden Ihnen keine Moderationsübersicht mehr.',
  'digest.setting': 'Mir die Moderationsübersicht per E-Mail senden',
  'digest.hint':
    'Eine E-Mail, wenn zurückgehaltene und gemeldete Kommentare die in den Moderationseinstellungen festgelegte Zahl erreichen, höchstens einmal pro Stunde.',
  'digest.save': 'Übersicht-Einstellung speichern',
  'done.profile': 'Ihre Autorenseite wurde aktualisiert.',
  'done.names': 'Ihr Name wurde geändert.',
  'done.photo': 'Ihr Foto steht jetzt auf Ihrer Autorenseite.',
  'details.heading': 'Angaben',
  'details.name': 'Name',
  'details.email': 'E-Mail',
  'details.confirmed': 'bestätigt',
  'details.notConfirmed': 'noch nicht bestätigt',
  'details.role': 'Rolle',
  'details.suspendedUntil': 'Gesperrt bis',
  'details.noMail':
    'Keine Bestätigungs-E-Mail erhalten? Sehen Sie in Ihrem Spam-Ordner nach, oder:',
  'details.resend': 'Link erneut schicken',
  'password.heading': 'Passwort ändern',
  'password.current': 'Aktuelles Passwort',
  'password.new': 'Neues Passwort',
  'password.signsOut': 'Damit werden Sie auf allen anderen Geräten abgemeldet.',
  'password.submit': 'Passwort ändern',
  'email.heading': 'E-Mail-Adresse ändern',
  'email.new': 'Neue E-Mail-Adresse',
  'email.hint':
    'Wir schicken einen Link an die neue Adresse; die Änderung gilt, sobald Sie ihn öffnen.',
  'email.password': 'Ihr Passwort',
  'email.submit': 'E-Mail-Adresse ändern',
  'sessions.heading': 'Angemeldete Geräte',
  'sessions.intro':
    'Handy verloren oder an einem fremden Computer angemeldet? Melden Sie sich auf allen Geräten ab, auch auf diesem.',
  'sessions.submit': 'Überall abmelden',
  'data.heading': 'Ihre Daten',
  'data.intro':
    'Eine JSON-Datei mit allem, was diese Website über Sie speichert: Ihre Angaben, Ihre Kommentare samt früheren Fassungen, Ihre Reaktionen, Ihre Meldungen und Ihre Einstellungen. Ihr Passwort ist nicht enthalten.',
  'data.download': 'Meine Daten herunterladen',
  'names.heading': 'Ihr Name',
  'names.hintStaff': 'Steht bei Ihren Kommentaren und in der Redaktion.',
  'names.hint': 'Steht bei Ihren Kommentaren.',
  'names.byline': 'Autorenzeile (optional)',
  'names.bylineHint':
    'Der Name über Ihren Artikeln und auf Ihrer Autorenseite, falls er vom Anzeigenamen abweicht. Leer lassen, um den Anzeigenamen zu verwenden.',
  'names.submit': 'Name speichern',
  'photo.form': 'Foto hochladen',
  'photo.current': 'Ihr aktuelles Foto',
  'photo.replace': 'Foto ersetzen',
  'photo.upload': 'Foto hochladen',
  'photo.hint':
    'JPEG, PNG oder WebP, höchstens {size}. Es wird von der Mitte aus quadratisch zugeschnitten.',
  'photo.error': 'Fehler:',
  'photo.submit': 'Foto hochladen',
  'profile.heading': 'Ihre Autorenseite',
  'profile.see': 'Ihre Autorenseite ansehen',
  'profile.bio': 'Kurzbiografie',
  'profile.bioHint':
    'Ein oder zwei Sätze, die über Ihren Artikeln stehen. Höchstens {max, number} Zeichen.',
  'profile.photo': 'Adresse des Fotos',
  'profile.photoHint':
    'Wird gesetzt, wenn Sie oben ein Foto hochladen, oder die Adresse eines Bildes, das diese Website speichert (sie beginnt mit /images/). Leer lassen für kein Foto.',
  'profile.submit': 'Autorenseite speichern',
  'delete.heading': 'Konto löschen',
  'delete.removed':
    'Ihre Kommentare werden entfernt; wo jemand auf einen geantwortet hat, steht an seiner Stelle „Kommentar gelöscht“.',
  'delete.anonymised': 'Ihre Kommentare bleiben stehen und erscheinen als verfasst von „{name}“.',
  'delete.warning':
    'Das lässt sich nicht rückgängig machen. Ihr Name, Ihre E-Mail-Adresse, Ihr Passwort, Ihre Anmeldungen, API-Schlüssel und Reaktionen werden gelöscht.',
  'delete.downloadFirst':
    'Laden Sie vorher Ihre Daten herunter, wenn Sie eine Kopie behalten möchten.',
  'delete.password': 'Ihr Passwort, zur Bestätigung',
  'delete.hasRole':
    'Ihr Konto hat die Rolle {role, select, commenter {Kommentator/in} author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} und kann deshalb nicht hier gelöscht werden: Bitten Sie die Administration, Ihre Rolle zuerst auf Kommentator/in zu ändern (niemand ändert die eigene Rolle; ein Administratorkonto braucht also ein zweites, und das letzte bleibt bestehen).',
  'delete.hasBylines':
    'Ihr Name steht in der Autorenzeile {count, plural, one {eines Artikels} other {von # Artikeln}}; bitten Sie die Redaktion, die Autorenzeile zuerst zu ändern.',
  'delete.submit': 'Mein Konto löschen',
  'deleted.title': 'Ihr Konto ist gelöscht',
  'deleted.message':
    'Ihr Name, Ihre E-Mail-Adresse, Ihr Passwort, Ihre Anmeldungen und API-Schlüssel sind gelöscht, und mit Ihren Kommentaren wurde nach den Regeln der Website verfahren. Danke, dass Sie mitgemacht haben.',

  'verify.newLinkSignedIn': 'Auf Ihrer Kontoseite einen neuen Link anfordern',
  'verify.newLinkSignIn': 'Anmelden, um einen neuen Link zu erhalten',
  'verify.alreadyTitle': 'E-Mail-Adresse bereits bestätigt',
  'verify.already': 'Diese Adresse ist bereits bestätigt; Sie müssen nichts weiter tun.',
  'verify.doneTitle': 'E-Mail-Adresse bestätigt',
  'verify.done': 'Vielen Dank. {email} ist als Adresse Ihres Kontos bestätigt.',
  'changed.title': 'E-Mail-Adresse geändert',
  'changed.message': 'Die E-Mail-Adresse Ihres Kontos lautet jetzt {email}.',

  'replies.title': 'Keine E-Mails mehr über Antworten',
  'replies.intro':
    'Wir schicken Ihnen eine E-Mail, wenn jemand auf einen Ihrer Kommentare antwortet. Hier können Sie diese E-Mails abbestellen.',
  'replies.stop': 'E-Mails über Antworten abbestellen',
  'replies.heading': 'E-Mails',
  'replies.setting': 'Mich per E-Mail benachrichtigen, wenn jemand auf meine Kommentare antwortet',
  'replies.save': 'E-Mail-Einstellungen speichern',
  'replies.badLink':
    'Der Link ist unvollständig oder nicht echt. Kopieren Sie den ganzen Link aus der E-Mail, oder ändern Sie die Einstellung in Ihrem Konto.',
  'replies.stoppedTitle': 'Keine E-Mails mehr über Antworten',
  'replies.stopped':
    'Sie erhalten keine E-Mails mehr, wenn jemand auf Ihre Kommentare antwortet. In Ihrem Konto können Sie sie wieder einschalten.',

  'invitation.title': '{site} beitreten',
  'invitation.heading':
    'Als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} bei {site} mitarbeiten',
  'invitation.introFrom':
    '{name} lädt Sie ein, als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} in der Redaktion von {site} mitzuarbeiten. Diese Einladung gilt für <strong>{email}</strong>.',
  'invitation.intro':
    'Sie sind eingeladen, als {role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}} in der Redaktion von {site} mitzuarbeiten. Diese Einladung gilt für <strong>{email}</strong>.',
  'invitation.choose':
    'Wählen Sie den Namen, der bei Ihrer Arbeit steht, und ein Passwort; Sie sind danach sofort angemeldet.',
  'invitation.nameHint': 'Steht bei Ihren Artikeln und Kommentaren. Sie können ihn später ändern.',
  'invitation.create': 'Konto anlegen und annehmen',
  'invitation.roleChange':
    'Wenn Sie annehmen, ändert sich die Rolle Ihres Kontos von {from, select, commenter {Kommentator/in} author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{from}}} zu {to, select, commenter {Kommentator/in} author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{to}}}.',
  'invitation.accept': 'Einladung annehmen',
  'invitation.otherViewer':
    'Sie sind als {viewer} angemeldet. Um anzunehmen, melden Sie sich ab und mit {email} wieder an.',
  'invitation.signOut': 'Abmelden',
  'invitation.hasAccount':
    '{email} hat hier bereits ein Konto. Melden Sie sich damit an und nehmen Sie die Einladung dann auf dieser Seite an.',
  'invitation.signInToAccept': 'Zum Annehmen anmelden',
  'invitation.closed': 'Diese Einladung ist nicht mehr gültig',

  'setup.steps': 'Einrichtung der Website',
  'setup.step.admin': 'Ihr Administratorkonto',
  'setup.step.site': 'Die Website',
  'setup.step.content': 'Inhalte',
  'setup.step.sections': 'Ressorts',
  'setup.step.done': '(erledigt)',
  'setup.already.title': 'Diese Website ist bereits eingerichtet',
  'setup.already.message':
    'Diese Website hat bereits ein Administratorkonto; der Einrichtungslink funktioniert deshalb nicht mehr.',
  'setup.admin.title': 'Erstes Administratorkonto anlegen',
  'setup.admin.intro':
    'Diese Website hat noch kein Administratorkonto. Mit dem Konto, das Sie hier anlegen, verwalten Sie Personen, Einstellungen und alles Weitere. Der Link funktioniert einmal, innerhalb einer Stunde, nachdem der Server ihn ausgegeben hat.',
  'setup.admin.submit': 'Administratorkonto anlegen',
  'setup.site.title': 'Website einrichten',
  'setup.site.heading': 'Die Website',
  'setup.site.address': 'Ihre öffentliche Adresse',
  'setup.site.links':
    'Links in E-Mails, Feeds und Suchergebnissen verwenden <strong>{url}</strong> (die Einstellung <code>BASE_URL</code>).',
  'setup.site.same': 'Unter dieser Adresse haben Sie diese Seite geöffnet.',
  'setup.site.other':
    'Sie haben diese Seite unter <strong>{openedAt}</strong> geöffnet, das ist nicht die öffentliche Adresse. Wenn Leserinnen und Leser {openedAt} verwenden werden, halten Sie den Server an und setzen Sie <code>BASE_URL={openedAt}</code>, bevor Sie weitermachen.',
  'setup.site.reached': 'Dieser Server hat {url} erreicht und eine Antwort erhalten.',
  'setup.site.unreachable':
    'Dieser Server konnte {url} nicht erreichen: {reason}. Hinter einem Proxy oder einer Firewall kann das so gewollt sein; prüfen Sie es von einem anderen Rechner aus.',
  'setup.site.name': 'Name der Website',
  'setup.site.nameHint': 'Im Seitenkopf, in Seitentiteln, Feeds und E-Mails.',
  'setup.site.tagline': 'Untertitel',
  'setup.site.taglineHint': 'Eine kurze Zeile über dem Seitenkopf. Optional.',
  'setup.site.submit': 'Speichern und weiter',
  'setup.site.later':
    'Logo, Symbol, Herausgeber und Fußzeile können Sie später unter Verwaltung → Website festlegen.',
  'setup.content.title': 'Womit die Website beginnt',
  'setup.content.empty': 'Leer beginnen',
  'setup.content.emptyDemoHint':
    'Entfernt die Artikel, Kommentare, Personen und Ressorts der Demo. Was Sie selbst angelegt haben, bleibt unberührt.',
  'setup.content.keepDemo': 'Die Demo-Website zum Ausprobieren behalten',
  'setup.content.keepDemoHint':
    'Später unter Verwaltung → Website entfernen oder mit „broadsheet demo remove“.',
  'setup.content.emptyHint': 'Als Nächstes legen Sie Ihre eigenen Ressorts an.',
  'setup.content.demo': 'Mit der Demo-Website zum Ausprobieren beginnen',
  'setup.content.demoHint':
    'Eine kleine erfundene Zeitung mit Artikeln, Kommentaren und Personen. Später unter Verwaltung → Website entfernen.',
  'setup.content.own': 'Die Website hat bereits eigene Inhalte und beginnt damit.',
  'setup.content.demoLoaded':
    'Auf dieser Website sind die Demo-Inhalte geladen: eine erfundene Zeitung, die zeigt, wie alles funktioniert.',
  'setup.content.startWith': 'Beginnen mit',
  'setup.content.submit': 'Weiter',
  'setup.sections.title': 'Die Ressorts der Website',
  'setup.sections.intro':
    'Jeder Artikel gehört zu einem Ressort, und die Ressorts bilden die Navigation der Website: Nachrichten, Sport, Meinung … Umbenennen, umsortieren, ausblenden und weitere hinzufügen können Sie später unter Verwaltung → Ressorts.',
  'setup.sections.existing': 'Diese hat die Website schon',
  'setup.sections.add': 'Ressorts hinzufügen',
  'setup.sections.first': 'Die ersten Ressorts',
  'setup.sections.field': 'Ressort {n, number}',
  'setup.sections.submit': 'Fertigstellen',
} satisfies Catalogue<typeof en>;
