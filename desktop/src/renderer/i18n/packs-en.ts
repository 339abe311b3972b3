// English strings of the domain packs card in Settings (spread into en.ts).
export const packsEn = {
  'packs.title': 'Industry packs',
  'packs.intro':
    'A pack sets the team up for a business: pipelines with their deal fields, a rate card, agent profiles and the intents they understand. Applying keeps everything the team already has; applying again adds nothing.',
  'packs.builtin': 'built in',
  'packs.preview': 'Preview',
  'packs.apply': 'Apply',
  'packs.wouldAdd': 'Would add:',
  'packs.added': 'Added:',
  'packs.kept': 'Kept as the team has it:',
  'packs.none': 'nothing',
  'packs.applied': '{name}: {count} item(s) added.',
  'packs.nothingToAdd': '{name}: nothing to add, the team has it all.',
  'packs.adminOnly': 'Only admins apply packs.',
  'packs.offline': 'Connect to the server to see the packs.',
  'packs.kind.pipeline': 'Pipeline',
  'packs.kind.custom-fields': 'Deal fields',
  'packs.kind.rate-cards': 'Rate cards',
  'packs.kind.vendors': 'Vendors',
  'packs.kind.profile': 'Agent profile',
  'packs.kind.intents': 'Intents',
  'packs.kind.knowledge': 'Knowledge',
} as const;
