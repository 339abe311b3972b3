// English strings of the command palette's result groups (spread into en.ts).
export const paletteEn = {
  'palette.group.contact': 'Contacts',
  'palette.group.lead': 'Deals',
  'palette.group.conversation': 'Conversations',
  'palette.group.knowledge': 'Knowledge',
  'palette.group.commands': 'Actions',
  'palette.conversation': 'Conversation',
};
