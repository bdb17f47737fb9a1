import type { Catalogue } from '../types.js';
import type en from '../en/admin.js';

export default {
  'nav.label': 'Redaktion',
  'nav.home': 'Übersicht',
  'tool.articles': 'Artikel',
  'tool.articles.about':
    'Schreiben, prüfen, einplanen und veröffentlichen; Versionen und Korrekturen.',
  'tool.front': 'Titelseite',
  'tool.front.about':
    'Aufmacher und hervorgehobene Artikel festlegen; Rubriken auswählen und ordnen.',
  'tool.pages': 'Seiten',
  'tool.pages.about':
    'Über uns, Kontakt und andere feste Seiten: schreiben, veröffentlichen, Versionen.',
  'tool.moderation': 'Moderation',
  'tool.moderation.about':
    'Die Warteschlange der Kommentare: freigeben, ablehnen, hervorheben; sperren und ausschließen.',
  'tool.moderationLog': 'Moderationsprotokoll',
  'tool.moderationLog.about': 'Jede Moderationsentscheidung: wer, wann, was und warum.',
  'tool.site': 'Website',
  'tool.site.about':
    'Name, Untertitel, Herausgeber, Fußzeile, Logo und Symbol; Zeitzone und Sprache.',
  'tool.sections': 'Rubriken',
  'tool.sections.about':
    'Die Rubriken der Website anlegen, umbenennen, ordnen, ausblenden und entfernen.',
  'tool.settings': 'Einstellungen',
  'tool.settings.about':
    'Regeln für Kommentare: Vorabprüfung, Wortlisten, Links, Vertrauen, Grenzen.',
  'tool.people': 'Personen',
  'tool.people.about':
    'Mitarbeitende einladen; Personen finden, Rollen, Namen und Autorenzeilen ändern; sperren und ausschließen.',
  'tool.deletedDrafts': 'Gelöschte Entwürfe',
  'tool.deletedDrafts.about':
    'In den letzten 30 Tagen gelöschte Entwürfe: einen so wiederherstellen, wie er war.',
  'tool.outbox': 'Postausgang',
  'tool.outbox.about':
    'Jede E-Mail, die die Website verschickt oder aufbewahrt hat, neueste zuerst.',
  'tool.tokens': 'API-Schlüssel',
  'tool.tokens.about': 'Schlüssel für Skripte: anlegen und widerrufen.',
  'tool.import': 'Import',
  'tool.import.about': 'Artikel und Kommentare aus WordPress übernehmen, Kommentare aus Disqus.',
  'tool.menus': 'Menüs',
  'tool.menus.about':
    'Die Menüs im Kopf und in der Fußzeile: Rubriken, Seiten und Links, in ihrer Reihenfolge.',
  'tool.newsletters': 'Newsletter',
  'tool.newsletters.about':
    'Briefing, Zusammenfassungen und Eilmeldungen vor dem Versand prüfen; Abonnenten.',
  'tool.webhooks': 'Webhooks',
  'tool.insights': 'Leserzahlen',
  'tool.insights.about': 'Was gelesen wird und woher die Leser kommen, gezählt ohne Tracking.',
  'tool.webhooks.about':
    'Ereignisse an andere Systeme und Slack senden: signiert, wiederholt, protokolliert.',

  'tool.signIn': 'Anmeldung',
  'tool.signIn.about':
    'Welche Rollen Passwörter und E-Mail-Links nutzen dürfen; Single-Sign-on-Anbieter.',
  'home.title': 'Redaktion',
  'home.signedInAs':
    'Angemeldet als {name} ({role, select, author {Autor/in} editor {Redakteur/in} moderator {Moderator/in} admin {Administrator/in} other {{role}}}).',
  'home.noTools': 'Hier erscheinen die Redaktions- und Moderationswerkzeuge für Ihre Rolle.',
  'home.done.setup':
    'Die Website ist eingerichtet und Ihr Administratorkonto ist bereit. Willkommen!',
  'home.done.demoRemoved': 'Die Demo-Inhalte wurden entfernt.',

  'form.error': 'Fehler:',

  'site.title': 'Website',
  'site.intro':
    'Wie sich die Website auf jeder Seite, in ihren Feeds, in Suchergebnissen und in ihren E-Mails darstellt.',
  'site.done.saved': 'Die Angaben zur Website sind gespeichert. Jede Seite zeigt sie ab sofort.',
  'site.done.logo': 'Das neue Logo steht im Seitenkopf.',
  'site.done.logoRemoved': 'Das Logo ist entfernt: Der Seitenkopf zeigt den Namen der Website.',
  'site.done.icons':
    'Die neuen Symbole sind erstellt: Browser zeigen sie, sobald sie das nächste Mal eine Seite laden.',
  'site.done.iconsRemoved': 'Die Symbole sind entfernt.',
  'site.identity.heading': 'Name und Beschreibung',
  'site.name.label': 'Name der Website',
  'site.name.hint': 'Im Seitenkopf, in Seitentiteln, Feeds und E-Mails.',
  'site.tagline.label': 'Untertitel',
  'site.tagline.hint': 'Eine kurze Zeile über dem Seitenkopf. Optional.',
  'site.description.label': 'Beschreibung',
  'site.description.hint': 'Ein oder zwei Sätze für Suchmaschinen und Feedreader. Optional.',
  'site.publisherName.label': 'Herausgeber',
  'site.publisherName.hint':
    'Die Organisation, die die Website herausgibt, in strukturierten Daten und Feeds. Leer lassen, um den Namen der Website zu verwenden.',
  'site.publisherUrl.label': 'Webadresse des Herausgebers',
  'site.publisherUrl.hint':
    'Falls der Herausgeber eine eigene Website hat, z. B. https://example.org. Optional.',
  'site.publisherEmail.label': 'Kontakt-E-Mail des Herausgebers',
  'site.publisherEmail.hint': 'Wird Suchmaschinen als Kontakt des Herausgebers genannt. Optional.',
  'site.footerText.label': 'Text der Fußzeile',
  'site.footerText.hint':
    'Eine Zeile am Fuß jeder Seite: ein Urheberrechtshinweis, eine Anschrift. Optional.',
  'site.timeZone.label': 'Zeitzone',
  'site.timeZone.hint':
    'Die Zeitzone, in der die Redaktion arbeitet: Daten, Uhrzeiten und geplante Veröffentlichungen richten sich nach ihr.',
  'site.language.label': 'Sprache',
  'site.language.hint': 'Die Sprache der Seiten der Website.',
  'site.credit': '„Published with Broadsheet“ in der Fußzeile zeigen',
  'site.save': 'Speichern',
  'site.upload': 'Hochladen',
  'site.logo.heading': 'Logo',
  'site.logo.current': 'Der Seitenkopf zeigt dieses Logo:',
  'site.logo.alt': 'Das aktuelle Logo',
  'site.logo.remove': 'Logo entfernen',
  'site.logo.none': 'Kein Logo: Der Seitenkopf zeigt den Namen der Website in Schrift.',
  'site.logo.replace': 'Logo ersetzen',
  'site.logo.upload': 'Logo hochladen',
  'site.logo.hint':
    'PNG, JPEG oder WebP, höchstens {maxSize}; am besten wirkt ein breites Bild mit transparentem Hintergrund. Es wird 48 Pixel hoch dargestellt.',
  'site.icon.heading': 'Symbol',
  'site.icon.current': 'Browser-Tabs, Lesezeichen und Startbildschirme zeigen dieses Symbol:',
  'site.icon.alt': 'Das aktuelle Symbol',
  'site.icon.remove': 'Symbol entfernen',
  'site.icon.none': 'Noch kein Symbol: Browser zeigen ihr eigenes.',
  'site.icon.replace': 'Symbol ersetzen',
  'site.icon.upload': 'Symbol hochladen',
  'site.icon.hint':
    'Ein quadratisches PNG, JPEG oder WebP von mindestens 512 × 512 Pixeln, höchstens {maxSize}. Daraus entstehen das Favicon und alle Symbolgrößen.',
  'site.demo.heading': 'Demo-Inhalte',
  'site.demo.text':
    'Die Website enthält noch Demo-Inhalte: Artikel, Kommentare, Personen und Rubriken der erfundenen Zeitung. Entfernen Sie diese, und nur diese, bevor die Website öffentlich wird.',
  'site.demo.link': 'Demo-Inhalte prüfen und entfernen',

  'demo.title': 'Demo-Inhalte entfernen',
  'demo.nothing': 'Diese Website enthält keine Demo-Inhalte: Es gibt nichts zu entfernen.',
  'demo.back': 'Zurück zur Redaktionsübersicht',
  'demo.intro':
    'Hiermit wird entfernt, was die Demo angelegt hat, und nichts sonst, in einem Schritt, der sich nicht rückgängig machen lässt. Um vorher eine Kopie zu sichern, führen Sie <code>npx broadsheet export FILE</code> aus.',
  'demo.removed.heading': 'Was entfernt wird',
  'demo.removed.articles':
    '{count, plural, one {# Artikel} other {# Artikel}} mit ihren Versionen, Korrekturen, Schlagwörtern und Verweisen auf verwandte Artikel',
  'demo.removed.comments':
    '{count, plural, one {# Kommentar} other {# Kommentare}} zu diesen Artikeln',
  'demo.removed.commentsAdded':
    '{count, plural, one {# Kommentar} other {# Kommentare}} zu diesen Artikeln, <strong>darunter {added, plural, one {# Kommentar} other {# Kommentare}}, die seit dem Laden der Demo geschrieben wurden</strong>: Kommentare zu einem Demo-Artikel gehen mit ihm, samt Antworten, Reaktionen und Meldungen',
  'demo.removed.accounts':
    '{count, plural, one {# Konto} other {# Konten}} der Autorinnen, Autoren und Kommentierenden der Demo (sie haben keine Passwörter)',
  'demo.removed.sectionsAndTags':
    '{sections, plural, one {# Rubrik} other {# Rubriken}} und {tags, plural, one {# Schlagwort} other {# Schlagwörter}}',
  'demo.removed.images': '{count, plural, one {# Bild} other {# Bilder}}',
  'demo.removed.siteName': 'der Name der Demo-Website',
  'demo.removed.related':
    '{count, plural, one {# Verweis} other {# Verweise}} aus Ihren eigenen Artikeln auf Demo-Artikel',
  'demo.kept.heading': 'Was bleibt',
  'demo.kept.own':
    'Alles, was Sie selbst hinzugefügt haben: Artikel, Rubriken, Personen, Kommentare und Bilder.',
  'demo.kept.section':
    'Die Demo-Rubrik <strong>{name}</strong>: Sie enthält {count, plural, one {# Ihrer Artikel} other {# Ihrer Artikel}}. Name und Beschreibung stammen aus der Demo: Ändern Sie sie, wenn Sie die Rubrik behalten.',
  'demo.kept.person':
    'Das Demo-Konto <strong>{name}</strong>: Ihre Inhalte nennen es (in einer Autorenzeile, einem Kommentar oder einem Moderationseintrag).',
  'demo.kept.images':
    '{count, plural, one {# Demo-Bild, das Ihre Artikel zeigen} other {# Demo-Bilder, die Ihre Artikel zeigen}}.',
  'demo.kept.siteName': 'Der Name der Website: Er stammt nicht mehr aus der Demo.',
  'demo.remove': 'Demo-Inhalte entfernen',
  'demo.cancel': 'Abbrechen',

  'tokens.title': 'API-Schlüssel',
  'tokens.done.revoked': 'Der Schlüssel wurde widerrufen.',
  'tokens.never': 'nie',
  'tokens.revokedAt': 'Widerrufen <time>{when}</time>',
  'tokens.revoke': 'Widerrufen<hidden>: Schlüssel „{label}“ von {name}</hidden>',
  'tokens.new.heading': 'Neuer Schlüssel für {email}',
  'tokens.new.once':
    'Kopieren Sie ihn jetzt: Er wird nur dieses eine Mal angezeigt und lässt sich nicht wiederherstellen.',
  'tokens.new.use': 'Skripte senden ihn als <code>Authorization: Bearer …</code>.',
  'tokens.create.heading': 'Schlüssel anlegen',
  'tokens.email.label': 'E-Mail-Adresse der Person',
  'tokens.email.hint': 'Der Schlüssel handelt als diese Person, mit ihrer Rolle.',
  'tokens.label.label': 'Bezeichnung',
  'tokens.label.hint': 'Wofür er dient, z. B. „nächtlicher Import“.',
  'tokens.label.missing': 'Geben Sie eine Bezeichnung ein.',
  'tokens.create': 'Schlüssel anlegen',
  'tokens.list.heading': 'Schlüssel',
  'tokens.column.label': 'Bezeichnung',
  'tokens.column.person': 'Person',
  'tokens.column.created': 'Angelegt',
  'tokens.column.lastUsed': 'Zuletzt benutzt',
  'tokens.column.status': 'Status',
  'tokens.none': 'Noch keine Schlüssel.',

  'outbox.title': 'Postausgang',
  'outbox.intro':
    'Jede E-Mail, die die Website verschickt, wird hier festgehalten. Ist kein SMTP-Server eingerichtet (<code>SMTP_URL</code>), ist dies der einzige Ort, an den die Nachrichten gehen.',
  'outbox.to': 'An {address}',
  'outbox.sent': 'gesendet <time>{when}</time>',
  'outbox.failed': 'nicht zugestellt: {error}',
  'outbox.kept': 'im Postausgang aufbewahrt',
  'outbox.none': 'Noch keine Post.',
  'outbox.noOlder': 'Keine ältere Post.',
  'outbox.newest': 'Neueste',
  'outbox.older': 'Ältere Post',

  'import.title': 'Import',
  'import.intro':
    'Übernehmen Sie Artikel und Kommentare aus WordPress oder Kommentare aus Disqus. Die Datei wird ganz oder gar nicht importiert; derselbe Import ein zweites Mal ändert nichts. Was wohin übernommen wird, steht im Betriebshandbuch (docs/import.md).',
  'import.form.heading': 'Datei importieren',
  'import.kind.legend': 'Art der Datei',
  'import.kind.wxr': 'WordPress-Export (Werkzeuge → Daten exportieren, eine .xml-Datei)',
  'import.kind.disqus': 'Disqus-Export (nur Kommentare, zu Artikeln, die schon hier sind)',
  'import.kind.missing': 'Wählen Sie die Art der Datei: WordPress oder Disqus.',
  'import.file.label': 'Datei',
  'import.file.hint': 'Eine .xml-Datei von höchstens {max} MB.',
  'import.file.missing': 'Wählen Sie die Datei, die importiert werden soll.',
  'import.submit': 'Hochladen und importieren',
  'import.recent.heading': 'Letzte Importe',
  'import.recent.none': 'Noch nichts importiert.',
  'import.column.file': 'Datei',
  'import.column.kind': 'Art',
  'import.column.started': 'Begonnen',
  'import.column.status': 'Status',
  'import.unnamed': 'Upload',
  'import.format':
    '{format, select, wxr {WordPress-Export (WXR)} disqus {Disqus-Export} other {{format}}}',
  'import.status':
    '{status, select, running {Wird importiert ({percent} %)} done {Importiert} other {Abgelehnt oder fehlgeschlagen}}',
  'import.megabytes': '{size} MB',
  'import.job.title': 'Import von {name}',
  'import.job.titleRunning': 'Import läuft …',
  'import.job.heading': 'Import von {name}',
  'import.job.headingUnnamed': 'Import eines Uploads',
  'import.job.about': '{format}, {size}, begonnen <time>{when}</time>.',
  'import.progress.label': 'Die Datei wird gelesen',
  'import.progress.percent': '{percent} %',
  'import.progress.read':
    '{percent} % — {done} von {total} gelesen. Auf der Website erscheint nichts, bevor die ganze Datei übernommen ist.',
  'import.progress.refresh': 'Neu laden, um den Fortschritt zu sehen',
  'import.job.finished': 'Importiert, abgeschlossen <time>{when}</time>.',
  'import.job.failed.heading': 'Es wurde nichts importiert',
  'import.job.failed': 'Der Import ist fehlgeschlagen.',
  'import.back': 'Zurück zu den Importen',
  'import.report.heading': 'Bericht',
  'import.report.source': '{format} von {source}',
  'import.report.inFile.wxr':
    'In der Datei: {posts, plural, one {# Eintrag} other {# Einträge}}, {comments, plural, one {# Kommentar} other {# Kommentare}}.',
  'import.report.inFile.disqus':
    'In der Datei: {threads, plural, one {# Diskussion} other {# Diskussionen}}, {comments, plural, one {# Beitrag} other {# Beiträge}}.',
  'import.report.threadsMatched':
    'Diskussionen, die einem Artikel hier zugeordnet wurden: {matched} von {threads}.',
  'import.report.created':
    'Importiert: {published, plural, one {# veröffentlichter Artikel} other {# veröffentlichte Artikel}}, {drafts, plural, one {# Entwurf} other {# Entwürfe}}, {sections, plural, one {# neue Rubrik} other {# neue Rubriken}}, {accounts, plural, one {# neues Autorenkonto} other {# neue Autorenkonten}}, {redirects, plural, one {# alte Adresse} other {# alte Adressen}} umgeleitet.',
  'import.report.comments':
    '{comments, plural, one {# Kommentar} other {# Kommentare}} importiert: {published} veröffentlicht, {pending} warten auf Prüfung, {rejected} abgelehnt, {deleted} gelöscht.',
  'import.report.unchanged':
    'Schon früher importiert, unverändert gelassen: {articles, plural, one {# Artikel} other {# Artikel}}, {comments, plural, one {# Kommentar} other {# Kommentare}}.',
  'import.report.notes': 'Hinweise',
  'import.report.note': '{count} × {reason} ({examples})',
  'import.report.skipped': 'Übersprungen',
  'import.report.skippedNone': 'Nichts wurde übersprungen.',
  'import.report.column.count': 'Anzahl',
  'import.report.column.reason': 'Grund',
  'import.report.column.examples': 'Beispiele',
  'import.report.more': '{examples} und {more} weitere',
  'import.reason.page': 'WordPress-Seiten sind keine Artikel',
  'import.reason.attachment':
    'Mediendateien werden nicht importiert (der Export enthält nur ihre Adressen)',
  'import.reason.menu': 'Menüs werden nicht importiert',
  'import.reason.revision': 'frühere Fassungen werden nicht importiert',
  'import.reason.block': 'wiederverwendbare Blöcke werden nicht importiert',
  'import.reason.theme': 'Themes werden nicht importiert',
  'import.reason.otherType': 'Einträge vom Typ „{type}“ sind keine Artikel',
  'import.reason.commentsOfSkipped': 'Kommentare zu Einträgen, die nicht importiert werden',
  'import.reason.private': 'private Beiträge werden nicht importiert (sie waren nie öffentlich)',
  'import.reason.status': 'Beiträge mit dem Status „{status}“ werden nicht importiert',
  'import.reason.pingback': 'Pingbacks und Trackbacks sind keine Kommentare',
  'import.reason.orphanReply':
    'Antworten auf einen Kommentar, der nicht in der Datei ist (WordPress lässt Spam weg), wurden als eigenständige Kommentare übernommen',
  'import.reason.orphanPost':
    'Antworten auf einen Beitrag, der nicht in der Datei ist, wurden als eigenständige Kommentare übernommen',
  'import.reason.unmatchedThread':
    'Beiträge in Diskussionen, die zu keinem Artikel hier passen (nach Adresse oder Kennung)',
  'import.example.comment': 'Kommentar {id}',
  'import.example.post': 'Beitrag {id} (Antwort auf {parent})',
  'import.example.thread': 'Diskussion {id}',
  'import.example.item': '„{title}“ (ID {id})',
} satisfies Catalogue<typeof en>;
