// English strings of knowledge sources' actions and of websites as knowledge (screens/knowledge/Websites.tsx; spread into en.ts).
export const knowledgeWebEn = {
  'knowledge.passages': '{n, plural, =0 {no passages} one {# passage} other {# passages}}',
  'knowledge.filter': 'Filter sources',
  'knowledge.filterEmpty': 'No source matches "{filter}".',
  'knowledge.group.files': 'Files',
  'knowledge.group.websites': 'Websites',
  'knowledge.group.faq': 'FAQ articles',
  'knowledge.reindex': 'Index again',
  'knowledge.removeConfirm': 'Remove "{title}" and its passages from the knowledge base?',
  'knowledge.kind.website': 'Website',
  'website.add': 'Add a website',
  'website.hint':
    'Its pages are read into the knowledge base (from the sitemap, or by following the links from this page) and read again on the schedule: changed pages are updated, removed ones dropped. The robots.txt of the site is respected.',
  'website.url': 'Address of the site, a section or its sitemap',
  'website.maxPages': 'Pages at most',
  'website.refresh': 'Read again',
  'website.refresh.24': 'every day',
  'website.refresh.168': 'every week',
  'website.refresh.0': 'only when asked',
  'website.addButton': 'Add website',
  'website.added': 'Added: reading the pages now.',
  'website.duplicate': 'This website is already in the knowledge base.',
  'website.crawling': 'reading pages: {done, number} of {found, number}',
  'website.pages': '{n, plural, =0 {no pages yet} one {# page} other {# pages}}',
  'website.lastRun':
    'last read {at}: {changed, number} new or changed, {unchanged, number} unchanged, {removed, number} removed, {failed, number} failed',
  'website.nextRun': 'next {at}',
  'website.manual': 'read again only when asked',
  'website.crawlNow': 'Read again now',
  'website.remove': 'Remove',
  'website.removeConfirm':
    'Remove the website "{title}" and its {n, plural, one {# page} other {# pages}} from the knowledge base?',
  'website.showPages': '{n, plural, one {Show # page} other {Show # pages}}',
  'knowledge.phrasings':
    '{n, plural, one {# question learned from customers} other {# questions learned from customers}}',
  'knowledge.phrasingsHint':
    'Customers picked this article for these questions; the search finds it by them too.',
  'knowledge.phrasingRemove': 'Remove the learned question "{text}"',
} as const;
