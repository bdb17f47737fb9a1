import type { Catalogue } from '../types.js';
import type en from '../en/reader.js';

export default {
  'front.heading': '{site}: aktuelle Nachrichten',
  'front.description': 'Die neuesten Nachrichten von {site}.',
  'front.latest': 'Neueste Artikel',
  'front.featured': 'Im Fokus',
  'front.empty': 'Bisher wurde nichts veröffentlicht.',

  byline: 'Von <names></names>',

  'section.empty': 'Hier gibt es noch keine Artikel.',
  'section.description': '{section} bei {site}.',
  'listing.empty': 'Noch keine veröffentlichten Artikel.',
  'listing.description': '{title} bei {site}.',
  'author.kicker': 'Autor',
  'author.photo': 'Foto von {name}',
  'tag.kicker': 'Thema',

  'article.tools': 'Artikelwerkzeuge',
  'article.comment': 'Kommentieren',
  'article.commentCount': 'Kommentieren, {count, plural, one {# Kommentar} other {# Kommentare}}',
  'article.print': 'Drucken',
  'article.printComments': 'Mit Kommentaren<hidden> drucken</hidden>',
  'article.published': 'Veröffentlicht am <time>{when}</time>',
  'article.updated': 'Aktualisiert am <time>{when}</time>',
  'article.updateNote': '<strong>Aktualisierung:</strong> {note}',
  'article.topics': 'Themen:',
  'article.related': 'Mehr zum Thema',
  'article.inlineRelated': 'Weiterer Artikel zum Thema',
  'article.inlineRelatedLabel': 'Siehe auch',
  'article.missingImage':
    'Kein hochgeladenes Bild „{id}“: Leserinnen und Leser sehen an dieser Stelle nichts.',
  'article.missingArticle':
    'Kein veröffentlichter Artikel „{slug}“: Leserinnen und Leser sehen an dieser Stelle nichts.',
  'print.source': 'Gedruckt von <url>{address}</url>',
  'print.on': 'am',
  'print.notice':
    'Dies ist die Druckfassung des Artikels. Drucken Sie sie mit dem Druckbefehl Ihres Browsers (Strg+P, auf dem Mac ⌘+P).',
  'print.included': 'Die Kommentare werden mitgedruckt.',
  'print.leaveOut': 'Ohne Kommentare drucken',
  'print.leftOut': 'Die Kommentare werden nicht mitgedruckt.',
  'print.include': 'Mit Kommentaren drucken',
  'print.back': 'Zurück zum Artikel',

  'corrections.kind':
    '{kind, select, correction {Korrektur} clarification {Klarstellung} other {Aktualisierung}}',
  'corrections.retracted': 'Zurückgenommen',
  'corrections.important': 'Wichtige Korrektur',
  'corrections.heading': 'Korrekturen und Klarstellungen',
  'corrections.intro':
    'Wenn uns ein Fehler unterläuft, sagen wir es – im Artikel und hier. Diese Liste können Sie als <rss>RSS-Feed</rss> oder als <atom>Atom-Feed</atom> abonnieren.',
  'corrections.empty': 'Bisher wurden keine Korrekturen veröffentlicht.',
  'corrections.older': 'Ältere Korrekturen',
  'corrections.description': 'Korrekturen, Klarstellungen und Aktualisierungen von {site}.',
  'corrections.feedTitle': '{site}: Korrekturen',

  'search.label': 'Artikel durchsuchen',
  'search.title': 'Suche: {query}',
  'search.description': 'Durchsuchen Sie die Artikel von {site}.',
  'search.help':
    'Geben Sie ein oder mehrere Wörter ein. Setzen Sie Wörter in "Anführungszeichen", um sie zusammenhängend zu finden, oder ein Minus vor ein Wort, um Artikel auszuschließen, die es enthalten.',
  'search.none': 'Keine Artikel zu <strong>{query}</strong> gefunden.',
  'search.noneHelp':
    'Prüfen Sie die Schreibweise, versuchen Sie es mit weniger oder allgemeineren Wörtern, oder stöbern Sie in den Ressorts oben.',
  'search.pastEnd':
    '{count, plural, one {# Artikel passt} other {# Artikel passen}} zu <strong>{query}</strong>, aber auf dieser Seite sind keine mehr.',
  'search.firstPage': 'Zur ersten Seite',
  'search.found':
    '{count, plural, one {# Artikel passt} other {# Artikel passen}} zu <strong>{query}</strong>.',
  'search.foundSome':
    '{count, plural, one {# Artikel passt} other {# Artikel passen}} zu <strong>{query}</strong>; angezeigt werden {first} bis {last}.',
  'search.results': 'Suchergebnisse',
  'search.pages': 'Seiten der Suchergebnisse',
  'search.previous': 'Vorige Seite',
  'search.next': 'Nächste Seite',
  'search.page': 'Seite {page} von {count}',

  'notice.front': 'Zur Startseite',

  'adjust.button': 'Anpassen',
  'adjust.nojs':
    'Um die Schriftgröße zu ändern, nutzen Sie den Zoom Ihres Browsers: Strg und + (auf dem Mac ⌘ und +) vergrößert, Strg und − verkleinert, Strg und 0 stellt die normale Größe wieder her.',
  'adjust.size': 'Schriftgröße',
  'adjust.leading': 'Zeilenabstand',
  'adjust.tight': 'Eng',
  'adjust.standard': 'Normal',
  'adjust.loose': 'Weit',
  'adjust.font': 'Schrift',
  'adjust.serif': 'Mit Serifen',
  'adjust.sans': 'Serifenlos',
  'adjust.theme': 'Farbschema',
  'adjust.auto': 'Automatisch (System)',
  'adjust.light': 'Hell',
  'adjust.dark': 'Dunkel',
  'adjust.sepia': 'Sepia',
  'adjust.width': 'Textbreite',
  'adjust.narrow': 'Schmal',
  'adjust.wide': 'Breit',
  'adjust.reset': 'Alles zurücksetzen',
  'adjust.resetDone': 'Alle Leseeinstellungen sind wieder auf ihre Standardwerte gesetzt.',
  'adjust.siteLanguage': 'Sprache der Website',
  'adjust.languageNote': 'Artikel bleiben in der Sprache, in der sie geschrieben wurden.',

  'feed.latest': 'Das Neueste von {site}.',
  'feed.corrections': '{site}: Korrekturen und Klarstellungen',
  'feed.correctionsDescription':
    'Korrekturen, Klarstellungen und Aktualisierungen zu Artikeln von {site}.',
  'feed.correctionTitle':
    '{kind, select, correction {Korrektur} clarification {Klarstellung} other {Aktualisierung}}: {headline}',
} satisfies Catalogue<typeof en>;
