/** English: the reader's pages (front, sections, articles, listings, search, corrections, feeds). */
export default {
  // The front page
  'front.heading': '{site}: latest news',
  'front.description': 'The latest news from {site}.',
  'front.latest': 'Latest',
  'front.featured': 'Featured',
  'front.empty': 'Nothing has been published yet.',

  // Story cards
  byline: 'By <names></names>',

  // Sections, authors, topics
  'section.empty': 'No articles here yet.',
  'section.description': '{section} from {site}.',
  'listing.empty': 'No published articles yet.',
  'listing.description': '{title} at {site}.',
  'author.kicker': 'Author',
  'author.photo': 'Photo of {name}',
  'tag.kicker': 'Topic',

  // The article
  'article.tools': 'Article tools',
  'article.comment': 'Comment',
  'article.commentCount': 'Comment, {count, plural, one {# comment} other {# comments}}',
  'article.print': 'Print',
  'article.printComments': 'Include comments<hidden> when printing</hidden>',
  'article.published': 'Published <time>{when}</time>',
  'article.updated': 'Updated <time>{when}</time>',
  'article.updateNote': '<strong>Update:</strong> {note}',
  'article.topics': 'Topics:',
  'article.related': 'Related stories',
  'article.inlineRelated': 'Related story',
  'article.inlineRelatedLabel': 'Related',
  'article.missingImage': 'No uploaded image “{id}”: readers will not see this.',
  'article.missingArticle': 'No published article “{slug}”: readers will not see this.',
  'print.source': 'Printed from <url>{address}</url>',
  /** Before the date a page was printed on ("Printed from … on 3 December 2026"). */
  'print.on': 'on',
  'print.notice':
    'This is the print-friendly version of the article. To print it, use your browser’s Print command (Ctrl+P, or ⌘+P on a Mac).',
  'print.included': 'Comments are included.',
  'print.leaveOut': 'Leave out comments',
  'print.leftOut': 'Comments are left out.',
  'print.include': 'Include comments',
  'print.back': 'Back to the article',

  // Corrections
  'corrections.kind':
    '{kind, select, correction {Correction} clarification {Clarification} other {Update}}',
  'corrections.retracted': 'Retracted',
  'corrections.important': 'Important correction',
  'corrections.heading': 'Corrections and clarifications',
  'corrections.intro':
    'When we get something wrong we say so, on the article and here. Follow this list with the <rss>RSS feed</rss> or the <atom>Atom feed</atom>.',
  'corrections.empty': 'No corrections have been published.',
  'corrections.older': 'Older corrections',
  'corrections.description': 'Corrections, clarifications and updates published by {site}.',
  'corrections.feedTitle': '{site}: corrections',

  // Search
  'search.label': 'Search articles',
  'search.title': 'Search: {query}',
  'search.description': 'Search the articles of {site}.',
  'search.help':
    'Type one or more words. Put words in "quotes" to find them together, or put a minus before a word to leave out articles that have it.',
  'search.none': 'No articles match <strong>{query}</strong>.',
  'search.noneHelp':
    'Check the spelling, try fewer or more general words, or browse the sections above.',
  'search.pastEnd':
    '{count, plural, one {# article matches} other {# articles match}} <strong>{query}</strong>, but there are no more on this page.',
  'search.firstPage': 'Go to the first page',
  'search.found':
    '{count, plural, one {# article matches} other {# articles match}} <strong>{query}</strong>.',
  'search.foundSome':
    '{count, plural, one {# article matches} other {# articles match}} <strong>{query}</strong>; showing {first} to {last}.',
  'search.results': 'Search results',
  'search.pages': 'Search result pages',
  'search.previous': 'Previous page',
  'search.next': 'Next page',
  'search.page': 'Page {page} of {count}',

  // Notices (404 and other pages a reader can hit)
  'notice.front': 'Go to the front page',

  // Adjust
  'adjust.button': 'Adjust',
  'adjust.nojs':
    'To change the text size, use your browser’s zoom: press Ctrl and + (or ⌘ and + on a Mac) to make it larger, Ctrl and − to make it smaller, and Ctrl and 0 to go back to normal.',
  'adjust.size': 'Text size',
  'adjust.leading': 'Line spacing',
  'adjust.tight': 'Tight',
  'adjust.standard': 'Standard',
  'adjust.loose': 'Loose',
  'adjust.font': 'Font',
  'adjust.serif': 'Serif',
  'adjust.sans': 'Sans-serif',
  'adjust.theme': 'Theme',
  'adjust.auto': 'Auto (system)',
  'adjust.light': 'Light',
  'adjust.dark': 'Dark',
  'adjust.sepia': 'Sepia',
  'adjust.width': 'Content width',
  'adjust.narrow': 'Narrow',
  'adjust.wide': 'Wide',
  'adjust.reset': 'Reset to defaults',
  'adjust.resetDone': 'All reading settings are back to their defaults.',
  'adjust.siteLanguage': 'Site language',
  'adjust.languageNote': 'Articles stay in the language they were written in.',

  // Feeds (in the site's language)
  'feed.latest': 'The latest from {site}.',
  'feed.corrections': '{site}: corrections and clarifications',
  'feed.correctionsDescription':
    'Corrections, clarifications and updates to articles published by {site}.',
  'feed.correctionTitle':
    '{kind, select, correction {Correction} clarification {Clarification} other {Update}}: {headline}',
};
