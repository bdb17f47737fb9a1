import type { Catalogue } from '../types.js';
import type en from '../en/digest.js';

export default {
  subject:
    '{count, plural, one {# Kommentar wartet} other {# Kommentare warten}} auf Moderation bei {site}',
  greeting: 'Guten Tag {name},',
  held: '{count, plural, =0 {Kein Kommentar wartet auf Prüfung.} one {# Kommentar wartet auf Prüfung:} other {# Kommentare warten auf Prüfung:}}',
  reported:
    '{count, plural, =0 {Kein veröffentlichter Kommentar wurde gemeldet.} one {# veröffentlichter Kommentar wurde gemeldet:} other {# veröffentlichte Kommentare wurden gemeldet:}}',
  why: 'Sie erhalten diese Übersicht, wenn {threshold, plural, one {# Kommentar wartet} other {# Kommentare warten}}, höchstens alle {minutes} Minuten.',
  stop: 'Um sie abzubestellen, entfernen Sie auf Ihrer Kontoseite das Häkchen bei „Mir die Moderationsübersicht per E-Mail senden“:',
} satisfies Catalogue<typeof en>;
