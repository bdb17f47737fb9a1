import type { Catalogue } from '../types.js';
import type en from '../en/newsletters.js';

/** Deutsch: Newsletter, Eilmeldungen und ihre Verwaltung. */
export default {
  'list.briefing': 'Das tägliche Briefing',
  'list.alerts': 'Eilmeldungen',
  'list.section': '{name}: tägliche Übersicht',

  'briefing.subject': '{site}-Briefing: {day}',
  'digest.subject': '{section} heute: {day}',

  'mail.briefingLabel': 'Das Briefing von {site}',
  'mail.alertLabel': 'Eilmeldung von {site}',
  'mail.digestLabel': 'Eine Übersicht von {site}',
  'mail.why': 'Sie erhalten diese E-Mail, weil Sie sie bei {site} abonniert haben.',
  'mail.manage': 'Newsletter verwalten',
  'mail.leave': 'Alles abbestellen',
  'mail.web': 'Im Web lesen',

  'confirm.subject': 'Bestätigen Sie Ihr Newsletter-Abonnement bei {site}',
  'confirm.heading': 'Abonnement bestätigen',
  'confirm.body':
    'Jemand (hoffentlich Sie) möchte diese Newsletter von {site} an diese Adresse erhalten:',
  'confirm.button': 'Ja, abonnieren',
  'confirm.ignore':
    'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Sie erhalten nichts weiter von uns.',

  'already.subject': 'Ihre Newsletter von {site}',
  'already.body':
    'Diese Adresse erhält bereits Newsletter von {site}. Um sie auszuwählen oder alle abzubestellen, öffnen Sie:',
  'already.ignore':
    'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es hat sich nichts geändert.',

  'box.heading': 'Unsere Newsletter',
  'box.intro':
    'Jeden Morgen die wichtigsten Nachrichten, Eilmeldungen sofort. Kostenlos, jederzeit abbestellbar.',
  'box.email': 'E-Mail-Adresse',
  'box.lists': 'Newsletter',
  'box.submit': 'Abonnieren',

  'subscribe.title': 'Newsletter',
  'subscribe.intro':
    'Wählen Sie, was Sie per E-Mail erhalten möchten. Zuerst senden wir eine Bestätigung: Bis Sie bestätigen, kommt nichts anderes.',
  'sent.title': 'Sehen Sie in Ihr Postfach',
  'sent.message':
    'Wir haben eine E-Mail an {email} gesendet. Öffnen Sie den Link darin zur Bestätigung; bis dahin erhalten Sie keine Newsletter.',

  'confirmPage.title': 'Abonnement bestätigen',
  'confirmPage.intro': 'Bestätigen Sie, dass {email} die gewünschten Newsletter erhalten soll.',
  'confirmPage.button': 'Abonnement bestätigen',
  'confirmed.title': 'Sie haben abonniert',
  'confirmed.message':
    'Vielen Dank. Jede E-Mail enthält einen Link, um Ihre Auswahl zu ändern oder abzubestellen.',

  'badLink.title': 'Dieser Link funktioniert nicht',
  'badLink.message':
    'Der Link ist unvollständig oder nicht mehr gültig. Öffnen Sie ihn erneut aus der neuesten E-Mail.',

  'manage.title': 'Ihre Newsletter',
  'manage.intro':
    'Newsletter für {email}. Entfernen Sie das Häkchen bei allem, was Sie nicht mehr möchten.',
  'manage.lists': 'Ihre Newsletter',
  'manage.save': 'Auswahl speichern',
  'manage.leave': 'Alles abbestellen',
  'manage.leaveIntro': 'Oder alle E-Mails auf einmal beenden:',
  'manage.saved': 'Ihre Auswahl ist gespeichert.',
  'manage.leftTitle': 'Sie haben abbestellt',
  'manage.left':
    'Sie erhalten an {email} keine Newsletter mehr. Sie können jederzeit wieder abonnieren.',
  'manage.bounced':
    'E-Mails an diese Adresse konnten nicht zugestellt werden, daher senden wir nicht mehr dorthin. Eine neue Auswahl startet sie nicht wieder.',

  'archive.title': 'Newsletter-Archiv',
  'archive.intro': 'Alle versandten Newsletter, die neuesten zuerst.',
  'archive.empty': 'Es wurde noch kein Newsletter versandt.',
  'archive.older': 'Ältere Newsletter',
  'archive.subscribe': 'Abonnieren',
  'kind.briefing': 'Briefing',
  'kind.alert': 'Eilmeldung',
  'kind.digest': 'Übersicht',
  'issue.sent': 'Versandt {when}',
  'issue.archive': 'Alle Newsletter',
  'issue.gone': 'Die Artikel dieses Newsletters sind nicht mehr veröffentlicht.',

  'account.heading': 'Newsletter',
  'account.intro': 'Newsletter an {email}.',
  'account.confirmSent':
    'Wir haben eine Bestätigung gesendet: Öffnen Sie den Link darin, um Ihre Newsletter zu starten.',
  'account.save': 'Newsletter speichern',
  'account.saved': 'Ihre Newsletter sind gespeichert.',
  'account.confirm':
    'Wir haben eine Bestätigung an {email} gesendet: Öffnen Sie sie, um Ihre Newsletter zu starten.',
  'account.bounced':
    'E-Mails an Ihre Adresse konnten nicht zugestellt werden, daher sind die Newsletter angehalten.',

  'alert.checkbox': 'Als Eilmeldung senden',
  'alert.hint': 'Geht einmal an alle Abonnenten der Eilmeldungen, sobald der Artikel erscheint.',
  'alert.later': 'Eilmeldung senden',
  'alert.sent': 'Eine Eilmeldung zu diesem Artikel wurde versandt.',
  'alert.waiting': 'Eine Eilmeldung geht hinaus, sobald dieser Artikel erscheint.',

  'admin.title': 'Newsletter',
  'admin.settings': 'Einstellungen',
  'admin.briefingTime': 'Uhrzeit des Briefings ({zone})',
  'admin.briefingTimeHint':
    'Das Briefing wird eine Stunde vorher aus der Startseite erstellt, damit die Redaktion es prüfen kann.',
  'admin.sendAsBuilt':
    'Briefing und Übersichten wie erstellt senden, wenn die Redaktion sie nicht anhält',
  'admin.rate': 'Nachrichten pro Sekunde',
  'admin.save': 'Einstellungen speichern',
  'admin.saved': 'Einstellungen gespeichert.',
  'admin.unsent': 'Zum Versand bereit',
  'admin.noneUnsent': 'Nichts wartet.',
  'admin.sentHeading': 'Versandt',
  'admin.noneSent': 'Noch nichts versandt.',
  'admin.subject': 'Betreff',
  'admin.kind': 'Art',
  'admin.status': 'Stand',
  'admin.when': 'Wann',
  'admin.deliveries': 'Zustellungen',
  'admin.counts':
    '{sent} versandt, {queued} wartend, {sending} im Versand, {failed} fehlgeschlagen',
  'admin.open': 'Öffnen',
  'admin.status.draft': 'geht zur festgelegten Zeit',
  'admin.status.held': 'für die Redaktion angehalten',
  'admin.status.waiting': 'geht, wenn der Artikel erscheint',
  'admin.status.queued': 'versandt',
  'admin.subscribers': 'Abonnenten',
  'admin.listCount': '{list}: {count}',
  'admin.bounced': 'Unzustellbare Adressen',
  'admin.noneBounced': 'Keine Adresse ist unzustellbar.',
  'admin.bounceReason': '{email}: {reason}',

  'edit.title': 'Newsletter: {subject}',
  'edit.subject': 'Betreff',
  'edit.intro': 'Einleitung',
  'edit.stories': 'Artikel',
  'edit.storiesHint':
    'Entfernen Sie das Häkchen, um einen Artikel wegzulassen. Die Reihenfolge ist die der Startseite.',
  'edit.save': 'Änderungen speichern',
  'edit.saved': 'Änderungen gespeichert.',
  'edit.preview': 'E-Mail-Vorschau',
  'edit.sendNow': 'Jetzt senden',
  'edit.hold': 'Anhalten: nicht von selbst senden',
  'edit.queued': 'Eingereiht: {count, plural, one {# Abonnent} other {# Abonnenten}}.',
  'edit.held': 'Angehalten. Er geht, wenn die Redaktion ihn sendet.',
  'edit.goesAt': 'Geht {when}, wenn er nicht angehalten wird.',

  'subs.title': 'Abonnenten',
  'subs.search': 'Adressen suchen',
  'subs.searchButton': 'Suchen',
  'subs.total': '{count, plural, one {# Abonnent} other {# Abonnenten}}',
  'subs.email': 'Adresse',
  'subs.status': 'Stand',
  'subs.lists': 'Newsletter',
  'subs.since': 'Seit',
  'subs.export': 'Als CSV exportieren',
  'subs.import': 'CSV importieren',
  'subs.importHint':
    'Eine CSV-Datei mit einer Spalte email und optional lists (durch Leerzeichen getrennt) und consent (yes oder no).',
  'subs.file': 'CSV-Datei',
  'subs.attest':
    'Ich bestätige, dass diese Personen den Newslettern zugestimmt haben (sie erhalten sie ohne Bestätigung)',
  'subs.importButton': 'Importieren',
  'subs.imported':
    '{added, plural, one {# Adresse} other {# Adressen}} importiert, {skipped} übersprungen. Wer nicht zugestimmt hat, erhält zuerst eine Bestätigung.',
  'subs.next': 'Nächste Seite',
  'subs.previous': 'Vorige Seite',
  'status.pending': 'wartet auf Bestätigung',
  'status.confirmed': 'abonniert',
  'status.left': 'abbestellt',
  'status.bounced': 'unzustellbar',
  'admin.intro':
    'Das tägliche Briefing, Ressort-Zusammenfassungen und Eilmeldungen: vor dem Versand prüfen und sehen, was verschickt wurde.',
  'admin.release': 'Freigeben: zur geplanten Zeit senden',
  'admin.subscribersLink': 'Abonnenten suchen, exportieren und importieren',
  'admin.clearBounce': 'Unzustellbarkeit aufheben',
  'admin.clearBounceLabel': 'für {email}',
  'admin.cleared': 'Die Unzustellbarkeit ist aufgehoben: Die Adresse erhält wieder Newsletter.',
  'admin.none': 'keine',
  'edit.back': 'Alle Newsletter',
  'edit.list': 'Geht an: {list}',
  'edit.clicks':
    'Klicks: {clicks} (über die Links dieser Ausgabe gezählte Aufrufe; {rate} je 100 Zustellungen). Nur die Zahl wird gespeichert, nie wer geklickt hat.',
  'edit.orderHint':
    'Entfernen Sie den Haken, um einen Artikel wegzulassen. Ändern Sie die Zahlen, um die Reihenfolge zu ändern: 1 kommt zuerst.',
  'edit.position': 'Position von „{headline}“',
  'edit.include': 'Aufnehmen',
  'edit.headline': 'Artikel',
  'edit.noStories': 'Keiner der Artikel dieses Newsletters ist noch veröffentlicht.',
  'edit.previewHtml': 'Vorschau der E-Mail',
  'edit.previewText': 'Vorschau der Textfassung',
  'edit.actions': 'Senden oder zurückhalten',
  'edit.released': 'Freigegeben: Er geht zur geplanten Zeit.',
  'edit.sentAt': 'Gesendet {when}.',
  'edit.waiting': 'Er geht, sobald sein Artikel veröffentlicht ist.',
  'subs.list': 'Newsletter',
  'subs.allLists': 'Alle Newsletter',
  'subs.state': 'Status',
  'subs.allStates': 'Jeder Status',
  'subs.none': 'Kein Abonnent passt.',
  'subs.exportHeading': 'Export',
  'subs.exportHint': 'Alle Abonnenten mit Newslettern, Status und Einwilligung als CSV.',
  'subs.importHeading': 'Import',
  'subs.importFormat':
    'Spalten: email (Pflicht); lists: briefing, alerts oder section: und die Adresse eines Ressorts, etwa section:sport, durch Leerzeichen getrennt (Zeilen ohne lists erhalten das tägliche Briefing); consent: yes oder no.',
  'subs.attestHint':
    'Nur Zeilen, deren Spalte consent „yes“ sagt, werden ohne Bestätigung angeschrieben; Ihr Name und die Zeit werden festgehalten. Jede andere neue Adresse erhält eine Bestätigungs-E-Mail und sonst nichts, bis sie bestätigt.',
  'subs.report.title': 'Import abgeschlossen',
  'subs.report.counts':
    '{attested, plural, one {# Adresse} other {# Adressen}} mit bestätigter Einwilligung abonniert; {confirming, plural, one {# Adresse erhielt} other {# Adressen erhielten}} zuerst eine Bestätigungs-E-Mail; {existing, plural, one {# Adresse war} other {# Adressen waren}} schon bekannt und blieben unverändert.',
  'subs.report.problems': 'Nicht importierte Zeilen',
  'subs.problem.email': 'Zeile {line}: Das ist keine E-Mail-Adresse.',
  'subs.problem.list': 'Zeile {line}: Es gibt keinen Newsletter namens „{value}“.',
  'subs.problem.consent': 'Zeile {line}: consent ist yes oder no, nicht „{value}“.',
  'subs.problem.duplicate': 'Zeile {line}: {email} steht schon in einer früheren Zeile.',
  'subs.problem.status':
    'Zeile {line}: Diese Adresse ist {value, select, left {abbestellt} other {unzustellbar}} und wird nicht importiert.',
  'subs.page': 'Seite {page}',
  'subs.attestedBy': 'Einwilligung bestätigt {when}',
} satisfies Catalogue<typeof en>;
