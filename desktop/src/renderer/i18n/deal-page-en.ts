// English texts of the deal's page (`#/deals/<id>`, issue 64): the way back, the save bar with its one
// Save, a deal that is not here, and the quote's total as the deal's amount (spread into en.ts).
export const dealPageEn = {
  'dealPage.back': 'Deals',
  'dealPage.backLabel': 'Back to the deals',
  'dealPage.details': 'Details',
  'dealPage.work': 'Quote, tasks and history',
  'dealPage.notFound': 'This deal is not here: it was deleted, or it has not reached this device yet.',
  'dealPage.unsaved': 'Unsaved changes',
  'dealPage.discard': 'Discard',
  'dealPage.saved': 'Saved',
  'dealPage.open': 'Open the deal’s page',
  'dealPage.useQuote': 'Use {total} as the deal amount',
  'dealPage.quoteIsAmount': 'The deal amount is the quote’s total.',
} as const;
