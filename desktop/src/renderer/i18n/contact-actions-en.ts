// English texts of the contact page's actions menu (part of en.ts).
export const contactActionsEn = {
  'contact.actions': 'Actions',
  'contact.openConversation': 'Open the conversation',
  'contact.openDeal': 'Open the deal',
};
