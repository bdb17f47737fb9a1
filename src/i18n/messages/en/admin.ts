/** English: the admin namespace (see common.ts for the format). */
export default {
  // The staff navigation and the staff home's list of tools (views/pages/admin/page.ts).
  'nav.label': 'Staff',
  'nav.home': 'Staff home',
  'tool.articles': 'Articles',
  'tool.articles.about': 'Write, review, schedule and publish; revisions and corrections.',
  'tool.front': 'Front page',
  'tool.front.about': 'Pin the lead and featured stories; choose and order the sections.',
  'tool.pages': 'Pages',
  'tool.pages.about': 'About, Contact and other static pages: write, publish, revisions.',
  'tool.moderation': 'Moderation',
  'tool.moderation.about': 'The queue of comments: approve, reject, feature; suspend and ban.',
  'tool.moderationLog': 'Moderation log',
  'tool.moderationLog.about': 'Every moderator action: who, when, what and why.',
  'tool.site': 'Site',
  'tool.site.about': 'Name, tagline, publisher, footer, logo and icon; time zone and language.',
  'tool.sections': 'Sections',
  'tool.sections.about': 'Create, rename, order, hide and remove the sections of the site.',
  'tool.settings': 'Settings',
  'tool.settings.about': 'Comment policy: pre-moderation, word lists, links, trust, limits.',
  'tool.people': 'People',
  'tool.people.about':
    'Invite staff; find people, change roles, names and bylines; suspend and ban.',
  'tool.deletedDrafts': 'Deleted drafts',
  'tool.deletedDrafts.about': 'Drafts deleted in the last 30 days: recover one as it was.',
  'tool.outbox': 'Outbox',
  'tool.outbox.about': 'Every email the site has sent or kept, newest first.',
  'tool.tokens': 'API tokens',
  'tool.tokens.about': 'Tokens for scripts: create and revoke.',
  'tool.import': 'Import',
  'tool.import.about': 'Bring articles and comments from WordPress, comments from Disqus.',
  'tool.menus': 'Menus',
  'tool.menus.about': 'The masthead’s and the footer’s menus: sections, pages and links, in order.',
  'tool.webhooks': 'Webhooks',
  'tool.insights': 'Insights',
  'tool.insights.about': 'What readers read, and where they came from, counted without tracking.',
  'tool.webhooks.about': 'Send events to other systems and Slack: signed, retried, logged.',

  // /admin
  'home.title': 'Staff',
  'home.signedInAs':
    'Signed in as {name} ({role, select, author {author} editor {editor} moderator {moderator} admin {admin} other {{role}}}).',
  'home.noTools': 'The newsroom and moderation tools for your role will appear here.',
  'home.done.setup': 'The site is set up and your admin account is ready. Welcome!',
  'home.done.demoRemoved': 'The demo content has been removed.',

  // Shared by the admin forms drawn here.
  'form.error': 'Error:',

  // /admin/site
  'site.title': 'Site',
  'site.intro':
    'How the site presents itself on every page, in its feeds, its search results and its emails.',
  'site.done.saved': 'The site’s details are saved. Every page shows them now.',
  'site.done.logo': 'The new logo is in the masthead.',
  'site.done.logoRemoved': 'The logo is removed: the masthead shows the site’s name.',
  'site.done.icons': 'The new icons are made: browsers show them as they next load a page.',
  'site.done.iconsRemoved': 'The icons are removed.',
  'site.identity.heading': 'Name and description',
  'site.name.label': 'Site name',
  'site.name.hint': 'In the masthead, page titles, feeds and emails.',
  'site.tagline.label': 'Tagline',
  'site.tagline.hint': 'A short line above the masthead. Optional.',
  'site.description.label': 'Description',
  'site.description.hint': 'One or two sentences for search engines and feed readers. Optional.',
  'site.publisherName.label': 'Publisher',
  'site.publisherName.hint':
    'The organisation that publishes the site, in structured data and feeds. Leave empty to use the site name.',
  'site.publisherUrl.label': 'Publisher’s web address',
  'site.publisherUrl.hint':
    'If the publisher has its own site, e.g. https://example.org. Optional.',
  'site.publisherEmail.label': 'Publisher’s contact email',
  'site.publisherEmail.hint': 'Shown to search engines as the publisher’s contact. Optional.',
  'site.footerText.label': 'Footer text',
  'site.footerText.hint':
    'A line at the foot of every page: a copyright notice, an address. Optional.',
  'site.timeZone.label': 'Time zone',
  'site.timeZone.hint':
    'The zone the newsroom works in: dates, times and scheduling on the site follow it.',
  'site.language.label': 'Language',
  'site.language.hint': 'The language of the site’s pages.',
  'site.credit': 'Show “Published with Broadsheet” in the footer',
  'site.save': 'Save',
  'site.upload': 'Upload',
  'site.logo.heading': 'Logo',
  'site.logo.current': 'The masthead shows this logo:',
  'site.logo.alt': 'The current logo',
  'site.logo.remove': 'Remove the logo',
  'site.logo.none': 'No logo: the masthead shows the site’s name in letters.',
  'site.logo.replace': 'Replace the logo',
  'site.logo.upload': 'Upload a logo',
  'site.logo.hint':
    'PNG, JPEG or WebP, at most {maxSize}; a wide picture with a transparent background works best. It is drawn 48 pixels high.',
  'site.icon.heading': 'Icon',
  'site.icon.current': 'Browser tabs, bookmarks and home screens show this icon:',
  'site.icon.alt': 'The current icon',
  'site.icon.remove': 'Remove the icon',
  'site.icon.none': 'No icon yet: browsers show their own.',
  'site.icon.replace': 'Replace the icon',
  'site.icon.upload': 'Upload an icon',
  'site.icon.hint':
    'A square PNG, JPEG or WebP of at least 512 × 512 pixels, at most {maxSize}. The favicon and every icon size are made from it.',
  'site.demo.heading': 'Demo content',
  'site.demo.text':
    'The site still has demo content: the made-up newspaper’s articles, comments, people and sections. Remove it, and nothing else, before the site goes public.',
  'site.demo.link': 'Review and remove the demo content',

  // /admin/site/demo/remove
  'demo.title': 'Remove the demo content',
  'demo.nothing': 'There is no demo content on this site: nothing to remove.',
  'demo.back': 'Back to the staff pages',
  'demo.intro':
    'This removes what the demo created, and nothing else, in one step that cannot be undone. To keep a copy first, run <code>npx broadsheet export FILE</code>.',
  'demo.removed.heading': 'What will be removed',
  'demo.removed.articles':
    '{count, plural, one {# article} other {# articles}}, with their revisions, corrections, tags and related-story links',
  'demo.removed.comments': '{count, plural, one {# comment} other {# comments}} on those articles',
  'demo.removed.commentsAdded':
    '{count, plural, one {# comment} other {# comments}} on those articles, <strong>including {added, plural, one {# comment} other {# comments}} written since the demo was loaded</strong>: comments on a demo article go with it, with their replies, reactions and reports',
  'demo.removed.accounts':
    '{count, plural, one {# account} other {# accounts}} of the demo’s writers and commenters (they have no passwords)',
  'demo.removed.sectionsAndTags':
    '{sections, plural, one {# section} other {# sections}} and {tags, plural, one {# tag} other {# tags}}',
  'demo.removed.images': '{count, plural, one {# image} other {# images}}',
  'demo.removed.siteName': 'the demo’s site name',
  'demo.removed.related':
    '{count, plural, one {# related-story link} other {# related-story links}} from your own articles to demo articles',
  'demo.kept.heading': 'What stays',
  'demo.kept.own':
    'Everything you added yourself: articles, sections, people, comments and images.',
  'demo.kept.section':
    'The demo’s section <strong>{name}</strong>: it holds {count, plural, one {# article} other {# articles}} of yours. Its name and description are the demo’s: change them if you keep it.',
  'demo.kept.person':
    'The demo account <strong>{name}</strong>: your content names them (a byline, a comment or a moderation record).',
  'demo.kept.images':
    '{count, plural, one {# demo image} other {# demo images}} your articles show.',
  'demo.kept.siteName': 'The site name: it is no longer the demo’s.',
  'demo.remove': 'Remove the demo content',
  'demo.cancel': 'Cancel',

  // /admin/tokens
  'tokens.title': 'API tokens',
  'tokens.done.revoked': 'The token has been revoked.',
  'tokens.never': 'never',
  'tokens.revokedAt': 'Revoked <time>{when}</time>',
  'tokens.revoke': 'Revoke<hidden> the token “{label}” of {name}</hidden>',
  'tokens.new.heading': 'New token for {email}',
  'tokens.new.once': 'Copy it now: it is shown only this once, and it cannot be recovered.',
  'tokens.new.use': 'Scripts send it as <code>Authorization: Bearer …</code>.',
  'tokens.create.heading': 'Create a token',
  'tokens.email.label': 'Email address of the person',
  'tokens.email.hint': 'The token acts as this person, with their role.',
  'tokens.label.label': 'Label',
  'tokens.label.hint': 'What it is for, e.g. “nightly import”.',
  'tokens.label.missing': 'Enter a label.',
  'tokens.create': 'Create token',
  'tokens.list.heading': 'Tokens',
  'tokens.column.label': 'Label',
  'tokens.column.person': 'Person',
  'tokens.column.created': 'Created',
  'tokens.column.lastUsed': 'Last used',
  'tokens.column.status': 'Status',
  'tokens.none': 'No tokens yet.',

  // /admin/outbox
  'outbox.title': 'Outbox',
  'outbox.intro':
    'Every email the site sends is recorded here. Without an SMTP server configured (<code>SMTP_URL</code>), this is the only place the messages go.',
  'outbox.to': 'To {address}',
  'outbox.sent': 'sent <time>{when}</time>',
  'outbox.failed': 'not delivered: {error}',
  'outbox.kept': 'kept in the outbox',
  'outbox.none': 'No mail yet.',
  'outbox.noOlder': 'No older mail.',
  'outbox.newest': 'Newest',
  'outbox.older': 'Older mail',

  // /admin/import
  'import.title': 'Import',
  'import.intro':
    'Bring articles and comments from WordPress, or comments from Disqus. The whole file is imported or nothing is; importing the same file again changes nothing. The operators’ guide (docs/import.md) says what maps to what.',
  'import.form.heading': 'Import a file',
  'import.kind.legend': 'What kind of file',
  'import.kind.wxr': 'WordPress export (Tools → Export, an .xml file)',
  'import.kind.disqus': 'Disqus export (comments only, onto articles already here)',
  'import.kind.missing': 'Choose what kind of file it is: WordPress or Disqus.',
  'import.file.label': 'File',
  'import.file.hint': 'An .xml file of at most {max} MB.',
  'import.file.missing': 'Choose the file to import.',
  'import.submit': 'Upload and import',
  'import.recent.heading': 'Recent imports',
  'import.recent.none': 'Nothing imported yet.',
  'import.column.file': 'File',
  'import.column.kind': 'Kind',
  'import.column.started': 'Started',
  'import.column.status': 'Status',
  'import.unnamed': 'upload',
  'import.format':
    '{format, select, wxr {WordPress export (WXR)} disqus {Disqus export} other {{format}}}',
  'import.status':
    '{status, select, running {Importing ({percent}%)} done {Imported} other {Refused or failed}}',
  'import.megabytes': '{size} MB',
  'import.job.title': 'Import of {name}',
  'import.job.titleRunning': 'Importing…',
  'import.job.heading': 'Import of {name}',
  'import.job.headingUnnamed': 'Import of an upload',
  'import.job.about': '{format}, {size}, started <time>{when}</time>.',
  'import.progress.label': 'Reading the file',
  'import.progress.percent': '{percent}%',
  'import.progress.read':
    '{percent}% — {done} of {total} read. Nothing shows on the site until the whole file is in.',
  'import.progress.refresh': 'Refresh to see how far it has got',
  'import.job.finished': 'Imported, finished <time>{when}</time>.',
  'import.job.failed.heading': 'Nothing was imported',
  'import.job.failed': 'The import failed.',
  'import.back': 'Back to imports',
  'import.report.heading': 'Report',
  'import.report.source': '{format} from {source}',
  'import.report.inFile.wxr':
    'In the file: {posts, plural, one {# item} other {# items}}, {comments, plural, one {# comment} other {# comments}}.',
  'import.report.inFile.disqus':
    'In the file: {threads, plural, one {# thread} other {# threads}}, {comments, plural, one {# post} other {# posts}}.',
  'import.report.threadsMatched': 'Threads matched to articles here: {matched} of {threads}.',
  'import.report.created':
    'Imported: {published, plural, one {# published article} other {# published articles}}, {drafts, plural, one {# draft} other {# drafts}}, {sections, plural, one {# new section} other {# new sections}}, {accounts, plural, one {# new author account} other {# new author accounts}}, {redirects, plural, one {# old address} other {# old addresses}} redirected.',
  'import.report.comments':
    'Imported {comments, plural, one {# comment} other {# comments}}: {published} published, {pending} awaiting review, {rejected} rejected, {deleted} deleted.',
  'import.report.unchanged':
    'Already imported before, left unchanged: {articles, plural, one {# article} other {# articles}}, {comments, plural, one {# comment} other {# comments}}.',
  'import.report.notes': 'Notes',
  'import.report.note': '{count} × {reason} ({examples})',
  'import.report.skipped': 'Skipped',
  'import.report.skippedNone': 'Nothing was skipped.',
  'import.report.column.count': 'How many',
  'import.report.column.reason': 'Why',
  'import.report.column.examples': 'For example',
  'import.report.more': '{examples}, and {more} more',
  // What an import skipped or noted, as the importer records it (services/imports).
  'import.reason.page': 'WordPress pages are not articles',
  'import.reason.attachment':
    'media files are not imported (the export holds only their addresses)',
  'import.reason.menu': 'menus are not imported',
  'import.reason.revision': 'earlier versions are not imported',
  'import.reason.block': 'reusable blocks are not imported',
  'import.reason.theme': 'themes are not imported',
  'import.reason.otherType': 'items of type “{type}” are not articles',
  'import.reason.commentsOfSkipped': 'comments on items that are not imported',
  'import.reason.private': 'private posts are not imported (they were never public)',
  'import.reason.status': 'posts with the status “{status}” are not imported',
  'import.reason.pingback': 'pingbacks and trackbacks are not comments',
  'import.reason.orphanReply':
    'replies to a comment not in the file (WordPress leaves spam out) came in as top-level comments',
  'import.reason.orphanPost': 'replies to a post not in the file came in as top-level comments',
  'import.reason.unmatchedThread':
    'posts in threads that match no article here (by address or identifier)',
  'import.example.comment': 'comment {id}',
  'import.example.post': 'post {id} (parent {parent})',
  'import.example.thread': 'thread {id}',
  'import.example.item': '“{title}” (id {id})',
};
