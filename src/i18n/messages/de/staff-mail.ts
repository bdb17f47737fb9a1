import type { Catalogue } from '../types.js';
import type en from '../en/staff-mail.js';

export default {
  greeting: 'Guten Tag {name},',
  'submitted.subject': 'Zur Prüfung: {headline}',
  'submitted.body':
    '{actor} hat „{headline}“ zur Prüfung eingereicht. Öffnen Sie den Artikel in der Redaktion:',
  'returned.subject': 'An Sie zurückgegeben: {headline}',
  'returned.body': '{actor} hat „{headline}“ als Entwurf an Sie zurückgegeben.',
  'returned.note': 'Die Anmerkung dazu:',
  'scheduled.subject': 'Geplant: {headline}',
  'scheduled.body': '{actor} hat „{headline}“ zur Veröffentlichung am {when} eingeplant.',
  'published.subject': 'Veröffentlicht: {headline}',
  'published.body': '{actor} hat „{headline}“ veröffentlicht. Der Artikel ist jetzt auf {site}:',
  'published.scheduled':
    '„{headline}“ wurde zur geplanten Zeit veröffentlicht. Der Artikel ist jetzt auf {site}:',
  stop: 'Sie erhalten diese E-Mail, weil Sie in der Redaktion von {site} arbeiten. Welche Redaktions-E-Mails Sie erhalten, wählen Sie unter „Redaktions-E-Mails“ auf Ihrer Kontoseite:',
  'settings.heading': 'Redaktions-E-Mails',
  'settings.intro': 'Mir eine E-Mail senden, wenn:',
  'settings.submitted': 'ein Artikel zur Prüfung eingereicht wird',
  'settings.returned': 'mein Artikel an mich zurückgegeben wird',
  'settings.scheduled': 'mein Artikel eingeplant wird',
  'settings.published': 'mein Artikel veröffentlicht wird',
  'settings.save': 'Redaktions-E-Mails speichern',
  'settings.saved': 'Ihre Einstellungen für Redaktions-E-Mails sind gespeichert.',
} satisfies Catalogue<typeof en>;
