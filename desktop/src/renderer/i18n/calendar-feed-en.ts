// English strings of the calendar feed card in Settings (spread into en.ts).
export const calendarFeedEn = {
  'calendarFeed.title': 'Calendar feed',
  'calendarFeed.intro':
    'Subscribe to your meetings and tasks with a due date from Google Calendar, Apple Calendar or Outlook: yours, those you attend, and those about your deals, conversations and customers, including the ones agents planned.',
  'calendarFeed.warning':
    'Anyone with this URL can read your calendar, customer names included, without signing in. Keep it private; if it leaked, make a new one.',
  'calendarFeed.none': 'You have no calendar feed.',
  'calendarFeed.active':
    'Your feed URL was made {date}. It is shown only once, when made: make a new one to see it again (the old one stops working).',
  'calendarFeed.create': 'Make the feed URL',
  'calendarFeed.rotate': 'Make a new URL',
  'calendarFeed.revoke': 'Turn the feed off',
  'calendarFeed.confirmRotate': 'Make a new URL? Calendars subscribed to the old one stop updating.',
  'calendarFeed.confirmRevoke': 'Turn the feed off? Calendars subscribed to it stop updating.',
  'calendarFeed.made': 'Feed URL made. Copy it now: it is not shown again.',
  'calendarFeed.revoked': 'The feed is off; its URL no longer works.',
  'calendarFeed.urlLabel': 'Feed URL',
  'calendarFeed.howTo':
    'Google Calendar: Other calendars → From URL. Apple Calendar: File → New Calendar Subscription. Outlook: Add calendar → Subscribe from web.',
  'calendarFeed.confirm': 'Yes, go on',
  'calendarFeed.cancel': 'Cancel',
  'calendarFeed.offline': 'Connect to the server to manage your calendar feed.',
} as const;
