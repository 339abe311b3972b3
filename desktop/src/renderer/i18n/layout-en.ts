// English texts of the phone-width layout (issue 37): the menu in the top bar and the back buttons
// of the stacked views (Inbox: list → conversation → customer; Contacts: list → contact). Part of en.ts.
export const layoutEn = {
  'layout.menu': 'Menu',
  'layout.back': 'Back',
  'layout.backToConversations': 'Back to conversations',
  'layout.backToConversation': 'Back to the conversation',
  'layout.backToContacts': 'Back to contacts',
  'layout.customer': 'Customer',
};
