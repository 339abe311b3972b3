// Russian texts of the phone-width layout (issue 37): the menu in the top bar and the back buttons
// of the stacked views (Inbox: list → conversation → customer; Contacts: list → contact). Part of ru.ts.
export const layoutRu = {
  'layout.menu': 'Меню',
  'layout.back': 'Назад',
  'layout.backToConversations': 'Назад к диалогам',
  'layout.backToConversation': 'Назад к диалогу',
  'layout.backToContacts': 'Назад к контактам',
  'layout.customer': 'Клиент',
};
