// English texts of the deal's page (`#/deals/<id>`, issue 64): the way back, the properties saved in
// place (saving, saved, why not), a deal that is not here, and the quote's total as the deal's amount
// (spread into en.ts).
export const dealPageEn = {
  'dealPage.back': 'Deals',
  'dealPage.backLabel': 'Back to the deals',
  'dealPage.details': 'Details',
  'dealPage.work': 'Quote, tasks and history',
  'dealPage.notFound': 'This deal is not here: it was deleted, or it has not reached this device yet.',
  'dealPage.saving': 'Saving…',
  'dealPage.saved': 'Saved',
  'dealPage.notSaved': 'Not saved: fix the field marked below.',
  'dealPage.saveFailed': 'Not saved: {message}',
  'dealPage.editHint': 'Each field saves when you leave it or press Enter.',
  'dealPage.numberInvalid': 'Type a number, e.g. 150.',
  'deal.titleRequired': 'A deal needs a title.',
  'dealPage.open': 'Open the deal’s page',
  'dealPage.useQuote': 'Use {total} as the deal amount',
  'dealPage.quoteIsAmount': 'The deal amount is the quote’s total.',
} as const;
