import type { Catalogue } from '../types.js';
import type en from '../en/common.js';

export default {
  skip: 'Zum Inhalt springen',
  language: 'Sprache',
  search: 'Suche',
  home: 'Startseite',
  signIn: 'Anmelden',
  signOut: 'Abmelden',
  admin: 'Verwaltung',
  'nav.sections': 'Ressorts',
  'nav.site': 'Website',
  'nav.account': 'Konto',
  'nav.footer': 'Fußzeile',
  credit: 'Veröffentlicht mit Broadsheet',
  'feed.rss': '{title} (RSS)',
  'feed.atom': '{title} (Atom)',
  'list.two': '<first></first> und <last></last>',
  'list.more': '<rest></rest> und <last></last>',
  'list.separator': ', ',
  comments: '{count, plural, one {# Kommentar} other {# Kommentare}}',
  'page.older': 'Ältere Artikel',
  'footer.corrections': 'Korrekturen',
  'footer.rss': 'RSS-Feed',
  'footer.atom': 'Atom-Feed',
} satisfies Catalogue<typeof en>;
