/** English: the staff-mail namespace — the newsroom's emails (services/staff-notifications.ts). */
export default {
  greeting: 'Hello {name},',
  'submitted.subject': 'For review: {headline}',
  'submitted.body': '{actor} submitted “{headline}” for review. Open it in the newsroom:',
  'returned.subject': 'Sent back to you: {headline}',
  'returned.body': '{actor} sent “{headline}” back to you as a draft.',
  'returned.note': 'Their note:',
  'scheduled.subject': 'Scheduled: {headline}',
  'scheduled.body': '{actor} scheduled “{headline}” to be published on {when}.',
  'published.subject': 'Published: {headline}',
  'published.body': '{actor} published “{headline}”. It is on {site} now:',
  'published.scheduled': '“{headline}” was published at its scheduled time. It is on {site} now:',
  stop: 'You get this email because you work in the newsroom of {site}. To choose which newsroom emails you get, see “Newsroom emails” on your account page:',
  // /account: the settings section.
  'settings.heading': 'Newsroom emails',
  'settings.intro': 'Email me when:',
  'settings.submitted': 'an article is submitted for review',
  'settings.returned': 'my article is sent back to me',
  'settings.scheduled': 'my article is scheduled',
  'settings.published': 'my article is published',
  'settings.save': 'Save newsroom emails',
  'settings.saved': 'Your newsroom email settings are saved.',
};
