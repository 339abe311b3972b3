// English strings of a team's first day (issue 64 item 3): what each empty screen says to do next
// (the inbox with no conversation, the catalog with no product, a board column with no deal), the
// packs card's way to the board it set up and the choice of the team's board pipeline (spread into en.ts).
export const firstDayEn = {
  'inbox.none.title': 'No conversations yet',
  'inbox.none.next':
    'Customers’ messages arrive here once a channel is connected. Try the agent in the test chat meanwhile.',
  'inbox.none.connect': 'Connect a channel',
  'inbox.none.testChat': 'Try the test chat',
  'catalog.none.title': 'No products yet',
  'catalog.none.next': 'Add a product, or import a price list (CSV): the AI quotes prices from it.',
  'catalog.none.add': 'Add a product',
  'catalog.none.import': 'Import a price list',
  'catalog.none.readOnly': 'An admin adds the products or imports a price list.',
  'board.emptyColumn': 'No deals here yet. Add one above, or drag a card here.',
  'packs.openBoard': 'Open the {name} board',
  'pipelines.primary': 'The team’s board opens on this pipeline',
  'pipelines.primarySaved': 'The team’s board now opens on “{name}”.',
} as const;
